package org.dina.train;

import org.dina.data.Dataset;
import org.dina.data.ResponseNormalizer;
import org.dina.data.Split;
import org.dina.data.SplitProtocol;
import org.dina.data.Splits;
import org.dina.kernels.Resize;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTower;
import org.dina.model.TrialMode;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;

/**
 * Everything the trainer and evaluator read: the split (by image identity or by held-out repeats), the response
 * normaliser fitted on training trials only, the pairs of each side, and one image-tower input per image
 * (cached backbone features in frozen mode, resized images in joint mode).
 */
public final class TrainingData {
    private final Dataset dataset;
    private final Split split;
    private final ResponseNormalizer normalizer;
    private final Tensor imageInputs;
    private final PairSet train, validation;
    private final boolean averaged;

    private TrainingData(Dataset dataset, Split split, ResponseNormalizer normalizer, Tensor imageInputs, boolean averaged) {
        this.dataset = dataset;
        this.split = split;
        this.normalizer = normalizer;
        this.imageInputs = imageInputs;
        this.averaged = averaged;
        this.train = PairSet.of(dataset, split.trainTrials(), normalizer, averaged);
        this.validation = PairSet.of(dataset, split.validationTrials(), normalizer, averaged);
        if (train.size() < 2 || validation.size() < 2) {
            throw new IllegalArgumentException(dataset.name() + ": the split leaves " + train.size() + " training and "
                    + validation.size() + " validation pairs; need at least 2 of each");
        }
    }

    /** The split the config asks for on {@code d}, deterministic in the config's seed. */
    public static Split split(DinaConfig cfg, Dataset d) {
        DinaConfig.Data dc = cfg.data();
        double trainFraction = 1 - dc.validationFraction() - dc.testFraction();
        return Splits.split(d, new Splits.Config(dc.split(), trainFraction, dc.validationFraction(), 1, cfg.seed(), true));
    }

    /** Splits, fits the normaliser on training trials, and prepares the image-tower inputs for every image. */
    public static TrainingData prepare(DinaConfig cfg, Dataset d, ImageTower tower) {
        Split split = split(cfg, d);
        ResponseNormalizer normalizer = ResponseNormalizer.fit(d, split.trainTrials());
        if (!tower.joint()) {
            Tensor images = resized(d.images(), cfg.data().imageHeight(), cfg.data().imageWidth());
            int[] train = split.trainImages();
            Tensor trainImages = Tensor.zeros(Rows.batchShape(images, train.length));
            Rows.gather(images.contiguous(), train, trainImages);
            tower.calibrate(trainImages, 32);
        }
        return new TrainingData(d, split, normalizer, imageInputs(cfg, d, tower), cfg.data().trials() == TrialMode.AVERAGED);
    }

    /** Same as {@link #prepare} but with a given normaliser (from a checkpoint). */
    public static TrainingData prepare(DinaConfig cfg, Dataset d, ImageTower tower, ResponseNormalizer normalizer) {
        return new TrainingData(d, split(cfg, d), normalizer, imageInputs(cfg, d, tower), cfg.data().trials() == TrialMode.AVERAGED);
    }

    /** Images resized to the configured size, as [K, 1, H, W]; in frozen mode, their backbone features. */
    static Tensor imageInputs(DinaConfig cfg, Dataset d, ImageTower tower) {
        Tensor images = resized(d.images(), cfg.data().imageHeight(), cfg.data().imageWidth());
        return tower.joint() ? images : features(tower, images);
    }

    /** Bilinear resize of a [K, H, W] stack to [K, 1, h, w] (a view when the size already matches). */
    public static Tensor resized(Tensor images, int h, int w) {
        Tensor x = images.contiguous().reshape(images.dim(0), 1, images.dim(1), images.dim(2));
        if (images.dim(1) == h && images.dim(2) == w) return x;
        Tensor y = Tensor.zeros(images.dim(0), 1, h, w);
        Resize.forward(Resize.Mode.BILINEAR, x, y);
        return y;
    }

    /** Backbone features of every image, computed once in eval mode, [K, 128, h', w']. */
    static Tensor features(ImageTower tower, Tensor images) {
        int k = images.dim(0), chunk = 32;
        tower.setTraining(false);
        Tensor out = null;
        try (Progress.Task bar = Progress.start("features", k)) {
            for (int from = 0; from < k; from += chunk) {
                int to = Math.min(k, from + chunk);
                Tensor f = tower.features(images.slice(0, from, to));
                if (out == null) out = Tensor.zeros(Rows.batchShape(f, k));
                f.copyTo(out.slice(0, from, to));
                bar.step(to - from, "");
            }
        }
        return out;
    }

    public Dataset dataset() { return dataset; }
    public Split split() { return split; }
    public ResponseNormalizer normalizer() { return normalizer; }
    /** One image-tower input per dataset image, [K, ...]. */
    public Tensor imageInputs() { return imageInputs; }
    public PairSet train() { return train; }
    public PairSet validation() { return validation; }
    public boolean averaged() { return averaged; }
}
