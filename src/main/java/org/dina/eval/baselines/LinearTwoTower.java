package org.dina.eval.baselines;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.dina.data.Tier;
import org.dina.eval.RetrievalResult;
import org.dina.kernels.Gemm;
import org.dina.model.InfoNceLoss;
import org.dina.nn.AdamW;
import org.dina.nn.Linear;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * DINA with both towers reduced to one linear map each: image vector (downsampled pixels or frozen tower features)
 * and normalised response are mapped to a shared space, L2-normalised and trained with the symmetric InfoNCE loss
 * and AdamW on (training trial, its image) pairs. Training stops early on the validation loss and the best epoch's
 * weights are kept; queries rank candidates by cosine similarity of the embeddings. Deterministic in the seed.
 */
public final class LinearTwoTower implements ImageModelBaseline {
    /** Settings; {@link #defaults(long)} are 64 dimensions, tau 0.07, AdamW lr 3e-3 (weight decay 1e-2), batch 128, at most 300 epochs, patience 20. */
    public record Config(int dim, double tau, double lr, double weightDecay, int batchSize, int maxEpochs, int patience, long seed) {
        public Config {
            if (dim < 1 || batchSize < 2 || maxEpochs < 1 || patience < 1) {
                throw new IllegalArgumentException("LinearTwoTower.Config: need dim >= 1, batch >= 2, epochs >= 1, patience >= 1");
            }
            if (!(tau > 0) || !(lr > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("LinearTwoTower.Config: need tau > 0, lr > 0, weight decay >= 0");
            }
        }

        public static Config defaults(long seed) { return new Config(64, 0.07, 3e-3, 1e-2, 128, 300, 20, seed); }

        public Config withMaxEpochs(int e) { return new Config(dim, tau, lr, weightDecay, batchSize, e, patience, seed); }
        public Config withLr(double v) { return new Config(dim, tau, v, weightDecay, batchSize, maxEpochs, patience, seed); }
        public Config withSeed(long s) { return new Config(dim, tau, lr, weightDecay, batchSize, maxEpochs, patience, s); }
    }

    private static final int VALIDATION_CHUNK = 512;
    private final ImageRepresentation imageSide;
    private final Config config;

    public LinearTwoTower(ImageRepresentation imageSide, Config config) {
        this.imageSide = imageSide;
        this.config = config;
    }

    @Override
    public String name() { return "linear-two-tower-" + imageSide.label(); }

    @Override
    public Optional<String> whyNotApplicable(BaselineInput in) {
        String why = Checks.tunable(in, imageSide);
        if (why == null && in.split().trialCount(Tier.TRAIN) < 2) why = "fewer than 2 training trials";
        return Optional.ofNullable(why);
    }

    @Override
    public BaselineResult evaluate(FittedImageModel fitted, BaselineInput in) {
        if (!(fitted instanceof Fitted f) || !f.name().equals(name())) {
            throw new IllegalArgumentException(name() + ": cannot evaluate a model fitted by " + fitted.name());
        }
        RetrievalTask test = in.task(Tier.TEST);
        float[][] sim = f.similarities(test.queries(), DenseOps.rows(in.imageVectors(imageSide), test.candidates()));
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("image_side", imageSide.label());
        if (imageSide == ImageRepresentation.PIXELS) hp.put("pixels", in.pixelSize()[0] + "x" + in.pixelSize()[1]);
        hp.put("dim", Integer.toString(config.dim()));
        hp.put("tau", Checks.number(config.tau()));
        hp.put("lr", Checks.number(config.lr()));
        hp.put("weight_decay", Checks.number(config.weightDecay()));
        hp.put("batch", Integer.toString(f.model.batch));
        hp.put("best_epoch", Integer.toString(f.trained.bestEpoch));
        hp.put("epochs_run", Integer.toString(f.trained.epochsRun));
        hp.put("best_validation_loss", String.format(Locale.ROOT, "%.5f", f.trained.bestLoss));
        hp.put("seed", Long.toString(config.seed()));
        return new BaselineResult(name(), in.mode(), null, test.neuralToImage(sim), test.imageToNeural(sim), f.validation, hp, f.seconds);
    }

    /** Trains both towers on the training trials with early stopping on the validation loss. */
    @Override
    public Fitted fit(BaselineInput in) {
        Optional<String> why = whyNotApplicable(in);
        if (why.isPresent()) throw new IllegalArgumentException(name() + " does not apply: " + why.get());
        long t0 = System.nanoTime();
        int[] train = in.split().trainTrials(), valTrials = in.split().validationTrials();
        // inputs centred (and the image side scaled) on training statistics only
        DMatrixRMaj trainX = in.trialResponses(train);
        double[] responseMean = DenseOps.columnMeans(trainX);
        Tensor neural = DenseOps.toTensor(DenseOps.minusRow(trainX, responseMean));
        Tensor valNeural = DenseOps.toTensor(DenseOps.minusRow(in.trialResponses(valTrials), responseMean));
        int[] trainImages = in.split().trainImages();
        DMatrixRMaj vectors = in.imageVectors(imageSide);
        double rms = RidgeEncoder.trainingRms(vectors, trainImages);
        DMatrixRMaj scaled = RidgeEncoder.divided(vectors, rms);
        double[] imageMean = DenseOps.columnMeans(DenseOps.rows(scaled, trainImages));
        Tensor images = DenseOps.toTensor(DenseOps.minusRow(scaled, imageMean));
        int[] trainImageOf = imagesOf(in, train), valImageOf = imagesOf(in, valTrials);

        Model model = new Model(neural.dim(1), images.dim(1), config);
        Trained t = model.train(neural, trainImageOf, valNeural, valImageOf, images);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Fitted f = new Fitted(name(), model, t, responseMean, rms, imageMean, seconds);
        RetrievalTask val = in.task(Tier.VALIDATION);
        f.validation = val.neuralToImage(f.similarities(val.queries(), DenseOps.rows(vectors, val.candidates())));
        return f;
    }

    /** The trained towers with the training statistics that centre and scale their inputs. */
    public static final class Fitted implements FittedImageModel {
        private final String name;
        private final Model model;
        private final Trained trained;
        private final double[] responseMean, imageMean;
        private final double rms, seconds;
        private RetrievalResult validation;

        private Fitted(String name, Model model, Trained trained, double[] responseMean, double rms, double[] imageMean, double seconds) {
            this.name = name;
            this.model = model;
            this.trained = trained;
            this.responseMean = responseMean;
            this.rms = rms;
            this.imageMean = imageMean;
            this.seconds = seconds;
        }

        @Override public String name() { return name; }
        @Override public double validationTop1() { return validation.top1(); }
        @Override public double fitSeconds() { return seconds; }

        @Override
        public float[][] similarities(DMatrixRMaj queries, DMatrixRMaj candidates) {
            Tensor q = DenseOps.toTensor(DenseOps.minusRow(queries, responseMean));
            Tensor c = DenseOps.toTensor(DenseOps.minusRow(RidgeEncoder.divided(candidates, rms), imageMean));
            return model.similarities(q, c);
        }
    }

    private static int[] imagesOf(BaselineInput in, int[] trials) {
        int[] out = new int[trials.length];
        for (int i = 0; i < trials.length; i++) out[i] = in.dataset().imageId(trials[i]);
        return out;
    }

    private record Trained(int bestEpoch, int epochsRun, double bestLoss) {}

    /** The two linear towers, their optimiser and reusable batch buffers. */
    private static final class Model {
        final Config c;
        final ParameterSet params = new ParameterSet();
        final Linear neuralTower, imageTower;
        final L2Rows neuralNorm = new L2Rows("neural"), imageNorm = new L2Rows("image");
        final InfoNceLoss loss = new InfoNceLoss(), validationLoss = new InfoNceLoss();
        int batch;

        Model(int neurons, int imageDims, Config c) {
            this.c = c;
            neuralTower = new Linear(params, "neural", neurons, c.dim(), true);
            imageTower = new Linear(params, "image", imageDims, c.dim(), true);
            params.allocate(c.seed());
        }

        Trained train(Tensor neural, int[] imageOf, Tensor valNeural, int[] valImageOf, Tensor images) {
            int n = neural.dim(0);
            batch = Math.min(c.batchSize(), n);
            int batches = n / batch; // the remainder waits for another epoch's shuffle
            Tensor xb = Tensor.zeros(batch, neural.dim(1)), ib = Tensor.zeros(batch, images.dim(1));
            AdamW opt = new AdamW(params.values(), params.grads(),
                    AdamW.Config.DEFAULTS.withLr(c.lr()).withWeightDecay(c.weightDecay()));
            Tensor best = params.values().copy();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            SplittableRandom rng = new SplittableRandom(c.seed() ^ 0x5DEECE66DL);
            int[] valOrder = permutation(valImageOf.length, new SplittableRandom(c.seed() ^ 0xB5297A4DL));
            Tensor valX = gather(valNeural, valOrder), valImg = gather(images, permuteIds(valImageOf, valOrder));
            double bestLoss = validation(valX, valImg);
            int bestEpoch = 0, epoch = 0;
            while (epoch < c.maxEpochs() && epoch - bestEpoch < c.patience()) {
                epoch++;
                shuffle(order, rng);
                for (int b = 0; b < batches; b++) {
                    for (int i = 0; i < batch; i++) {
                        int row = order[b * batch + i];
                        copyRow(neural, row, xb, i);
                        copyRow(images, imageOf[row], ib, i);
                    }
                    params.zeroGrad();
                    Tensor zi = imageNorm.forward(imageTower.forward(ib));
                    Tensor zn = neuralNorm.forward(neuralTower.forward(xb));
                    loss.forward(zi, zn, c.tau());
                    loss.backward();
                    imageTower.backward(imageNorm.backward(loss.gradA()));
                    neuralTower.backward(neuralNorm.backward(loss.gradB()));
                    opt.step();
                }
                double v = validation(valX, valImg);
                if (v < bestLoss) {
                    bestLoss = v;
                    bestEpoch = epoch;
                    params.values().copyTo(best);
                }
            }
            best.copyTo(params.values());
            return new Trained(bestEpoch, epoch, bestLoss);
        }

        /** Mean InfoNCE over the validation pairs, in fixed chunks of at most 512. */
        double validation(Tensor valX, Tensor valImg) {
            int v = valX.dim(0);
            Tensor zn = embed(neuralTower, valX), zi = embed(imageTower, valImg);
            int chunks = (v + VALIDATION_CHUNK - 1) / VALIDATION_CHUNK;
            double sum = 0;
            for (int k = 0; k < chunks; k++) {
                int from = (int) ((long) v * k / chunks), to = (int) ((long) v * (k + 1) / chunks);
                sum += (to - from) * validationLoss.forward(zi.slice(0, from, to), zn.slice(0, from, to), c.tau());
            }
            return sum / v;
        }

        /** Cosine similarities [queries, candidates] between neural and image embeddings. */
        float[][] similarities(Tensor queries, Tensor candidates) {
            Tensor zn = embed(neuralTower, queries), zi = embed(imageTower, candidates);
            int q = zn.dim(0), k = zi.dim(0);
            Tensor s = Tensor.zeros(q, k);
            Gemm.matmul(zn, false, zi, true, s, 1f, 0f);
            float[] flat = s.toArray();
            float[][] out = new float[q][k];
            for (int i = 0; i < q; i++) System.arraycopy(flat, i * k, out[i], 0, k);
            return out;
        }

        /** x W^T + b, rows scaled to unit length, into a fresh tensor (evaluation only: no gradients kept). */
        private Tensor embed(Linear tower, Tensor x) {
            int rows = x.dim(0);
            Tensor out = Tensor.zeros(rows, c.dim());
            Tensor bias = tower.bias().value();
            for (int r = 0; r < rows; r++) bias.copyTo(out.slice(0, r, r + 1).reshape(c.dim()));
            Gemm.matmul(x, false, tower.weight().value(), true, out, 1f, 1f);
            return new L2Rows("eval").forward(out).copy();
        }
    }

    private static void copyRow(Tensor src, int row, Tensor dst, int dstRow) {
        long cols = src.dim(1);
        MemorySegment.copy(src.segment(), (src.offset() + row * cols) * Float.BYTES,
                dst.segment(), (dst.offset() + dstRow * cols) * Float.BYTES, cols * Float.BYTES);
    }

    private static Tensor gather(Tensor src, int[] rows) {
        Tensor out = Tensor.zeros(rows.length, src.dim(1));
        for (int i = 0; i < rows.length; i++) copyRow(src, rows[i], out, i);
        return out;
    }

    private static int[] permuteIds(int[] ids, int[] order) {
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) out[i] = ids[order[i]];
        return out;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p, rng);
        return p;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
