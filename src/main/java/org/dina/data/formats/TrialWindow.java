package org.dina.data.formats;

import java.util.Locale;

/**
 * How a continuous trace becomes one response per presentation: the mean of the samples whose time t satisfies
 * {@code onset + start <= t < onset + end}, minus, when a baseline is set, the mean over
 * {@code onset + baselineStart <= t < onset + baselineEnd}. Times in seconds relative to the onset.
 *
 * <p>The default, 0.1 to 0.5 s and no baseline, skips the first 100 ms (calcium indicators rise slowly) and stays
 * inside the 250–500 ms most natural-image protocols show an image for. No baseline by default because images are
 * often shown back to back (the Allen natural scenes are), so the half second before an onset is the previous
 * image's response, not a resting level.
 *
 * @param start         the response window's start, seconds after the onset
 * @param end           the response window's end (excluded), after {@code start}
 * @param baselineStart the baseline window's start, seconds after the onset (negative: before it); NaN for none
 * @param baselineEnd   the baseline window's end (excluded), after {@code baselineStart}; NaN for none
 */
public record TrialWindow(double start, double end, double baselineStart, double baselineEnd) {
    /** 0.1 to 0.5 s after the onset, no baseline. */
    public static final TrialWindow DEFAULT = new TrialWindow(0.1, 0.5, Double.NaN, Double.NaN);

    /** Checks that each window is two finite times in order (or, for the baseline, two NaNs). */
    public TrialWindow {
        if (!(Double.isFinite(start) && Double.isFinite(end) && start < end)) {
            throw new IllegalArgumentException("the response window must be two finite times with start < end, got "
                    + start + ":" + end);
        }
        boolean noBaseline = Double.isNaN(baselineStart) && Double.isNaN(baselineEnd);
        if (!noBaseline && !(Double.isFinite(baselineStart) && Double.isFinite(baselineEnd) && baselineStart < baselineEnd)) {
            throw new IllegalArgumentException("the baseline window must be two finite times with start < end, got "
                    + baselineStart + ":" + baselineEnd);
        }
    }

    /** {@return whether a baseline is subtracted} */
    public boolean hasBaseline() { return !Double.isNaN(baselineStart); }

    /**
     * Parses {@code --window} and {@code --baseline}.
     *
     * @param window   {@code START:END} in seconds after the onset, or null for the default
     * @param baseline {@code START:END} in seconds after the onset, {@code none}, or null for none
     * @return the windows
     * @throws IllegalArgumentException with a message a user can act on, naming the option
     */
    public static TrialWindow parse(String window, String baseline) {
        double[] w = window == null ? new double[] {DEFAULT.start, DEFAULT.end} : range("--window", window);
        double[] b = baseline == null || baseline.strip().equalsIgnoreCase("none") ? new double[] {Double.NaN, Double.NaN}
                : range("--baseline", baseline);
        return new TrialWindow(w[0], w[1], b[0], b[1]);
    }

    private static double[] range(String option, String s) {
        String[] p = s.strip().split(":");
        try {
            if (p.length == 2) return new double[] {Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip())};
        } catch (NumberFormatException ignored) {
            // falls through to the message
        }
        throw new IllegalArgumentException(option + " must look like START:END in seconds after the onset (e.g. 0.1:0.5), got '"
                + s + "'");
    }

    /** As the options would write it, for reports. */
    @Override
    public String toString() {
        String w = String.format(Locale.ROOT, "window %g:%g s", start, end);
        return hasBaseline() ? w + String.format(Locale.ROOT, ", baseline %g:%g s", baselineStart, baselineEnd) : w + ", no baseline";
    }
}
