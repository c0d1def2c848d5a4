package org.dina.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.eval.Embeddings;
import org.dina.eval.RetrievalResult;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.dina.train.Rows;
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

    private final DinaModel model;
    private final TrainingData data;
    private final String protocol;
    private final int allCandidates;
    private final int[] candidates, trials, correct;
    private final Tensor candidateImages, responses;
    private final float[][] imageVectors, imageMaps, neuralVectors, neuralMaps;

    private RetrievalProbe(DinaModel model, TrainingData data, String protocol, int allCandidates, int[] candidates,
                           int[] trials, int[] correct, Tensor candidateImages, Tensor responses, Embeddings images,
                           Embeddings neural) {
        this.model = model;
        this.data = data;
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
        Dataset d = data.dataset();
        boolean repeats = data.split().protocol() == SplitProtocol.REPEATS;
        int[] all = repeats ? d.shownImages() : data.split().testImages();
        int[] candidates = all;
        if (all.length > options.maxCandidates()) {
            int[] perm = Manipulation.permutation(all.length, new SplittableRandom(options.seed()));
            candidates = new int[options.maxCandidates()];
            for (int i = 0; i < candidates.length; i++) candidates[i] = all[perm[i]];
            Arrays.sort(candidates);
        }
        int[] slot = new int[d.imageCount()];
        Arrays.fill(slot, -1);
        for (int i = 0; i < candidates.length; i++) slot[candidates[i]] = i;
        int[] trials = Arrays.stream(data.split().testTrials()).filter(t -> slot[d.imageId(t)] >= 0).toArray();
        if (trials.length == 0) throw new IllegalArgumentException(d.name() + ": no test trials to analyse");
        int[] correct = new int[trials.length];
        for (int i = 0; i < trials.length; i++) correct[i] = slot[d.imageId(trials[i])];

        model.setTraining(false);
        int h = model.config().data().imageHeight(), w = model.config().data().imageWidth();
        Tensor raw = Tensor.zeros(candidates.length, d.height(), d.width());
        Rows.gather(d.images(), candidates, raw);
        Tensor images = TrainingData.resized(raw, h, w).contiguous();
        Tensor inputs = Tensor.zeros(Rows.batchShape(data.imageInputs(), candidates.length));
        Rows.gather(data.imageInputs(), candidates, inputs);
        Embeddings imageEmb = embedInputs(model, inputs);
        Tensor responses = data.normalizer().apply(d, trials);
        Embeddings neural = Embeddings.of(model.neural(), responses, NEURAL_BATCH);
        return new RetrievalProbe(model, data, repeats ? "repeats" : "images", all.length, candidates, trials, correct,
                images, responses, imageEmb, neural);
    }

    /** Image-tower embeddings of tower inputs (cached features in frozen mode, images in joint mode). */
    static Embeddings embedInputs(DinaModel model, Tensor inputs) {
        return Embeddings.of(model.image(), inputs, IMAGE_BATCH);
    }

    public DinaModel model() { return model; }
    public TrainingData data() { return data; }
    public Dataset dataset() { return data.dataset(); }
    /** "images" (unseen test images) or "repeats" (held-out repeats of every image). */
    public String protocol() { return protocol; }
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
        if (images.rank() != 4 || images.dim(1) != 1 || images.dim(2) != imageHeight() || images.dim(3) != imageWidth()) {
            throw new IllegalArgumentException("RetrievalProbe.embedImages: expected [B, 1, " + imageHeight() + ", " + imageWidth()
                    + "] but got " + images.shapeString());
        }
        // frozen: recompute the backbone features the tower's input cache holds for the original images
        return embedInChunks(images, IMAGE_BATCH, chunk -> model.image().joint()
                ? model.image().forward(chunk) : model.image().forward(model.image().features(chunk)));
    }

    /** Neural-tower embeddings of normalised responses [T, N]. */
    public float[][] embedResponses(Tensor responses) {
        return embedInChunks(responses, NEURAL_BATCH, model.neural()::forward);
    }

    /**
     * Runs {@code tower} over the rows of {@code input} in chunks of one size, at most {@code max} rows: the last
     * chunk is padded (with copies of its first row, whose outputs are dropped). Layers keep their activation
     * buffers while the batch shape stays the same, so equal chunks avoid re-allocating ~100 MB per backbone
     * block at every call.
     */
    static float[][] embedInChunks(Tensor input, int max, java.util.function.Function<Tensor, Tensor> tower) {
        int rows = input.dim(0);
        int chunks = (rows + max - 1) / max, size = (rows + chunks - 1) / chunks;
        float[][] out = new float[rows][];
        Tensor padded = null;
        for (int from = 0; from < rows; from += size) {
            int to = Math.min(rows, from + size);
            Tensor chunk = input.slice(0, from, to).contiguous();
            if (to - from < size) {
                if (padded == null) padded = Tensor.zeros(org.dina.train.Rows.batchShape(input, size));
                for (int k = 0; k < size; k++) {
                    int src = k < to - from ? k : 0;
                    chunk.slice(0, src, src + 1).copyTo(padded.slice(0, k, k + 1));
                }
                chunk = padded;
            }
            Tensor e = tower.apply(chunk);
            for (int i = from; i < to; i++) out[i] = e.slice(0, i - from, i - from + 1).toArray();
        }
        return out;
    }
}
