package org.dina.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.dina.data.Dataset;
import org.dina.data.ResponseNormalizer;
import org.dina.data.Split;
import org.dina.model.DinaModel;
import org.dina.model.MapHead;
import org.dina.model.Tower;
import org.dina.model.TrialMode;
import org.dina.tensor.Tensor;
import org.dina.train.PairSet;
import org.dina.train.Rows;
import org.dina.train.TrainingData;

/**
 * The exact tensors a trained model's towers receive and the maps they make, for comparison with any other
 * implementation: {@code image_inputs.npy} [K, 1, H, W] (images resized to the configured size),
 * {@code neural_inputs.npy} [T, N] (responses scaled by the run's normaliser, repeat-averaged when the run
 * averages), {@code image_maps.npy} [K, 16, 64] and {@code neural_maps.npy} [T, 16, 64] ([K, C, 16, 64] with C map
 * channels), for the test split or for every image and trial. Towers run in evaluation mode (BatchNorm on running
 * statistics), in batches, so each row is independent of the others.
 */
public final class MapsExport {
    public static final String IMAGE_INPUTS = "image_inputs.npy", NEURAL_INPUTS = "neural_inputs.npy",
            IMAGE_MAPS = "image_maps.npy", NEURAL_MAPS = "neural_maps.npy";
    private static final int BATCH = 32;

    /** What was written: inputs and maps of both towers. */
    public record Result(Tensor imageInputs, Tensor neuralInputs, Tensor imageMaps, Tensor neuralMaps) {}

    private MapsExport() {}

    /** Computes everything first and then writes the four files, each atomically. */
    public static Result write(DinaModel model, Dataset dataset, ResponseNormalizer normalizer, boolean all, Path dir) throws IOException {
        Result r = compute(model, dataset, normalizer, all);
        NpyFloat32.write(dir.resolve(IMAGE_INPUTS), r.imageInputs());
        NpyFloat32.write(dir.resolve(NEURAL_INPUTS), r.neuralInputs());
        NpyFloat32.write(dir.resolve(IMAGE_MAPS), r.imageMaps());
        NpyFloat32.write(dir.resolve(NEURAL_MAPS), r.neuralMaps());
        return r;
    }

    public static Result compute(DinaModel model, Dataset dataset, ResponseNormalizer normalizer, boolean all) {
        var cfg = model.config();
        Split split = TrainingData.split(cfg, dataset);
        int[] images = all ? IntStream.range(0, dataset.imageCount()).toArray() : split.testImages();
        int[] trials = all ? IntStream.range(0, dataset.trialCount()).toArray() : split.testTrials();
        Tensor resized = TrainingData.resized(dataset.images(), cfg.data().imageHeight(), cfg.data().imageWidth()).contiguous();
        Tensor imageInputs = Tensor.zeros(Rows.batchShape(resized, images.length));
        Rows.gather(resized, images, imageInputs);
        Tensor neuralInputs = PairSet.of(dataset, trials, normalizer, cfg.data().trials() == TrialMode.AVERAGED).responses().contiguous();
        model.setTraining(false);
        Tensor imageMaps = maps(model.image(), imageInputs, x -> model.image().joint() ? x : model.image().features(x), model);
        Tensor neuralMaps = maps(model.neural(), neuralInputs, x -> x, model);
        return new Result(imageInputs, neuralInputs, imageMaps, neuralMaps);
    }

    private static Tensor maps(Tower tower, Tensor inputs, java.util.function.UnaryOperator<Tensor> prepare, DinaModel model) {
        int rows = inputs.dim(0), channels = model.config().model().mapChannels();
        Tensor out = channels == 1 ? Tensor.zeros(rows, MapHead.MAP_H, MapHead.MAP_W) : Tensor.zeros(rows, channels, MapHead.MAP_H, MapHead.MAP_W);
        for (int from = 0; from < rows; from += BATCH) {
            int to = Math.min(rows, from + BATCH);
            tower.forward(prepare.apply(inputs.slice(0, from, to)));
            tower.maps().contiguous().reshape(Rows.batchShape(out, to - from)).copyTo(out.slice(0, from, to));
        }
        return out;
    }
}
