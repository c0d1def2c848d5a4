package org.dina.eval.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.eval.RetrievalResult;
import org.dina.train.AtomicFiles;

/**
 * {@code compare.json}: the setup, every method's summary per mode and condition (mean, sd and per-fold values), the
 * control verdicts and flags, the best baseline and notes. Snake_case keys in a stable order; timings only under keys
 * named {@code seconds}; non-finite numbers as null.
 */
public final class CompareJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CompareJson() {}

    public static void write(Path file, CompareResult r) throws IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, JSON.writeValueAsString(of(r)) + "\n");
    }

    /** The document as nested maps and lists. */
    public static Map<String, Object> of(CompareResult r) {
        CompareResult.Setup s = r.setup();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", s.dataset());
        m.put("source", s.source());
        m.put("config", s.config());
        m.put("protocol", s.protocol());
        m.put("folds", s.folds());
        m.put("seeds", s.seeds());
        m.put("epochs", s.epochs());
        m.put("image_tower", s.imageTower());
        m.put("image_features", s.features());
        m.put("controls", s.controls());
        Map<String, Object> conditions = new LinkedHashMap<>();
        for (Condition c : Condition.values()) conditions.put(c.key(), c.description());
        m.put("conditions", conditions);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("statistic", "one-sided exact test of pooled top-1 hits against chance (1/candidates per query), all folds and seeds");
        test.put("alpha", ChanceTest.ALPHA);
        test.put("correction", "bonferroni");
        test.put("comparisons", r.comparisons());
        test.put("threshold", ChanceTest.ALPHA / Math.max(1, r.comparisons()));
        m.put("control_test", test);
        m.put("any_control_flagged", r.anyControlFlagged());
        List<Object> flags = new ArrayList<>();
        for (Summary f : r.flaggedControls()) flags.add(flag(f));
        m.put("control_flags", flags);
        List<Object> nominal = new ArrayList<>();
        for (Summary f : r.nominalControls()) nominal.add(flag(f));
        m.put("control_nominal", nominal);

        List<Object> methods = new ArrayList<>();
        for (String name : r.methods()) {
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("name", name);
            method.put("kind", name.equals(CompareResult.DINA) ? "dina" : "baseline");
            for (Mode mode : Mode.values()) {
                Map<String, Object> byCondition = new LinkedHashMap<>();
                for (Condition c : Condition.values()) r.summary(name, mode, c).ifPresent(x -> byCondition.put(c.key(), summary(x)));
                method.put(mode.key(), byCondition);
            }
            methods.add(method);
        }
        m.put("methods", methods);
        Map<String, Object> best = new LinkedHashMap<>();
        for (Mode mode : Mode.values()) {
            best.put(mode.key(), r.bestBaseline(mode).map(b -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", b.method());
                x.put("top1", num(b.top1().mean()));
                x.put("chance_top1", num(b.chanceTop1()));
                return (Object) x;
            }).orElse(null));
        }
        m.put("best_baseline", best);
        r.noiseCeiling().ifPresent(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("description", "repeat-vs-repeat single-trial identification of the same test trials among the same candidates"
                    + " (org.dina.eval.NoiseCeiling), per fold and seed");
            x.put("top1", stats(c));
            r.summary(CompareResult.DINA, Mode.SINGLE, Condition.REAL).filter(Summary::applicable)
                    .ifPresent(d -> x.put("dina_fraction", num(d.top1().mean() / c.mean())));
            r.againstRepeatMeans().ifPresent(a -> x.put("top1_against_means", stats(a)));
            m.put("noise_ceiling", x);
        });
        r.neuronCurve().ifPresent(c -> m.put("neuron_curve", c.json(r.neuronDraws())));
        m.put("notes", r.notes());
        m.put("seconds", r.seconds());
        return m;
    }

    static Map<String, Object> summary(Summary x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applicable", x.applicable());
        if (!x.applicable()) {
            m.put("reason", x.reason());
            return m;
        }
        m.put("top1", stats(x.top1()));
        m.put("top5", stats(x.top5()));
        m.put("mean_rank", stats(x.meanRank()));
        m.put("chance_top1", num(x.chanceTop1()));
        m.put("chance_top5", num(x.chanceTop5()));
        m.put("chance_mean_rank", num(x.chanceMeanRank()));
        if (x.verdict() != null) m.put("beats_chance", verdict(x.verdict()));
        List<Object> folds = new ArrayList<>();
        for (Score sc : x.runs()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("seed", sc.seed());
            f.put("fold", sc.fold());
            if (sc.applicable()) {
                RetrievalResult rr = sc.result();
                f.put("top1", rr.top1());
                f.put("top5", rr.top5());
                f.put("mean_rank", rr.meanRank());
                f.put("median_rank", rr.medianRank());
                f.put("top1_ci95", rr.top1Interval95());
                f.put("queries", rr.queries());
                f.put("candidates", rr.candidates());
                f.put("details", sc.details());
                f.put("seconds", sc.seconds());
            } else {
                f.put("reason", sc.notApplicable());
            }
            folds.add(f);
        }
        m.put("per_fold", folds);
        return m;
    }

    private static Map<String, Object> stats(Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", num(s.mean()));
        m.put("sd", num(s.sd()));
        List<Object> v = new ArrayList<>();
        for (double d : s.values()) v.add(num(d));
        m.put("per_fold", v);
        return m;
    }

    private static Map<String, Object> verdict(ChanceTest.Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hits", v.hits());
        m.put("queries", v.queries());
        m.put("top1", num(v.top1()));
        m.put("chance_top1", num(v.chance()));
        m.put("top1_ci95", v.wilson95());
        m.put("wilson_low_above_chance", v.wilson95()[0] > v.chance());
        m.put("p_value", v.pValue());
        m.put("threshold", v.threshold());
        m.put("flagged", v.flagged());
        m.put("nominal", v.nominal());
        return m;
    }

    private static Map<String, Object> flag(Summary f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", f.method());
        m.put("mode", f.mode().key());
        m.put("control", f.condition().key());
        m.putAll(verdict(f.verdict()));
        m.put("meaning", f.condition().ifBeatsChance());
        return m;
    }

    private static Object num(double v) { return Double.isFinite(v) ? v : null; }
}
