package org.dina.data;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SyntheticImagesTest {

    @Test
    void imagesLieInZeroOneAndHaveContrast() {
        Tensor img = SyntheticImages.generate(1, 9, 68, 270, 1.0).images();
        assertTrue(img.hasShape(9, 68, 270));
        float[] v = img.toArray();
        int plane = 68 * 270;
        for (int k = 0; k < 9; k++) {
            double s = 0, ss = 0;
            for (int i = 0; i < plane; i++) {
                float x = v[k * plane + i];
                assertTrue(x >= 0f && x <= 1f, "pixel " + x);
                s += x;
                ss += x * x;
            }
            double mean = s / plane, sd = Math.sqrt(ss / plane - mean * mean);
            assertTrue(sd > 0.08 && sd < 0.3, "image " + k + " has contrast " + sd);
        }
    }

    @Test
    void imageKDependsOnlyOnSeedAndK() {
        float[] five = SyntheticImages.generate(4, 5, 34, 100, 1.0).images().toArray();
        float[] eight = SyntheticImages.generate(4, 8, 34, 100, 1.0).images().toArray();
        for (int i = 0; i < five.length; i++) assertEquals(Float.floatToIntBits(five[i]), Float.floatToIntBits(eight[i]));
    }

    @Test
    void amplitudeSpectrumFallsAsOneOverF() {
        double slope = spectrumSlope(SyntheticImages.generate(2, 24, 68, 270, 1.0).images());
        System.out.printf("amplitude spectrum slope (log-log, 0.02..0.3 cycles/pixel): %.3f%n", slope);
        assertTrue(slope > -1.5 && slope < -0.5, "slope " + slope);
        // the test can tell spectra apart: white-ish noise under the same occluders is much flatter
        double flatter = spectrumSlope(SyntheticImages.generate(2, 24, 68, 270, 0.0).images());
        System.out.printf("slope with spectrumExponent 0: %.3f%n", flatter);
        assertTrue(flatter > slope + 0.3, "exponent 0 should flatten the spectrum: " + flatter + " vs " + slope);
    }

    @Test
    void categoriesNameTheLargestOccluderFill() {
        int[] cats = SyntheticImages.generate(3, 60, 68, 270, 1.0).categories();
        int[] seen = new int[SyntheticImages.CATEGORY_NAMES.size()];
        for (int c : cats) seen[c]++;
        for (int i = 0; i < seen.length; i++) assertTrue(seen[i] > 0, "category " + SyntheticImages.CATEGORY_NAMES.get(i) + " never drawn");
    }

    /** Least-squares slope of log mean amplitude against log radial frequency, Hann-windowed 64x256 crops. */
    static double spectrumSlope(Tensor images) {
        int ch = 64, cw = 256, k = images.dim(0), h = images.dim(1), w = images.dim(2);
        int oy = (h - ch) / 2, ox = (w - cw) / 2;
        Fft fr = new Fft(cw), fc = new Fft(ch);
        int bins = 12;
        double lo = 0.02, hi = 0.3;
        double[] sumAmp = new double[bins], sumLogF = new double[bins];
        int[] count = new int[bins];
        double[] re = new double[ch * cw], im = new double[ch * cw], cr = new double[ch], ci = new double[ch];
        for (int n = 0; n < k; n++) {
            double mean = 0;
            for (int y = 0; y < ch; y++) for (int x = 0; x < cw; x++) mean += images.get(n, oy + y, ox + x);
            mean /= ch * cw;
            for (int y = 0; y < ch; y++) {
                double wy = 0.5 - 0.5 * Math.cos(2 * Math.PI * y / (ch - 1));
                for (int x = 0; x < cw; x++) {
                    double wx = 0.5 - 0.5 * Math.cos(2 * Math.PI * x / (cw - 1));
                    re[y * cw + x] = (images.get(n, oy + y, ox + x) - mean) * wy * wx;
                    im[y * cw + x] = 0;
                }
            }
            for (int y = 0; y < ch; y++) fr.transform(re, im, y * cw, false);
            for (int x = 0; x < cw; x++) {
                for (int y = 0; y < ch; y++) { cr[y] = re[y * cw + x]; ci[y] = im[y * cw + x]; }
                fc.transform(cr, ci, 0, false);
                for (int y = 0; y < ch; y++) { re[y * cw + x] = cr[y]; im[y * cw + x] = ci[y]; }
            }
            for (int ky = 0; ky < ch; ky++) {
                double fy = (ky <= ch / 2 ? ky : ky - ch) / (double) ch;
                for (int kx = 0; kx < cw; kx++) {
                    double fx = (kx <= cw / 2 ? kx : kx - cw) / (double) cw;
                    double f = Math.sqrt(fx * fx + fy * fy);
                    if (f < lo || f >= hi) continue;
                    int b = (int) (bins * Math.log(f / lo) / Math.log(hi / lo));
                    sumAmp[b] += Math.hypot(re[ky * cw + kx], im[ky * cw + kx]);
                    sumLogF[b] += Math.log(f);
                    count[b]++;
                }
            }
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) continue;
            double x = sumLogF[b] / count[b], y = Math.log(sumAmp[b] / count[b]);
            sx += x; sy += y; sxx += x * x; sxy += x * y;
            m++;
        }
        return (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }
}
