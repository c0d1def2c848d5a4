package org.dina.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.dina.api.Dina;
import org.dina.api.Embeddings;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.eval.RetrievalResult;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.dina.train.TrainingData;

/**
 * The test-split identification task of {@link org.dina.eval.Evaluator} (neural -> image, same candidates, same
 * ranks) held ready for re-scoring: the candidate images at the model's input size, the embeddings of the
 * unmanipulated candidates and of the test trials, and helpers to embed manipulated images or responses.
 * With more than {@code maxCandidates} candidates (repeat splits of large stimulus sets) a seeded subset is used,
 * with only the trials of those images; {@link #subsampled()} says so.
 */
public final class RetrievalProbe {
    static final int IMAGE_BATCH = 32, NEURAL_BATCH = 64;

    private final Dina dina;
    private final SplitProtocol protocol;
    private final int allCandidates;
    private final int[] candidates, trials, correct;
    private final Tensor candidateImages, responses;
    private final float[][] imageVectors, imageMaps, neuralVectors, neuralMaps;

    private RetrievalProbe(Dina dina, SplitProtocol protocol, int allCandidates, int[] candidates,
                           int[] trials, int[] correct, Tensor candidateImages, Tensor responses, Embeddings images,
                           Embeddings neural) {
        this.dina = dina;
        this.protocol = protocol;
        this.allCandidates = allCandidates;
        this.candidates = candidates;
        this.trials = trials;
        this.correct = correct;
        this.candidateImages = candidateImages;
        this.responses = responses;
        this.imageVectors = images.vectors();
        this.imageMaps = images.maps();
        this.neuralVectors = neural.vectors();
        this.neuralMaps = neural.maps();
    }

    /** Builds the probe (puts the model in evaluation mode and embeds candidates and test trials once). */
    public static RetrievalProbe of(DinaModel model, TrainingData data, AnalysisOptions options) {
        Dina dina = Dina.of(model, data);
        Dataset d = data.dataset();
        boolean repeats = data.split().protocol() == SplitProtocol.REPEATS;
        int[] all = dina.candidates();
        int[] candidates = all;
        if (all.length > options.maxCandidates()) {
            int[] perm = Manipulation.permutation(all.length, new SplittableRandom(options.seed()));
            candidates = new int[options.maxCandidates()];
            for (int i = 0; i < candidates.length; i++) candidates[i] = all[perm[i]];
            Arrays.sort(candidates);
        }
        int[] slot = Dina.slots(candidates, d.imageCount());
        int[] trials = Arrays.stream(data.split().testTrials()).filter(t -> slot[d.imageId(t)] >= 0).toArray();
        if (trials.length == 0) throw new IllegalArgumentException(d.name() + ": no test trials to analyse");
        int[] correct = new int[trials.length];
        for (int i = 0; i < trials.length; i++) correct[i] = slot[d.imageId(trials[i])];

        Tensor images = dina.resizedImages(candidates);
        Embeddings imageEmb = dina.embedDatasetImages(candidates, IMAGE_BATCH);
        Tensor responses = dina.normalisedResponses(trials);
        Embeddings neural = dina.embedNormalisedResponses(responses, NEURAL_BATCH);
        return new RetrievalProbe(dina, repeats ? SplitProtocol.REPEATS : SplitProtocol.IMAGES, all.length, candidates, trials, correct,
                images, responses, imageEmb, neural);
    }

    public Dina dina() { return dina; }
    public DinaModel model() { return dina.model(); }
    public TrainingData data() { return dina.data(); }
    public Dataset dataset() { return dina.dataset(); }
    /** IMAGES (unseen test images) or REPEATS (held-out repeats of every image). */
    public SplitProtocol protocol() { return protocol; }
    /** Dataset image index of each candidate. */
    public int[] candidates() { return candidates.clone(); }
    public int candidateCount() { return candidates.length; }
    /** Whether a subset of the protocol's candidates is used. */
    public boolean subsampled() { return candidates.length < allCandidates; }
    public int allCandidates() { return allCandidates; }
    /** Dataset trial index of each query. */
    public int[] trials() { return trials.clone(); }
    public int trialCount() { return trials.length; }
    /** Candidate slot of each query's true image. */
    public int[] correct() { return correct.clone(); }
    /** Candidate images at the model's input size, [C, 1, H, W] (callers must not write to it). */
    public Tensor candidateImages() { return candidateImages; }
    /** Normalised responses of the queries, [T, N] (callers must not write to it). */
    public Tensor responses() { return responses; }
    public float[][] imageVectors() { return imageVectors; }
    public float[][] imageMaps() { return imageMaps; }
    public float[][] neuralVectors() { return neuralVectors; }
    public float[][] neuralMaps() { return neuralMaps; }
    public int imageHeight() { return candidateImages.dim(2); }
    public int imageWidth() { return candidateImages.dim(3); }

    /** Identification of the true image plus the mean similarity of matched pairs and its margin over all pairs. */
    public record Score(RetrievalResult retrieval, double matchedSimilarity, double margin) {
        public double top1() { return retrieval.top1(); }
        public double top5() { return retrieval.top5(); }
    }

    public Score baseline() {
        return score(neuralVectors, imageVectors, correct);
    }

    /** Scores neural query vectors (one per probe trial) against candidate image vectors. */
    public Score score(float[][] neural, float[][] images) {
        return score(neural, images, correct);
    }

    /** Scores queries whose true candidate slots are {@code truth}. */
    public static Score score(float[][] neural, float[][] images, int[] truth) {
        float[][] sim = Embeddings.similarity(neural, images);
        double matched = 0, margin = 0;
        for (int i = 0; i < sim.length; i++) {
            double all = 0;
            for (float v : sim[i]) all += v;
            matched += sim[i][truth[i]];
            margin += sim[i][truth[i]] - all / sim[i].length;
        }
        return new Score(RetrievalResult.fromSimilarities(sim, truth), matched / sim.length, margin / sim.length);
    }

    /** Per query: similarity to its true candidate minus its mean similarity to all candidates. */
    public static double[] queryMargins(float[][] neural, float[][] images, int[] truth) {
        float[][] sim = Embeddings.similarity(neural, images);
        double[] out = new double[sim.length];
        for (int i = 0; i < sim.length; i++) {
            double all = 0;
            for (float v : sim[i]) all += v;
            out[i] = sim[i][truth[i]] - all / sim[i].length;
        }
        return out;
    }

    /** Image-tower embeddings of images [B, 1, H, W] at the model's input size (backbone in chunks of at most 32). */
    public float[][] embedImages(Tensor images) {
        return dina.embedResizedImages(images);
    }

    /** Neural-tower embeddings of normalised responses [T, N]. */
    public float[][] embedResponses(Tensor responses) {
        return dina.embedNormalisedResponses(responses);
    }
}
