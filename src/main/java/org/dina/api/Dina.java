package org.dina.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.dina.train.CheckpointSink;
import org.dina.train.RestoredRun;
import org.dina.train.Rows;
import org.dina.train.Trainer;
import org.dina.train.TrainingData;
import org.dina.train.TrainingFeasibility;
import org.dina.train.TrainingListener;

/**
 * A trained DINA model, ready to embed, compare and identify, for a Java program or a JShell session that knows
 * nothing of the engine inside:
 * {@snippet :
 * Dina dina = Dina.load(Path.of("runs/demo"));
 * Dina.HeldOut test = dina.heldOut();
 * int[] guess = dina.identify(test.responses(), test.candidateImages());
 * }
 * <p>The facade does what every caller would otherwise repeat: it scales raw responses with the normaliser fitted
 * on the run's training trials, resizes images to the model's input size, runs a frozen backbone once per image
 * (or reads the features cached for the run's own images), keeps the model in evaluation mode, and copies every
 * result out of the layers' reused buffers into arrays the caller owns.
 *
 * <p>Embeddings are the flattened alignment maps (C x 16 x 64 values per row), L2-normalised, so the dot product of
 * a response embedding and an image embedding is their cosine similarity. A {@code Dina} is not thread-safe: its
 * layers reuse their buffers from call to call.
 */
public final class Dina {
    /** Rows per forward pass of the image tower from images (bounds the backbone's activations). */
    public static final int IMAGE_CHUNK = 32;
    /** Rows per forward pass of the neural tower. */
    public static final int RESPONSE_CHUNK = 64;

    private final DinaModel model;
    private final TrainingData data;

    private Dina(DinaModel model, TrainingData data) {
        this.model = model;
        this.data = data;
        model.setTraining(false);
    }

    /**
     * Wraps a model and the data it was trained on (its split, response normaliser and image-tower inputs); puts the
     * model in evaluation mode.
     *
     * @param model a trained model
     * @param data  the data it was trained on, prepared as for training
     * @return the facade over both
     */
    public static Dina of(DinaModel model, TrainingData data) {
        return new Dina(model, data);
    }

    /**
     * The best checkpoint (lowest validation loss) of a run folder, with the data its {@code data.json} names.
     *
     * @param runFolder a folder {@code dina train} wrote
     * @return the restored model
     * @throws IOException when the folder, its checkpoint or its data cannot be read, or the data changed since
     *                     training (the message names the file)
     */
    public static Dina load(Path runFolder) throws IOException {
        return load(runFolder, "best", false);
    }

    /**
     * One checkpoint of a run folder, with the data its {@code data.json} names.
     *
     * @param runFolder        a folder {@code dina train} wrote
     * @param checkpoint       {@code best} (lowest validation loss) or {@code last} (latest epoch)
     * @param allowChangedData read data whose SHA-256 differs from the one recorded at training, instead of refusing it
     * @return the restored model
     * @throws IOException when the folder, its checkpoint or its data cannot be read, or the data changed and
     *                     {@code allowChangedData} is false (the message names the file)
     */
    public static Dina load(Path runFolder, String checkpoint, boolean allowChangedData) throws IOException {
        if (!checkpoint.equals("best") && !checkpoint.equals("last")) {
            throw new IllegalArgumentException("checkpoint must be best or last, got " + checkpoint);
        }
        RestoredRun run = RestoredRun.open(runFolder, checkpoint, allowChangedData);
        return new Dina(run.model(), run.data());
    }

    /**
     * Trains in memory (nothing written) and returns the model of the best epoch by validation loss.
     *
     * @param dataset  the recording to split and train on
     * @param config   what to train; its seed fixes the split (unless the data has its own tiers), the initial
     *                 weights and the batch order
     * @param listener hears every epoch ({@link TrainingListener#SILENT} for nothing)
     * @return the best epoch's model with its data
     * @throws IOException not thrown here (nothing is written); declared by the trainer for its checkpoint sink
     */
    public static Dina train(Dataset dataset, DinaConfig config, TrainingListener listener) throws IOException {
        return train(dataset, config, listener, CheckpointSink.NONE);
    }

    /**
     * Trains on {@code dataset} as {@code dina train} does, handing every epoch's checkpoints to {@code checkpoints},
     * and returns the model of the best epoch by validation loss. The same data, config and seed give the same model
     * bit for bit, in memory or on disk.
     *
     * @param dataset     the recording to split and train on
     * @param config      what to train; its seed fixes the split (unless the data has its own tiers), the initial
     *                    weights and the batch order
     * @param listener    hears every epoch ({@link TrainingListener#SILENT} for nothing)
     * @param checkpoints where every epoch's best and last checkpoints go, for example
     *                    {@code CheckpointSink.into(RunFolder.create(dir))}, or {@link CheckpointSink#NONE}
     * @return the best epoch's model with its data
     * @throws IOException when {@code checkpoints} cannot write
     * @throws IllegalArgumentException with a one-line reason when the data cannot be trained on with this config
     *                                  (too few images for the split, no repeats under {@code split: repeats}, ...)
     */
    public static Dina train(Dataset dataset, DinaConfig config, TrainingListener listener, CheckpointSink checkpoints)
            throws IOException {
        TrainingFeasibility.check(config, dataset);
        DinaModel model = new DinaModel(config, dataset.neuronCount());
        TrainingData data = TrainingData.prepare(config, dataset, model.image());
        BestState best = new BestState(checkpoints);
        new Trainer(model, data, best, listener).fit();
        best.restoreInto(model);
        return new Dina(model, data);
    }

    /** {@return the config the model was built and trained with} */
    public DinaConfig config() { return model.config(); }
    /** {@return the model itself, in evaluation mode} */
    public DinaModel model() { return model; }
    /** {@return the data the model was trained on, with its split and response normaliser} */
    public TrainingData data() { return data; }
    /** {@return the recording the model was trained on} */
    public Dataset dataset() { return data.dataset(); }
    /** {@return the image height the image tower takes} {@link #embedImages} resizes other sizes to it. */
    public int imageHeight() { return config().data().imageHeight(); }
    /** {@return the image width the image tower takes} {@link #embedImages} resizes other sizes to it. */
    public int imageWidth() { return config().data().imageWidth(); }

    /**
     * Embeddings of raw images of any size, resized bilinearly to the model's input.
     *
     * @param images [K][H][W] pixels, every image of the same size
     * @return [K][C x 16 x 64] embeddings, L2-normalised
     */
    public float[][] embedImages(float[][][] images) {
        return embedImages(stack(images));
    }

    /**
     * Embeddings of raw images of any size, resized bilinearly to the model's input.
     *
     * @param images [K, H, W] pixels
     * @return [K][C x 16 x 64] embeddings, L2-normalised
     */
    public float[][] embedImages(Tensor images) {
        if (images.rank() != 3) throw new IllegalArgumentException("Dina.embedImages: expected images [K, H, W] but got " + images.shapeString());
        return embedResizedImages(TrainingData.resized(images, imageHeight(), imageWidth()).contiguous());
    }

    /**
     * Embeddings of raw responses, scaled with the run's normaliser first.
     *
     * @param rawResponses [T][N]: one row per trial, the neurons in the data's order
     * @return [T][C x 16 x 64] embeddings, L2-normalised
     */
    public float[][] embedResponses(float[][] rawResponses) {
        return embedResponses(stack(rawResponses));
    }

    /**
     * Embeddings of raw responses, scaled with the run's normaliser first (the argument is not changed).
     *
     * @param rawResponses [T, N]: one row per trial, the neurons in the data's order
     * @return [T][C x 16 x 64] embeddings, L2-normalised
     */
    public float[][] embedResponses(Tensor rawResponses) {
        return embedNormalisedResponses(data.normalizer().apply(rawResponses.contiguous()));
    }

    /**
     * Cosine similarity of every query embedding with every candidate embedding.
     *
     * @param queries    [Q][D] embeddings, from either tower
     * @param candidates [C][D] embeddings, usually from the other tower
     * @return similarity[q][c]
     */
    public float[][] similarity(float[][] queries, float[][] candidates) {
        return Embeddings.similarity(queries, candidates);
    }

    /**
     * Identifies the image behind each response: the candidate whose embedding is most similar to the response's.
     *
     * @param rawResponses    [T][N] raw responses, the neurons in the data's order
     * @param candidateImages [K][H][W] images of any size, every one of the same size
     * @return for each response, the index of its most similar candidate (the first on ties)
     */
    public int[] identify(float[][] rawResponses, float[][][] candidateImages) {
        return best(similarity(embedResponses(rawResponses), embedImages(candidateImages)));
    }

    /**
     * {@link #identify(float[][], float[][][])} for tensors.
     *
     * @param rawResponses    [T, N] raw responses, the neurons in the data's order
     * @param candidateImages [K, H, W] images of any size
     * @return for each response, the index of its most similar candidate (the first on ties)
     */
    public int[] identify(Tensor rawResponses, Tensor candidateImages) {
        return best(similarity(embedResponses(rawResponses), embedImages(candidateImages)));
    }

    /**
     * The run's held-out identification task, as {@code dina eval} scores it: every test trial's raw response, the
     * candidate images (the unseen test images under the {@code images} split; every image shown under
     * {@code repeats}), and the index of each trial's true image among the candidates.
     *
     * @param responses       [T][N] raw responses of the test trials
     * @param candidateImages [K][H][W] the candidate images
     * @param truth           for each test trial, the index of its image in {@code candidateImages}
     * @param trials          the test trials' indices in the dataset
     * @param candidates      the candidate images' indices in the dataset
     */
    public record HeldOut(float[][] responses, float[][][] candidateImages, int[] truth, int[] trials, int[] candidates) {}

    /** {@return the run's held-out identification task} */
    public HeldOut heldOut() {
        Dataset d = dataset();
        int[] candidates = candidates(), trials = data.split().testTrials();
        int[] slot = slots(candidates, d.imageCount());
        float[][][] images = new float[candidates.length][][];
        for (int i = 0; i < candidates.length; i++) images[i] = rows(d.image(candidates[i]));
        int[] truth = new int[trials.length];
        for (int i = 0; i < trials.length; i++) truth[i] = slot[d.imageId(trials[i])];
        return new HeldOut(rows(d.responsesOf(trials)), images, truth, trials, candidates);
    }

    /** {@return the dataset indices of the held-out task's candidate images} (See {@link HeldOut}.) */
    public int[] candidates() {
        return data.split().protocol() == SplitProtocol.REPEATS ? dataset().shownImages() : data.split().testImages();
    }

    /**
     * Where each dataset image sits among the candidates.
     *
     * @param candidates distinct dataset image indices
     * @param imageCount the number of images in the dataset
     * @return for every dataset image, its position in {@code candidates}, or -1
     */
    public static int[] slots(int[] candidates, int imageCount) {
        int[] slot = new int[imageCount];
        Arrays.fill(slot, -1);
        for (int i = 0; i < candidates.length; i++) slot[candidates[i]] = i;
        return slot;
    }

    // What evaluation and analysis build on: the same paths with the batch sizes their stored results were made with.

    /**
     * Responses of dataset trials, scaled with the run's normaliser.
     *
     * @param trials dataset trial indices
     * @return a new [T, N] tensor
     */
    public Tensor normalisedResponses(int[] trials) {
        return data.normalizer().apply(dataset(), trials);
    }

    /**
     * Dataset images resized to the model's input.
     *
     * @param images dataset image indices
     * @return a new [K, 1, H, W] tensor
     */
    public Tensor resizedImages(int[] images) {
        Dataset d = dataset();
        Tensor raw = Tensor.zeros(images.length, d.height(), d.width());
        Rows.gather(d.images(), images, raw);
        return TrainingData.resized(raw, imageHeight(), imageWidth()).contiguous();
    }

    /**
     * Embeddings and maps of dataset images from the run's image-tower inputs (cached backbone features of a frozen
     * tower, resized images of a joint one).
     *
     * @param images dataset image indices
     * @param batch  rows per forward pass
     * @return one embedding and one map per image
     */
    public Embeddings embedDatasetImages(int[] images, int batch) {
        Tensor inputs = Tensor.zeros(Rows.batchShape(data.imageInputs(), images.length));
        Rows.gather(data.imageInputs(), images, inputs);
        return Embeddings.of(model.image(), inputs, batch);
    }

    /**
     * Embeddings and maps of normalised responses.
     *
     * @param normalised [T, N] responses already scaled with the run's normaliser
     * @param batch      rows per forward pass
     * @return one embedding and one map per trial
     */
    public Embeddings embedNormalisedResponses(Tensor normalised, int batch) {
        return Embeddings.of(model.neural(), normalised, batch);
    }

    /**
     * Embeddings of images already at the model's input size (a frozen backbone runs on each chunk).
     *
     * @param images [B, 1, H, W] with H and W the model's input size
     * @return [B][C x 16 x 64] embeddings, L2-normalised
     */
    public float[][] embedResizedImages(Tensor images) {
        if (images.rank() != 4 || images.dim(1) != 1 || images.dim(2) != imageHeight() || images.dim(3) != imageWidth()) {
            throw new IllegalArgumentException("Dina: expected images [B, 1, " + imageHeight() + ", " + imageWidth()
                    + "] but got " + images.shapeString());
        }
        return inEqualChunks(images, IMAGE_CHUNK, chunk -> model.image().joint()
                ? model.image().forward(chunk) : model.image().forward(model.image().features(chunk)));
    }

    /**
     * Embeddings of normalised responses.
     *
     * @param normalised [T, N] responses already scaled with the run's normaliser
     * @return [T][C x 16 x 64] embeddings, L2-normalised
     */
    public float[][] embedNormalisedResponses(Tensor normalised) {
        if (normalised.rank() != 2 || normalised.dim(1) != dataset().neuronCount()) {
            throw new IllegalArgumentException("Dina: expected responses [T, " + dataset().neuronCount() + "] but got " + normalised.shapeString());
        }
        return inEqualChunks(normalised, RESPONSE_CHUNK, model.neural()::forward);
    }

    /**
     * Runs {@code tower} over the rows of {@code input} in chunks of one size, at most {@code max} rows: the last
     * chunk is padded (with copies of its first row, whose outputs are dropped). Layers keep their activation
     * buffers while the batch shape stays the same, so equal chunks avoid re-allocating ~100 MB per backbone
     * block at every call.
     */
    static float[][] inEqualChunks(Tensor input, int max, Function<Tensor, Tensor> tower) {
        int rows = input.dim(0);
        int chunks = (rows + max - 1) / max, size = (rows + chunks - 1) / chunks;
        float[][] out = new float[rows][];
        Tensor padded = null;
        for (int from = 0; from < rows; from += size) {
            int to = Math.min(rows, from + size);
            Tensor chunk = input.slice(0, from, to).contiguous();
            if (to - from < size) {
                if (padded == null) padded = Tensor.zeros(Rows.batchShape(input, size));
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

    /** Index of the largest value of every row (the first on ties). */
    static int[] best(float[][] similarity) {
        int[] out = new int[similarity.length];
        for (int q = 0; q < similarity.length; q++) {
            float[] row = similarity[q];
            int arg = 0;
            for (int c = 1; c < row.length; c++) if (row[c] > row[arg]) arg = c;
            out[q] = arg;
        }
        return out;
    }

    /** Rows of equal length as one [R, L] tensor, or [R, H, W] for images. */
    private static Tensor stack(float[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("Dina: no rows given");
        int n = rows[0].length;
        float[] flat = new float[rows.length * n];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != n) throw new IllegalArgumentException("Dina: row " + r + " has " + rows[r].length + " values, row 0 has " + n);
            System.arraycopy(rows[r], 0, flat, r * n, n);
        }
        return Tensor.of(flat, rows.length, n);
    }

    private static Tensor stack(float[][][] images) {
        if (images.length == 0) throw new IllegalArgumentException("Dina: no images given");
        int h = images[0].length, w = h == 0 ? 0 : images[0][0].length;
        float[] flat = new float[images.length * h * w];
        for (int k = 0; k < images.length; k++) {
            if (images[k].length != h) throw new IllegalArgumentException("Dina: image " + k + " has " + images[k].length + " rows, image 0 has " + h);
            for (int y = 0; y < h; y++) {
                if (images[k][y].length != w) {
                    throw new IllegalArgumentException("Dina: image " + k + " row " + y + " has " + images[k][y].length + " values, image 0 has " + w);
                }
                System.arraycopy(images[k][y], 0, flat, (k * h + y) * w, w);
            }
        }
        return Tensor.of(flat, images.length, h, w);
    }

    /** A [R, L] tensor as rows, or a [H, W] image as its rows. */
    private static float[][] rows(Tensor t) {
        float[] flat = t.contiguous().toArray();
        int r = t.dim(0), l = t.dim(1);
        float[][] out = new float[r][];
        for (int i = 0; i < r; i++) out[i] = Arrays.copyOfRange(flat, i * l, (i + 1) * l);
        return out;
    }
}
