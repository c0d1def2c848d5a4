package org.dina.analysis;

import java.util.List;

/** One claim of analysis.json: its statement, the verdict its tests combine to, and each test. */
public record ClaimJson(int claim, String statement, String verdict, List<Test> tests, String note) {

    /**
     * One test of a claim: the effect with its 95% interval, the value the null puts it at, the p-value and the verdict.
     *
     * @param ci95 low and high edges
     */
    public record Test(String test, String method, double effect, double[] ci95, double nullValue, double p, int nullDraws,
                       String verdict) {}

    static ClaimJson of(Claim c) {
        List<Test> tests = c.tests().stream().map(t -> new Test(t.name(), t.method(), t.effect(), new double[] {t.ciLow(), t.ciHigh()},
                t.nullValue(), t.p(), t.nullDraws(), t.verdict().label())).toList();
        return new ClaimJson(c.number(), c.statement(), c.verdict().label(), tests, c.note());
    }
}
