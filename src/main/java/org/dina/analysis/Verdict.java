package org.dina.analysis;

/**
 * What one test says about a claim. The rule is the same for every test so that the table can be read without the
 * code: <em>supported</em> needs both a one-sided p-value below alpha against the test's null and an interval that
 * lies entirely on the claimed side of the null value; <em>not supported</em> needs the interval to lie entirely at
 * or beyond the null value on the other side (the effect is absent or reversed with the data's precision); anything
 * else, including an effect in the claimed direction that the null cannot rule out, is <em>inconclusive</em>.
 */
public enum Verdict {
    SUPPORTED("supported"), NOT_SUPPORTED("not supported"), INCONCLUSIVE("inconclusive");

    /** The significance level of every claim test. */
    public static final double ALPHA = 0.05;

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The verdict of one test whose claimed direction is "effect above {@code nullValue}". */
    public static Verdict of(double ciLow, double ciHigh, double p, double nullValue) {
        if (!Double.isFinite(ciLow) || !Double.isFinite(ciHigh) || !Double.isFinite(p)) return INCONCLUSIVE;
        if (p < ALPHA && ciLow > nullValue) return SUPPORTED;
        if (ciHigh <= nullValue) return NOT_SUPPORTED;
        return INCONCLUSIVE;
    }

    /**
     * The verdict of one test over K training seeds ({@code dina analyze --seeds K}): <em>supported</em> needs the 95%
     * interval of the mean effect over seeds to lie entirely on the claimed side of the null value <em>and</em> more
     * than half of the K seeds to be supported on their own; <em>not supported</em> follows from an interval of the mean
     * entirely at or below the null value, or from more than half of the seeds being not supported; anything else is
     * inconclusive. A seed that did not run the test counts towards neither side (but towards K).
     */
    public static Verdict acrossSeeds(double meanCiLow, double meanCiHigh, double nullValue, int supported, int notSupported, int seeds) {
        boolean interval = Double.isFinite(meanCiLow) && Double.isFinite(meanCiHigh);
        if (interval && meanCiLow > nullValue && 2 * supported > seeds) return SUPPORTED;
        if ((interval && meanCiHigh <= nullValue) || 2 * notSupported > seeds) return NOT_SUPPORTED;
        return INCONCLUSIVE;
    }

    /**
     * A claim made of several tests holds only if every part does: supported when all tests are, not supported when
     * any test is, inconclusive otherwise (also when there are no tests).
     */
    public static Verdict combine(java.util.List<Verdict> parts) {
        if (parts.isEmpty()) return INCONCLUSIVE;
        if (parts.contains(NOT_SUPPORTED)) return NOT_SUPPORTED;
        return parts.stream().allMatch(v -> v == SUPPORTED) ? SUPPORTED : INCONCLUSIVE;
    }
}
