package org.dina.eval.compare;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A control's pooled test against chance in compare.json ({@link ChanceTest.Verdict}): hits over queries, top-1
 * beside chance with its Wilson interval, the p-value and the threshold it is held to.
 */
public record VerdictJson(int hits, int queries, double top1, double chanceTop1, double[] top1Ci95, boolean wilsonLowAboveChance,
                          double pValue, double threshold, boolean flagged, boolean nominal) {
    static VerdictJson of(ChanceTest.Verdict v) {
        return new VerdictJson(v.hits(), v.queries(), v.top1(), v.chance(), v.wilson95(), v.wilson95()[0] > v.chance(), v.pValue(),
                v.threshold(), v.flagged(), v.nominal());
    }

    /** A control that beats chance: which method, mode and control, its verdict, and what that means. */
    public record Flag(String method, String mode, String control, @JsonUnwrapped VerdictJson verdict, String meaning) {
        static Flag of(Summary f) {
            return new Flag(f.method(), f.mode().key(), f.condition().key(), VerdictJson.of(f.verdict()), f.condition().ifBeatsChance());
        }
    }
}
