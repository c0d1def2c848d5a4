package org.dina.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns evaluation results into the nested maps written as {@code metrics.json} (snake_case keys, stable order). */
public final class MetricsJson {
    private MetricsJson() {}

    public static Map<String, Object> retrieval(RetrievalResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("top1", r.top1());
        m.put("top5", r.top5());
        m.put("chance_top1", r.chanceTop1());
        m.put("chance_top5", r.chanceTop5());
        m.put("top1_ci95", r.top1Interval95());
        m.put("top5_ci95", r.top5Interval95());
        m.put("mean_rank", r.meanRank());
        m.put("median_rank", r.medianRank());
        m.put("queries", r.queries());
        m.put("candidates", r.candidates());
        return m;
    }

    /**
     * The {@code noise_ceiling} section: repeat-vs-repeat identification of the same test trials among the same
     * candidates ({@link NoiseCeiling}), and DINA's single-trial top-1 as a fraction of it.
     */
    public static Map<String, Object> ceiling(NoiseCeiling.Result c, double dinaTop1) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", "each test trial matched by correlation against one other single trial of every candidate image"
                + " (repeat vs repeat, as Stringer et al. 2019), averaged over " + c.draws() + " draws of reference trials");
        m.put("top1", c.top1());
        m.put("chance_top1", c.chanceTop1());
        m.put("dina_fraction", c.top1() > 0 ? dinaTop1 / c.top1() : Double.NaN);
        m.put("top1_against_means", c.top1AgainstMeans());
        m.put("against_means_description", "each test trial matched against templates that average all but one trial of each"
                + " candidate (the query left out of its own): a correlation template decoder with every repeat; not an upper bound either");
        m.put("queries", c.queries());
        m.put("skipped_queries", c.skipped());
        m.put("candidates", c.candidates());
        List<Map<String, Object>> curve = new ArrayList<>();
        for (NoiseCeiling.Point p : c.byNeurons()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("neurons", p.neurons());
            point.put("top1", p.top1());
            point.put("top1_sd", p.sd());
            curve.add(point);
        }
        m.put("top1_by_neurons", curve);
        return m;
    }

    /** The {@code test} and {@code shuffle_control} sections. */
    public static Map<String, Object> of(Evaluator.Result e) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("protocol", e.protocol().key());
        test.put("neural_to_image", retrieval(e.neuralToImage()));
        test.put("image_to_neural", retrieval(e.imageToNeural()));
        Map<String, Object> avg = new LinkedHashMap<>();
        avg.put("neural_to_image", retrieval(e.averagedNeuralToImage()));
        avg.put("image_to_neural", retrieval(e.averagedImageToNeural()));
        test.put("repeat_averaged", avg);
        test.put("ssim_mean", e.ssimMean());
        Map<String, Object> control = new LinkedHashMap<>();
        Map<String, Object> n2i = new LinkedHashMap<>();
        Evaluator.PermutationControl c = e.shuffleControl();
        n2i.put("top1", c.meanTop1());
        n2i.put("top1_p95", c.p95Top1());
        n2i.put("chance_top1", e.neuralToImage().chanceTop1());
        n2i.put("p_value_trained", c.pValue());
        n2i.put("permutations", c.permutations());
        control.put("description", "test responses re-paired with random test images (" + c.permutations() + " permutations)");
        control.put("neural_to_image", n2i);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("test", test);
        out.put("shuffle_control", control);
        return out;
    }
}
