package org.dina.eval.baselines;

import java.util.Arrays;
import java.util.Optional;
import org.dina.data.Dataset;
import org.dina.data.RepeatAverage;
import org.dina.data.ResponseNormalizer;
import org.dina.data.Split;
import org.dina.data.SplitProtocol;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * Everything a baseline sees: the dataset, the split, every trial's response scaled by a {@link ResponseNormalizer}
 * fitted on the training trials only, optional frozen image-tower features, and the evaluation mode.
 *
 * <p>Candidates: when a side's images were all seen in training (REPEATS protocol, or dataset tiers that hold out
 * repeats), every training image is a candidate; otherwise (IMAGES protocol) only that side's own images are.
 * Immutable; the {@code with...} methods return modified copies.
 */
public final class BaselineInput {
    private final Dataset dataset;
    private final Split split;
    private final EvaluationMode mode;
    private final ResponseNormalizer normalizer;
    private final Tensor normalized;     // [T, N]
    private final DMatrixRMaj features;  // [K, F] or null
    private final int maxPixels;
    private final Object lock = new Object();
    private DMatrixRMaj pixels;          // lazily: [K, h*w]

    private BaselineInput(Dataset dataset, Split split, EvaluationMode mode, ResponseNormalizer normalizer,
                          Tensor normalized, DMatrixRMaj features, int maxPixels) {
        this.dataset = dataset;
        this.split = split;
        this.mode = mode;
        this.normalizer = normalizer;
        this.normalized = normalized;
        this.features = features;
        this.maxPixels = maxPixels;
    }

    /** Normalises every trial with a normaliser fitted on {@code split}'s training trials. */
    public static BaselineInput of(Dataset dataset, Split split, EvaluationMode mode) {
        if (dataset == null || split == null || mode == null) throw new IllegalArgumentException("BaselineInput: dataset, split and mode are required");
        int[] train = split.trainTrials();
        if (train.length == 0) throw new IllegalArgumentException("BaselineInput: the split has no training trials");
        for (int t : train) {
            if (t >= dataset.trialCount()) {
                throw new IllegalArgumentException("BaselineInput: split names trial " + t + " but dataset '" + dataset.name()
                        + "' has " + dataset.trialCount());
            }
        }
        ResponseNormalizer norm = ResponseNormalizer.fit(dataset, train);
        return new BaselineInput(dataset, split, mode, norm, norm.apply(dataset.responses()), null,
                AreaDownsample.DEFAULT_MAX_PIXELS);
    }

    /** With frozen image-tower feature maps, one row per image: [K, F] or [K, C, H, W] (flattened). */
    public BaselineInput withImageFeatures(Tensor imageFeatures) {
        if (imageFeatures == null) return new BaselineInput(dataset, split, mode, normalizer, normalized, null, maxPixels);
        if (imageFeatures.rank() < 2 || imageFeatures.dim(0) != dataset.imageCount()) {
            throw new IllegalArgumentException("BaselineInput: image features must be [K=" + dataset.imageCount()
                    + ", ...], got " + imageFeatures.shapeString());
        }
        DMatrixRMaj f = DenseOps.fromTensor(imageFeatures);
        for (double v : f.data) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("BaselineInput: image features must be finite");
        }
        return new BaselineInput(dataset, split, mode, normalizer, normalized, f, maxPixels);
    }

    public BaselineInput withMode(EvaluationMode m) {
        return new BaselineInput(dataset, split, m, normalizer, normalized, features, maxPixels);
    }

    /** Pixel budget of the downsampled image vectors (default {@link AreaDownsample#DEFAULT_MAX_PIXELS}). */
    public BaselineInput withMaxPixels(int max) {
        if (max < 1) throw new IllegalArgumentException("BaselineInput: maxPixels must be >= 1, got " + max);
        return new BaselineInput(dataset, split, mode, normalizer, normalized, features, max);
    }

    public Dataset dataset() { return dataset; }
    public Split split() { return split; }
    public EvaluationMode mode() { return mode; }
    public ResponseNormalizer normalizer() { return normalizer; }
    public int maxPixels() { return maxPixels; }

    /** All trials' normalised responses [T, N] (do not overwrite). */
    public Tensor normalizedResponses() { return normalized; }

    /** Frozen image-tower features [K, F] as given (flattened), when provided. */
    public Optional<Tensor> imageFeatures() { return Optional.ofNullable(features).map(DenseOps::toTensor); }

    public boolean hasImageFeatures() { return features != null; }

    /** Size of the downsampled images, {height, width}. */
    public int[] pixelSize() { return AreaDownsample.targetSize(dataset.height(), dataset.width(), maxPixels); }

    /**
     * Whether every image on side {@code tier} also has training trials. Never under the IMAGES protocol, whose
     * point is that test images are unseen.
     */
    public boolean imagesSeenInTraining(Tier tier) {
        if (split.protocol() == SplitProtocol.IMAGES && split.imageCount(tier) > 0) return false;
        int[] train = split.trainImages();
        for (int k : split.images(tier)) if (Arrays.binarySearch(train, k) < 0) return false;
        return true;
    }

    /** The candidate images for queries from side {@code tier}, ascending. */
    public int[] candidateImages(Tier tier) {
        return imagesSeenInTraining(tier) ? split.trainImages() : split.images(tier);
    }

    /** The queries of side {@code tier} under this input's mode, with their candidates. */
    RetrievalTask task(Tier tier) {
        int[] trials = split.trials(tier);
        int[] candidates = candidateImages(tier);
        DMatrixRMaj queries;
        int[] images;
        if (mode == EvaluationMode.SINGLE_TRIALS) {
            queries = trialResponses(trials);
            images = new int[trials.length];
            for (int i = 0; i < trials.length; i++) images[i] = dataset.imageId(trials[i]);
        } else {
            int[] ids = new int[trials.length];
            for (int i = 0; i < trials.length; i++) ids[i] = dataset.imageId(trials[i]);
            RepeatAverage avg = RepeatAverage.of(DenseOps.toTensor(trialResponses(trials)), ids, dataset.imageCount());
            queries = DenseOps.fromTensor(avg.responses());
            images = avg.images();
            if (trials.length == 0) queries = new DMatrixRMaj(0, dataset.neuronCount());
        }
        int[] correct = new int[images.length];
        for (int i = 0; i < images.length; i++) {
            correct[i] = Arrays.binarySearch(candidates, images[i]);
            if (correct[i] < 0) throw new IllegalStateException("BaselineInput: image " + images[i] + " of a " + tier + " query is not a candidate");
        }
        return new RetrievalTask(tier, queries, images, candidates, correct, mode == EvaluationMode.REPEAT_AVERAGED);
    }

    /** Normalised responses of the given trials, [trials.length, N], in double precision. */
    public DMatrixRMaj trialResponses(int[] trials) {
        int n = dataset.neuronCount();
        DMatrixRMaj out = new DMatrixRMaj(trials.length, n);
        for (int i = 0; i < trials.length; i++) {
            long o = normalized.offset() + (long) trials[i] * n;
            for (int j = 0; j < n; j++) out.data[i * n + j] = normalized.segment().getAtIndex(Tensor.FLOAT, o + j);
        }
        return out;
    }

    /** Per-image mean normalised response over the training trials, one row per training image (ascending). */
    DMatrixRMaj trainingTemplates() {
        int[] train = split.trainTrials();
        int[] ids = new int[train.length];
        for (int i = 0; i < train.length; i++) ids[i] = dataset.imageId(train[i]);
        return DenseOps.fromTensor(RepeatAverage.of(DenseOps.toTensor(trialResponses(train)), ids, dataset.imageCount()).responses());
    }

    /** The vector of every image [K, D] in representation {@code r} (shared; do not modify). */
    DMatrixRMaj imageVectors(ImageRepresentation r) {
        if (r == ImageRepresentation.TOWER_FEATURES) {
            if (features == null) throw new IllegalStateException("BaselineInput: no image-tower features were provided");
            return features;
        }
        synchronized (lock) {
            if (pixels == null) {
                int[] hw = pixelSize();
                pixels = AreaDownsample.images(dataset.images(), hw[0], hw[1]);
            }
            return pixels;
        }
    }

    /** Why representation {@code r} is unavailable, or null. */
    String missing(ImageRepresentation r) {
        return r == ImageRepresentation.TOWER_FEATURES && features == null
                ? "no frozen image-tower feature maps were provided (BaselineInput.withImageFeatures)" : null;
    }

    @Override
    public String toString() {
        return "BaselineInput[" + dataset.name() + ", " + split + ", " + mode + (features != null ? ", features " + features.numCols : "") + "]";
    }
}
