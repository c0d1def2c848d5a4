package org.dina.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;
import org.dina.train.TrainingState;

/**
 * {@code metrics.json}: which run and data, identification on the test split both ways (single trials and repeat
 * averages), the shuffle control, the recording's noise ceiling when its test images repeat, and how training went.
 *
 * Serializable, with every part: a sweep's executors send it back to the driver.
 *
 * @param noiseCeiling absent when no test image was shown more than once
 */
public record MetricsJson(String run, String dataset, String imageTower, Test test, ShuffleControl shuffleControl,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Ceiling noiseCeiling, double trainSeconds, int epochs,
                          int bestEpoch, double bestValLoss) implements Serializable {

    /** Both directions of identification. */
    public record Directions(RetrievalJson neuralToImage, RetrievalJson imageToNeural) implements Serializable {}

    /** The test split: single trials both ways, then repeat-averaged queries, and the paired maps' SSIM. */
    public record Test(String protocol, RetrievalJson neuralToImage, RetrievalJson imageToNeural, Directions repeatAveraged,
                       double ssimMean) implements Serializable {}

    /** Test responses re-paired with random test images: what top-1 reaches without the pairing. */
    public record ShuffleControl(String description, Shuffled neuralToImage) implements Serializable {}

    /**
     * Top-1 of the re-paired responses over the permutations: their mean, their 95th percentile and chance.
     *
     * @param pValueTrained the share of permutations at or above the trained model's top-1
     */
    public record Shuffled(double top1, double top1P95, double chanceTop1, double pValueTrained, int permutations) implements Serializable {}

    /** Repeat-vs-repeat identification of the same test trials among the same candidates ({@link NoiseCeiling}). */
    public record Ceiling(String description, double top1, double chanceTop1, double dinaFraction, double top1AgainstMeans,
                          String againstMeansDescription, int queries, int skippedQueries, int candidates,
                          List<CeilingPoint> top1ByNeurons) implements Serializable {}

    /** The ceiling with the first {@code neurons} neurons. */
    public record CeilingPoint(int neurons, double top1, double top1Sd) implements Serializable {}

    /**
     * The document for a model evaluated in run folder {@code run} on {@code dataset}.
     *
     * @param ceiling null when the test images do not repeat
     */
    public static MetricsJson of(String run, String dataset, String imageTower, Evaluator.Result e, NoiseCeiling.Result ceiling,
                                 TrainingState state) {
        Ceiling c = ceiling == null ? null : ceiling(ceiling, e.neuralToImage().top1());
        return new MetricsJson(run, dataset, imageTower, test(e), shuffleControl(e), c, state.trainSeconds(), state.epochsDone(),
                state.bestEpoch() + 1, state.bestValLoss());
    }

    static Test test(Evaluator.Result e) {
        return new Test(e.protocol().key(), RetrievalJson.of(e.neuralToImage()), RetrievalJson.of(e.imageToNeural()),
                new Directions(RetrievalJson.of(e.averagedNeuralToImage()), RetrievalJson.of(e.averagedImageToNeural())), e.ssimMean());
    }

    static ShuffleControl shuffleControl(Evaluator.Result e) {
        Evaluator.PermutationControl c = e.shuffleControl();
        return new ShuffleControl("test responses re-paired with random test images (" + c.permutations() + " permutations)",
                new Shuffled(c.meanTop1(), c.p95Top1(), e.neuralToImage().chanceTop1(), c.pValue(), c.permutations()));
    }

    /** The {@code noise_ceiling} section, with DINA's single-trial top-1 as a fraction of the ceiling. */
    static Ceiling ceiling(NoiseCeiling.Result c, double dinaTop1) {
        List<CeilingPoint> curve = c.byNeurons().stream().map(p -> new CeilingPoint(p.neurons(), p.top1(), p.sd())).toList();
        return new Ceiling("each test trial matched by correlation against one other single trial of every candidate image"
                + " (repeat vs repeat, as Stringer et al. 2019), averaged over " + c.draws() + " draws of reference trials",
                c.top1(), c.chanceTop1(), c.top1() > 0 ? dinaTop1 / c.top1() : Double.NaN, c.top1AgainstMeans(),
                "each test trial matched against templates that average all but one trial of each candidate (the query left out"
                        + " of its own): a correlation template decoder with every repeat; not an upper bound either",
                c.queries(), c.skipped(), c.candidates(), curve);
    }
}
