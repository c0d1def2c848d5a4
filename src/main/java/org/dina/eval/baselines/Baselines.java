package org.dina.eval.baselines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The standard set of baselines and a runner that scores them all on one input. */
public final class Baselines {
    private Baselines() {}

    /**
     * Template matching, ridge decoders and encoders (pixels and tower features), linear two-tower models (pixels and
     * features) and PCA + kNN. Variants that need what an input lacks report themselves not applicable.
     */
    public static List<Baseline> standard(long seed) {
        List<Baseline> l = new ArrayList<>();
        l.add(new TemplateMatching());
        l.add(new RidgeDecoder(ImageRepresentation.PIXELS));
        l.add(new RidgeDecoder(ImageRepresentation.TOWER_FEATURES));
        l.add(new RidgeEncoder(ImageRepresentation.PIXELS));
        l.add(new RidgeEncoder(ImageRepresentation.TOWER_FEATURES));
        l.add(new LinearTwoTower(ImageRepresentation.PIXELS, LinearTwoTower.Config.defaults(seed)));
        l.add(new LinearTwoTower(ImageRepresentation.TOWER_FEATURES, LinearTwoTower.Config.defaults(seed)));
        l.add(new PcaNearestNeighbours());
        return l;
    }

    /** Runs every baseline on {@code in}, in order. */
    public static List<BaselineResult> evaluate(List<Baseline> baselines, BaselineInput in) {
        return evaluate(baselines, in, new HashMap<>());
    }

    /**
     * Runs every baseline on {@code in}, in order, as {@link #evaluate(List, BaselineInput)} does, and puts the model each
     * {@link ImageModelBaseline} fitted into {@code fitted}, by name, for reuse on the same split.
     */
    public static List<BaselineResult> evaluate(List<Baseline> baselines, BaselineInput in, Map<String, FittedImageModel> fitted) {
        List<BaselineResult> out = new ArrayList<>(baselines.size());
        for (Baseline b : baselines) {
            if (b instanceof ImageModelBaseline m && m.whyNotApplicable(in).isEmpty()) {
                FittedImageModel f = m.fit(in);
                fitted.put(f.name(), f);
                out.add(m.evaluate(f, in));
            } else {
                out.add(b.fitAndEvaluate(in));
            }
        }
        return out;
    }

    /** One summary line per result. */
    public static String report(List<BaselineResult> results) {
        StringBuilder sb = new StringBuilder();
        for (BaselineResult r : results) sb.append(r.summary()).append('\n');
        return sb.toString();
    }
}
