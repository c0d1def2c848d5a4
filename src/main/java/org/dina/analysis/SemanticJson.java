package org.dina.analysis;

import java.util.List;

/**
 * The semantic analysis of analysis.json: whether wrong matches fall in the true image's category more often than by
 * chance, or why it was skipped (no category labels).
 */
public sealed interface SemanticJson {

    /** @param skipped always true */
    record Skipped(boolean skipped, String reason) implements SemanticJson {}

    /** @param skipped always false */
    record Scored(boolean skipped, double exemplarTop1, double exemplarChance, double categoryTop1, double categoryChance, int wrongMatches,
                  double wrongInTrueCategory, double wrongInTrueCategoryExpected, double pValue, int permutations, String test,
                  List<SemanticAnalysis.CategoryRow> categories) implements SemanticJson {}

    static SemanticJson of(SemanticAnalysis.Result r) {
        if (r.skipped()) return new Skipped(true, r.skippedReason());
        return new Scored(false, r.exemplarTop1(), r.exemplarChance(), r.categoryTop1(), r.categoryChance(), r.wrongMatches(),
                r.wrongInCategory(), r.wrongInCategoryExpected(), r.pValue(), r.permutations(),
                "one-sided: candidate labels permuted, wrong matches fixed", r.categories());
    }
}
