package org.dina.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dina.api.Dina;
import org.dina.api.Embeddings;
import org.dina.data.Dataset;
import org.dina.data.RepeatAverage;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaModel;
import org.dina.model.MapNormalisation;
import org.dina.nn.SsimPadding;
import org.dina.tensor.Tensor;
import org.dina.train.TrainingData;

/**
 * Identification on held-out test trials, both directions, single-trial and repeat-averaged, with SSIM between
 * paired maps and a permutation control. Candidates are the test images under the IMAGES protocol (zero-shot) and
 * all images under the REPEATS protocol (every image was seen in training; the held-out repeats are new).
 */
public final class Evaluator {
    public static final int PERMUTATIONS = 200;
    private static final int BATCH = 128;

    private Evaluator() {}

    /** Everything {@code metrics.json} reports under {@code test} and {@code shuffle_control}. */
    public record Result(SplitProtocol protocol, RetrievalResult neuralToImage, RetrievalResult imageToNeural,
                         RetrievalResult averagedNeuralToImage, RetrievalResult averagedImageToNeural, double ssimMean,
                         PermutationControl shuffleControl, int[] candidateImages, Embeddings imageEmbeddings,
                         Embeddings trialEmbeddings, int[] testTrials) {}

    /** Top-1 under random re-pairings of test responses and images: the null distribution of the metric. */
    public record PermutationControl(int permutations, double meanTop1, double p95Top1, double pValue) {}

    public static Result evaluate(DinaModel model, TrainingData data) {
        return evaluate(Dina.of(model, data));
    }

    public static Result evaluate(Dina dina) {
        TrainingData data = dina.data();
        Dataset d = data.dataset();
        boolean repeats = data.split().protocol() == SplitProtocol.REPEATS;
        int[] candidates = dina.candidates();
        int[] trials = data.split().testTrials();
        if (trials.length == 0) throw new IllegalArgumentException(d.name() + ": the split has no test trials");
        int[] slot = Dina.slots(candidates, d.imageCount());

        Embeddings images = dina.embedDatasetImages(candidates, BATCH);
        Tensor responses = dina.normalisedResponses(trials);
        Embeddings neural = dina.embedNormalisedResponses(responses, BATCH);

        int[] correct = new int[trials.length];
        for (int i = 0; i < trials.length; i++) correct[i] = slot[d.imageId(trials[i])];
        float[][] sim = Embeddings.similarity(neural.vectors(), images.vectors());
        RetrievalResult n2i = RetrievalResult.fromSimilarities(sim, correct);
        RetrievalResult i2n = imageToNeuralSingleTrial(d, trials, slot, images, neural);

        int[] ids = new int[trials.length];
        for (int i = 0; i < trials.length; i++) ids[i] = d.imageId(trials[i]);
        RepeatAverage avg = RepeatAverage.of(responses, ids, d.imageCount());
        Embeddings avgNeural = dina.embedNormalisedResponses(avg.responses(), BATCH);
        int[] avgCorrect = new int[avg.images().length];
        for (int i = 0; i < avgCorrect.length; i++) avgCorrect[i] = slot[avg.images()[i]];
        float[][] avgSim = Embeddings.similarity(avgNeural.vectors(), images.vectors());
        RetrievalResult avgN2i = RetrievalResult.fromSimilarities(avgSim, avgCorrect);
        // image -> neural among the averaged responses of the test images
        float[][] avgImg = new float[avgCorrect.length][];
        for (int i = 0; i < avgCorrect.length; i++) avgImg[i] = images.vectors()[avgCorrect[i]];
        int[] diag = new int[avgCorrect.length];
        for (int i = 0; i < diag.length; i++) diag[i] = i;
        RetrievalResult avgI2n = RetrievalResult.fromSimilarities(Embeddings.similarity(avgImg, avgNeural.vectors()), diag);

        // min-max maps are in [0, 1] already; others are scaled once per sample, as SSIM compares maps in [0, 1]
        boolean inUnitRange = dina.config().model().mapNormalisation() == MapNormalisation.MINMAX;
        float[][] imageMaps = inUnitRange ? images.maps() : Ssim.minMaxScaled(images.maps());
        float[][] neuralMaps = inUnitRange ? neural.maps() : Ssim.minMaxScaled(neural.maps());
        SsimPadding padding = dina.config().loss().ssimPadding();
        double ssim = 0;
        for (int i = 0; i < trials.length; i++) ssim += Ssim.meanOverMaps(imageMaps[correct[i]], neuralMaps[i], padding);
        ssim /= trials.length;
        PermutationControl control = permutationControl(sim, correct, n2i.top1(), 0x5EED_C0DEL);
        return new Result(repeats ? SplitProtocol.REPEATS : SplitProtocol.IMAGES, n2i, i2n, avgN2i, avgI2n, ssim, control, candidates, images, neural, trials);
    }

    /**
     * Each test image queries the single-trial neural embeddings, one round per repeat index: in round r the
     * candidates are the r-th test trial of every image that has one, so each round has one correct candidate.
     */
    static RetrievalResult imageToNeuralSingleTrial(Dataset d, int[] trials, int[] slot, Embeddings images, Embeddings neural) {
        Map<Integer, List<Integer>> byImage = new LinkedHashMap<>();
        for (int i = 0; i < trials.length; i++) byImage.computeIfAbsent(d.imageId(trials[i]), k -> new ArrayList<>()).add(i);
        int rounds = byImage.values().stream().mapToInt(List::size).min().orElse(0);
        List<Integer> ranks = new ArrayList<>();
        int candidates = byImage.size();
        for (int r = 0; r < rounds; r++) {
            float[][] queries = new float[candidates][], cands = new float[candidates][];
            int i = 0;
            for (Map.Entry<Integer, List<Integer>> e : byImage.entrySet()) {
                queries[i] = images.vectors()[slot[e.getKey()]];
                cands[i] = neural.vectors()[e.getValue().get(r)];
                i++;
            }
            int[] diag = new int[candidates];
            for (int k = 0; k < candidates; k++) diag[k] = k;
            for (int rank : RetrievalResult.fromSimilarities(Embeddings.similarity(queries, cands), diag).ranks()) ranks.add(rank);
        }
        return RetrievalResult.fromRanks(ranks.stream().mapToInt(Integer::intValue).toArray(), candidates);
    }

    /** Top-1 of the same similarities scored against randomly permuted correct answers. */
    static PermutationControl permutationControl(float[][] sim, int[] correct, double observedTop1, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] tops = new double[PERMUTATIONS];
        int atLeast = 0;
        for (int p = 0; p < PERMUTATIONS; p++) {
            int[] perm = correct.clone();
            for (int i = perm.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
            }
            tops[p] = RetrievalResult.fromSimilarities(sim, perm).top1();
            if (tops[p] >= observedTop1) atLeast++;
        }
        double mean = Arrays.stream(tops).average().orElse(0);
        double[] sorted = tops.clone();
        Arrays.sort(sorted);
        return new PermutationControl(PERMUTATIONS, mean, sorted[(int) Math.floor(0.95 * (PERMUTATIONS - 1))],
                (atLeast + 1.0) / (PERMUTATIONS + 1.0));
    }
}
