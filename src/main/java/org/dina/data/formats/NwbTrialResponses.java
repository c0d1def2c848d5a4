package org.dina.data.formats;

import java.util.List;

/**
 * One response per presentation and ROI from continuous traces, by a {@link TrialWindow}: each plane (series) on its
 * own clock, ROIs of the planes side by side. Only the samples a presentation's windows cover are read, so a long
 * recording is never held whole.
 */
final class NwbTrialResponses {
    private NwbTrialResponses() {}

    /**
     * @return [presentations, ROIs of all planes] in C order; a presentation whose window (or baseline) holds no sample
     *         in some plane is marked in {@code outside} and its row left as NaN
     */
    static double[] compute(NwbFile f, List<NwbTraces> planes, double[] onsets, TrialWindow w, boolean[] outside) {
        int n = 0;
        for (NwbTraces p : planes) n += p.rois();
        double[] out = new double[onsets.length * n];
        java.util.Arrays.fill(out, Double.NaN);
        int col = 0;
        for (NwbTraces p : planes) {
            for (int t = 0; t < onsets.length; t++) {
                if (outside[t]) continue;
                int a = p.firstAtOrAfter(onsets[t] + w.start()), b = p.firstAtOrAfter(onsets[t] + w.end());
                int c = a, d = b;
                if (w.hasBaseline()) {
                    c = p.firstAtOrAfter(onsets[t] + w.baselineStart());
                    d = p.firstAtOrAfter(onsets[t] + w.baselineEnd());
                }
                if (b <= a || d <= c) {
                    outside[t] = true;
                    continue;
                }
                int from = Math.min(a, c), to = Math.max(b, d);
                double[] samples = p.window(f, from, to);
                for (int j = 0; j < p.rois(); j++) {
                    double v = mean(samples, p.rois(), j, a - from, b - from);
                    if (w.hasBaseline()) v -= mean(samples, p.rois(), j, c - from, d - from);
                    out[t * n + col + j] = v;
                }
            }
            col += p.rois();
        }
        return out;
    }

    private static double mean(double[] samples, int rois, int roi, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += samples[i * rois + roi];
        return s / (to - from);
    }
}
