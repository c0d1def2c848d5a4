package org.dina.analysis;

import java.util.List;

/**
 * The semantic analysis of analysis.json: whether wrong matches fall in the true image's category more often than by
 * chance, or why it was skipped (no category labels).
 */
public sealed interface SemanticJson {

    /**
     * The semantic test could not run (no categories, or too few candidates per category).
     *
     * @param skipped always true
     */
    record Skipped(boolean skipped, String reason) implements SemanticJson {}

    /**
     * The semantic test's result: exemplar against category identification and where the wrong matches fall.
     *
     * @param skipped            always false
     * @param excludedLabel      the label that is no category ("unknown"), null when no candidate has it
     * @param excludedCandidates candidates with that label, left out of the category statistics
     * @param power              the test's power from its permutation null; null without wrong matches
     */
    record Scored(boolean skipped, double exemplarTop1, double exemplarChance, double categoryTop1, double categoryChance, int wrongMatches,
                  double wrongInTrueCategory, double wrongInTrueCategoryExpected, double pValue, int permutations, String test,
                  List<SemanticAnalysis.CategoryRow> categories, String excludedLabel, int excludedCandidates, Power power)
            implements SemanticJson {}

    /**
     * The power of the semantic permutation test, from the spread of its null.
     *
     * @param detectableExcess80    the smallest excess share of wrong matches in the true category found with 80% power
     * @param powerAtObservedExcess the power against the observed excess
     */
    record Power(String method, double alpha, int criticalCount, double detectableExcess80, double powerAtObservedExcess,
                 double nullMeanShare, double nullSdShare) {}

    static SemanticJson of(SemanticAnalysis.Result r) {
        if (r.skipped()) return new Skipped(true, r.skippedReason());
        SemanticAnalysis.Power p = r.power();
        Power power = p == null ? null : new Power("shift alternative on the permutation null: an excess of d wrong matches in the true "
                + "category adds d to every permuted count; power = share of shifted counts reaching the critical count",
                Verdict.ALPHA, p.criticalCount(), p.detectableExcess80(), p.powerAtObservedExcess(), p.nullMean(), p.nullSd());
        return new Scored(false, r.exemplarTop1(), r.exemplarChance(), r.categoryTop1(), r.categoryChance(), r.wrongMatches(),
                r.wrongInCategory(), r.wrongInCategoryExpected(), r.pValue(), r.permutations(),
                "one-sided: candidate labels permuted, wrong matches fixed", r.categories(), r.excludedLabel(), r.excludedCandidates(), power);
    }
}
