package org.dina.eval.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.eval.RetrievalResult;

/**
 * One method of compare.json: for each mode, its summary under each condition it ran in (by condition key).
 *
 * @param kind "dina" or "baseline"
 */
public record MethodJson(String name, String kind, Map<String, ConditionJson> single, Map<String, ConditionJson> averaged) {

    /** A method under one condition and mode: scored over every fold and seed, or why it did not apply. */
    public sealed interface ConditionJson {}

    /**
     * A method that did not apply under this condition in any fold (repeat-averaging when no test image repeats, say).
     *
     * @param applicable always false
     */
    public record NotApplicable(boolean applicable, String reason) implements ConditionJson {}

    /**
     * A method's scores under one condition: mean and spread over folds and seeds, chance, and every fold.
     *
     * @param applicable  always true
     * @param beatsChance the control's test against chance; absent on real data
     */
    public record Scored(boolean applicable, CompareJson.Spread top1, CompareJson.Spread top5, CompareJson.Spread meanRank,
                         double chanceTop1, double chanceTop5, double chanceMeanRank,
                         @JsonInclude(JsonInclude.Include.NON_NULL) VerdictJson beatsChance, List<FoldJson> perFold) implements ConditionJson {}

    /** One fold of one seed: scored, or why the method did not apply there. */
    public sealed interface FoldJson {}

    /** A fold of a seed where the method did not apply, and why. */
    public record FoldNotApplicable(long seed, int fold, String reason) implements FoldJson {}

    /**
     * The identification scores of one fold of one seed, the queries and candidates they were counted over, and the
     * time it took.
     *
     * @param details the method's settings and fitted hyper-parameters, as text
     */
    public record FoldScore(long seed, int fold, double top1, double top5, double meanRank, double medianRank, double[] top1Ci95,
                            int queries, int candidates, Map<String, String> details, double seconds) implements FoldJson {}

    static MethodJson of(CompareResult r, String name) {
        return new MethodJson(name, name.equals(CompareResult.DINA) ? "dina" : "baseline", byCondition(r, name, Mode.SINGLE),
                byCondition(r, name, Mode.AVERAGED));
    }

    private static Map<String, ConditionJson> byCondition(CompareResult r, String name, Mode mode) {
        Map<String, ConditionJson> m = new LinkedHashMap<>();
        for (Condition c : Condition.values()) r.summary(name, mode, c).ifPresent(x -> m.put(c.key(), summary(x)));
        return m;
    }

    static ConditionJson summary(Summary x) {
        if (!x.applicable()) return new NotApplicable(false, x.reason());
        return new Scored(true, CompareJson.Spread.of(x.top1()), CompareJson.Spread.of(x.top5()), CompareJson.Spread.of(x.meanRank()),
                x.chanceTop1(), x.chanceTop5(), x.chanceMeanRank(), x.verdict() == null ? null : VerdictJson.of(x.verdict()),
                x.runs().stream().map(MethodJson::fold).toList());
    }

    private static FoldJson fold(Score sc) {
        if (!sc.applicable()) return new FoldNotApplicable(sc.seed(), sc.fold(), sc.notApplicable());
        RetrievalResult rr = sc.result();
        return new FoldScore(sc.seed(), sc.fold(), rr.top1(), rr.top5(), rr.meanRank(), rr.medianRank(), rr.top1Interval95(), rr.queries(),
                rr.candidates(), sc.details(), sc.seconds());
    }
}
