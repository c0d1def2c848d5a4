package org.dina.kernels;

import org.dina.kernels.Conv2d.Spec;
import org.dina.tensor.Tensor;

/**
 * Plain nested-loop reference for {@link Conv2d}: the definition of the convolution written out, one output at a
 * time, summed in double precision. Slow on purpose; tests compare the fast kernels against it.
 */
public final class Conv2dScalar {
    private Conv2dScalar() {}

    /** y = conv(x, w) + bias (bias may be null); y is overwritten. */
    public static void forward(Spec s, Tensor x, Tensor w, Tensor bias, Tensor y) {
        int n = x.dim(0), h = x.dim(2), wd = x.dim(3), ho = s.outH(h), wo = s.outW(wd);
        y.requireShape("Conv2dScalar.forward y", s.outputShape(n, h, wd));
        int cg = s.cinPerGroup(), mg = s.coutPerGroup();
        float[] xv = x.toArray(), wv = w.toArray(), out = new float[(int) y.numel()];
        for (int b = 0; b < n; b++) {
            for (int co = 0; co < s.cout(); co++) {
                int grp = co / mg;
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        double acc = bias == null ? 0 : bias.getFlat(co);
                        for (int c = 0; c < cg; c++) {
                            int ci = grp * cg + c;
                            for (int i = 0; i < s.kh(); i++) {
                                int ih = oh * s.sh() + i - s.ph();
                                if (ih < 0 || ih >= h) continue;
                                for (int j = 0; j < s.kw(); j++) {
                                    int iw = ow * s.sw() + j - s.pw();
                                    if (iw < 0 || iw >= wd) continue;
                                    acc += (double) xv[((b * s.cin() + ci) * h + ih) * wd + iw]
                                            * wv[((co * cg + c) * s.kh() + i) * s.kw() + j];
                                }
                            }
                        }
                        out[((b * s.cout() + co) * ho + oh) * wo + ow] = (float) acc;
                    }
                }
            }
        }
        y.copyFrom(out);
    }

    /** dx = dL/dx (overwritten), each input element summed over the outputs it feeds. */
    public static void backwardInput(Spec s, Tensor dy, Tensor w, Tensor dx) {
        int n = dx.dim(0), h = dx.dim(2), wd = dx.dim(3), ho = s.outH(h), wo = s.outW(wd);
        dy.requireShape("Conv2dScalar.backwardInput dy", s.outputShape(n, h, wd));
        int cg = s.cinPerGroup(), mg = s.coutPerGroup();
        float[] dyv = dy.toArray(), wv = w.toArray();
        double[] acc = new double[(int) dx.numel()];
        for (int b = 0; b < n; b++) {
            for (int co = 0; co < s.cout(); co++) {
                int grp = co / mg;
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        double g = dyv[((b * s.cout() + co) * ho + oh) * wo + ow];
                        for (int c = 0; c < cg; c++) {
                            int ci = grp * cg + c;
                            for (int i = 0; i < s.kh(); i++) {
                                int ih = oh * s.sh() + i - s.ph();
                                if (ih < 0 || ih >= h) continue;
                                for (int j = 0; j < s.kw(); j++) {
                                    int iw = ow * s.sw() + j - s.pw();
                                    if (iw < 0 || iw >= wd) continue;
                                    acc[((b * s.cin() + ci) * h + ih) * wd + iw] += g * wv[((co * cg + c) * s.kh() + i) * s.kw() + j];
                                }
                            }
                        }
                    }
                }
            }
        }
        dx.copyFrom(toFloat(acc));
    }

    /** dw += dL/dw and, when db is not null, db += dL/db. */
    public static void backwardWeight(Spec s, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        int n = x.dim(0), h = x.dim(2), wd = x.dim(3), ho = s.outH(h), wo = s.outW(wd);
        dy.requireShape("Conv2dScalar.backwardWeight dy", s.outputShape(n, h, wd));
        int cg = s.cinPerGroup(), mg = s.coutPerGroup();
        float[] xv = x.toArray(), dyv = dy.toArray();
        double[] gw = new double[(int) dw.numel()];
        double[] gb = new double[s.cout()];
        for (int b = 0; b < n; b++) {
            for (int co = 0; co < s.cout(); co++) {
                int grp = co / mg;
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        double g = dyv[((b * s.cout() + co) * ho + oh) * wo + ow];
                        gb[co] += g;
                        for (int c = 0; c < cg; c++) {
                            int ci = grp * cg + c;
                            for (int i = 0; i < s.kh(); i++) {
                                int ih = oh * s.sh() + i - s.ph();
                                if (ih < 0 || ih >= h) continue;
                                for (int j = 0; j < s.kw(); j++) {
                                    int iw = ow * s.sw() + j - s.pw();
                                    if (iw < 0 || iw >= wd) continue;
                                    gw[((co * cg + c) * s.kh() + i) * s.kw() + j] += g * xv[((b * s.cin() + ci) * h + ih) * wd + iw];
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < gw.length; i++) dw.setFlat(i, (float) (dw.getFlat(i) + gw[i]));
        if (db != null) for (int co = 0; co < s.cout(); co++) db.setFlat(co, (float) (db.getFlat(co) + gb[co]));
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
