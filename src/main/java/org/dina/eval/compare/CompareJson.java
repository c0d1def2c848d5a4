package org.dina.eval.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.train.ResultJson;

/**
 * {@code compare.json}: the setup, the control test, the controls flagged (and those only nominally above chance),
 * every method's summary per mode and condition, the best baseline per mode, the noise ceiling, the neuron curve and
 * notes. Written through {@link ResultJson} (snake_case keys in this order; non-finite numbers as null); timings only
 * under keys named {@code seconds}.
 *
 * @param conditions   what each condition changed, by key
 * @param noiseCeiling absent when the test images do not repeat
 * @param neuronCurve  absent unless {@code --neuron-counts} was given
 */
public record CompareJson(String dataset, String source, String config, String protocol, int folds, List<Long> seeds, int epochs,
                          String imageTower, String imageFeatures, boolean controls, Map<String, String> conditions, ControlTest controlTest,
                          boolean anyControlFlagged, List<VerdictJson.Flag> controlFlags, List<VerdictJson.Flag> controlNominal,
                          List<MethodJson> methods, BestBaselines bestBaseline, @JsonInclude(JsonInclude.Include.NON_NULL) Ceiling noiseCeiling,
                          @JsonInclude(JsonInclude.Include.NON_NULL) NeuronCurveJson neuronCurve, List<String> notes, double seconds) {

    /** How controls are tested against chance, and the Bonferroni-corrected threshold. */
    public record ControlTest(String statistic, double alpha, String correction, int comparisons, double threshold) {}

    /** Mean, sample sd (null for one value) and the value of every fold and seed. */
    public record Spread(double mean, double sd, double[] perFold) {
        static Spread of(Stats s) {
            return new Spread(s.mean(), s.sd(), s.values());
        }
    }

    /** The best baseline's single-trial or averaged real-data top-1, null when no baseline applies. */
    public record BestBaselines(BestBaseline single, BestBaseline averaged) {}

    /** The baseline with the highest mean real-data top-1 over folds and seeds, and chance for the same task. */
    public record BestBaseline(String name, double top1, double chanceTop1) {}

    /**
     * Repeat-vs-repeat identification of the same test trials among the same candidates, per fold and seed.
     *
     * @param dinaFraction     DINA's single-trial top-1 over the ceiling; absent when DINA did not run on real data
     * @param top1AgainstMeans against templates of the other repeats; absent when not measured
     */
    public record Ceiling(String description, Spread top1, @JsonInclude(JsonInclude.Include.NON_NULL) Double dinaFraction,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Spread top1AgainstMeans) {}

    public static void write(Path file, CompareResult r) throws IOException {
        ResultJson.write(file, of(r));
    }

    public static CompareJson of(CompareResult r) {
        CompareResult.Setup s = r.setup();
        Map<String, String> conditions = new LinkedHashMap<>();
        for (Condition c : Condition.values()) conditions.put(c.key(), c.description());
        ControlTest test = new ControlTest("one-sided exact test of pooled top-1 hits against chance (1/candidates per query), all folds and seeds",
                ChanceTest.ALPHA, "bonferroni", r.comparisons(), ChanceTest.ALPHA / Math.max(1, r.comparisons()));
        List<MethodJson> methods = r.methods().stream().map(name -> MethodJson.of(r, name)).toList();
        BestBaselines best = new BestBaselines(bestBaseline(r, Mode.SINGLE), bestBaseline(r, Mode.AVERAGED));
        return new CompareJson(s.dataset(), s.source(), s.config(), s.protocol(), s.folds(), s.seeds(), s.epochs(), s.imageTower(),
                s.features(), s.controls(), conditions, test, r.anyControlFlagged(), r.flaggedControls().stream().map(VerdictJson.Flag::of).toList(),
                r.nominalControls().stream().map(VerdictJson.Flag::of).toList(), methods, best, ceiling(r),
                r.neuronCurve().map(c -> c.json(r.neuronDraws())).orElse(null), r.notes(), r.seconds());
    }

    private static BestBaseline bestBaseline(CompareResult r, Mode mode) {
        return r.bestBaseline(mode).map(b -> new BestBaseline(b.method(), b.top1().mean(), b.chanceTop1())).orElse(null);
    }

    private static Ceiling ceiling(CompareResult r) {
        return r.noiseCeiling().map(c -> new Ceiling("repeat-vs-repeat single-trial identification of the same test trials among the same"
                        + " candidates (org.dina.eval.NoiseCeiling), per fold and seed", Spread.of(c),
                r.summary(CompareResult.DINA, Mode.SINGLE, Condition.REAL).filter(Summary::applicable).map(d -> d.top1().mean() / c.mean()).orElse(null),
                r.againstRepeatMeans().map(Spread::of).orElse(null))).orElse(null);
    }
}
