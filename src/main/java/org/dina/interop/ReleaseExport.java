package org.dina.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.dina.train.SafeTensors;

/**
 * Writes a model's towers as the release's state dicts: {@code image_tower.safetensors} (the keys of
 * {@code DSNetSingleStage(stage=2, block=4)} for stages 1-2 and the head, BatchNorm running statistics and int64
 * {@code num_batches_tracked} counters included) and {@code neural_tower.safetensors} (the keys of
 * {@code AttentionWithNoDeconvPos}). The files also carry this tool's config as metadata, which PyTorch ignores and
 * {@code dina import} reads back.
 */
public final class ReleaseExport {
    public static final String IMAGE_FILE = "image_tower.safetensors", NEURAL_FILE = "neural_tower.safetensors";
    /** Metadata marking a file as written by this exporter, and the keys it carries. */
    public static final String FORMAT = "dina-release-export-1";

    private ReleaseExport() {}

    /**
     * Both files into {@code dir}; refuses (IllegalArgumentException naming every reason) a model the release's modules
     * cannot express. Each file is written whole or not at all, and only once both state dicts are assembled.
     */
    public static void write(DinaModel model, Path dir, String source) throws IOException {
        List<String> why = ReleaseLayout.inexpressible(model.config().model());
        if (!why.isEmpty()) {
            throw new IllegalArgumentException(source + ": the release cannot express this model: " + String.join("; ", why));
        }
        Map<String, Tensor> image = tensors(ReleaseLayout.imageTower(model.image()));
        Map<String, SafeTensors.Int64> counters = new LinkedHashMap<>();
        // this tool does not count BatchNorm batches; PyTorch reads the counter only with momentum=None, which DS-Net does not use
        for (String key : ReleaseLayout.batchCounters(model.image())) counters.put(key, SafeTensors.Int64.scalar(0));
        Map<String, Tensor> neural = tensors(ReleaseLayout.neuralTower(model.neural()));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("config", ConfigFiles.toJson(model.config()));
        meta.put("neurons", Integer.toString(model.neural().neurons()));
        meta.put("source", source);
        SafeTensors.write(dir.resolve(IMAGE_FILE), image, counters, meta);
        SafeTensors.write(dir.resolve(NEURAL_FILE), neural, Map.of(), meta);
    }

    private static Map<String, Tensor> tensors(List<ReleaseTensor> entries) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ReleaseTensor t : entries) out.put(t.key(), t.value());
        return out;
    }
}
