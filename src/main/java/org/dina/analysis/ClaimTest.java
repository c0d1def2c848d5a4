package org.dina.analysis;

/**
 * One statistical test of a claim: what was measured, the effect with its interval, the null it was tested against
 * and the verdict {@link Verdict#of} gives. The claimed direction is always "effect above {@code nullValue}".
 *
 * @param name        short key (snake_case) of the test
 * @param method      the test in one sentence: statistic, null, interval
 * @param effect      the observed effect size
 * @param ciLow       lower end of its 95% interval
 * @param ciHigh      upper end
 * @param nullValue   the effect's value under the null (0 for differences)
 * @param p           one-sided p-value of the observed effect against the null distribution
 * @param nullDraws   permutations, shuffles or random draws the p-value is based on
 */
public record ClaimTest(String name, String method, double effect, double ciLow, double ciHigh, double nullValue, double p,
                        int nullDraws) {
    public Verdict verdict() {
        return Verdict.of(ciLow, ciHigh, p, nullValue);
    }
}
