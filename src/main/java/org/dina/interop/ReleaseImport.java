package org.dina.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.dina.train.SafeTensors;

/**
 * Loads release state dicts (from {@link ReleaseExport} or from PyTorch's {@code save_file(model.state_dict())})
 * into a model's towers. Every tensor our tower needs must be in the file with the release's shape; keys we have no
 * use for (stages 3-4 and the classifier of the full DS-Net, {@code num_batches_tracked}) are ignored, like
 * PyTorch's {@code strict=False}. An image file without the head ({@code my_conv.*}), such as a backbone trained
 * elsewhere, keeps the model's own head.
 */
public final class ReleaseImport {
    private ReleaseImport() {}

    /** Copies the image tower's tensors from {@code file}; returns the release keys it left at their initial values. */
    public static List<String> image(DinaModel model, Path file) throws IOException {
        List<String> kept = load(file, ReleaseLayout.imageTower(model.image()), "my_conv.");
        return kept;
    }

    /** Copies the neural tower's tensors from {@code file}; the neuron count must match the model's. */
    public static void neural(DinaModel model, Path file) throws IOException {
        load(file, ReleaseLayout.neuralTower(model.neural()), null);
        model.neural().weightsChanged();
    }

    private static List<String> load(Path file, List<ReleaseTensor> entries, String optionalPrefix) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        List<String> missing = new ArrayList<>(), kept = new ArrayList<>();
        for (ReleaseTensor t : entries) {
            Tensor src = c.tensors().get(t.key());
            if (src == null) {
                if (optionalPrefix != null && t.key().startsWith(optionalPrefix)) kept.add(t.key());
                else missing.add(t.key());
                continue;
            }
            if (!src.hasShape(t.value().shape())) {
                throw new IOException(file + ": tensor " + t.key() + " has shape " + src.shapeString() + " but the model needs "
                        + t.value().shapeString() + sizeHint(t.key()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(file + ": lacks " + missing.size() + " tensor(s) the tower needs, e.g. " + missing.get(0)
                    + (missing.size() > 1 ? " and " + missing.get(missing.size() - 1) : ""));
        }
        // all checked: only now overwrite the model, so a bad file leaves it untouched
        for (ReleaseTensor t : entries) {
            Tensor src = c.tensors().get(t.key());
            if (src != null) src.copyTo(t.value());
        }
        return kept;
    }

    private static String sizeHint(String key) {
        if (key.startsWith("ff1.0.") || key.contains("embedding_layers")) return " (a different neuron count?)";
        if (key.startsWith("attention.")) return " (a different model.neuralDim?)";
        return "";
    }
}
