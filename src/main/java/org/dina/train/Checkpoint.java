package org.dina.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dina.data.ResponseNormalizer;
import org.dina.model.DinaModel;
import org.dina.nn.Optimizer;
import org.dina.nn.ReduceLrOnPlateau;
import org.dina.tensor.Tensor;

/**
 * A run's state as one safetensors file: model tensors under their parameter names, the response normaliser, the
 * optimisers' buffers ({@code optim.<name>.<buffer>}) and, as text metadata, the optimisers' and schedulers'
 * scalars and the {@link TrainingState}. Nothing time- or machine-dependent is written, so equal runs give equal
 * bytes. Written atomically.
 */
public final class Checkpoint {
    public static final String FORMAT = "dina-checkpoint-1";

    private Checkpoint() {}

    /** What a trainer owns besides the model: named optimisers with their plateau schedulers. */
    public record Optimisation(Map<String, Optimizer> optimizers, Map<String, ReduceLrOnPlateau> schedulers) {}

    public static void save(Path file, DinaModel model, ResponseNormalizer normalizer, Optimisation opt, TrainingState state)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.stateTensors());
        float[] norm = normalizer.toArray();
        tensors.put("data.normalizer", Tensor.of(norm, norm.length));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("config", org.dina.model.ConfigFiles.toJson(model.config()));
        meta.put("neurons", Integer.toString(model.neural().neurons()));
        state.toStrings().forEach((k, v) -> meta.put("train." + k, v));
        if (opt != null) {
            opt.optimizers().forEach((name, o) -> {
                o.state().forEach((buf, t) -> tensors.put("optim." + name + "." + buf, t));
                o.scalarState().forEach((k, v) -> meta.put("optim." + name + "." + k, v));
            });
            opt.schedulers().forEach((name, s) -> s.state().toStrings().forEach((k, v) -> meta.put("sched." + name + "." + k, v)));
        }
        SafeTensors.write(file, tensors, meta);
    }

    /** A checkpoint read back: its tensors and metadata. */
    public record Loaded(Path file, SafeTensors.Contents contents) {
        public org.dina.model.DinaConfig config() {
            return org.dina.model.ConfigFiles.fromJson(meta("config"), file.toString());
        }

        public int neurons() { return Integer.parseInt(meta("neurons")); }

        public ResponseNormalizer normalizer() {
            Tensor t = contents.get("data.normalizer");
            if (t == null) throw new IllegalArgumentException(file + ": not a DINA checkpoint (no data.normalizer)");
            return ResponseNormalizer.fromArray(t.toArray());
        }

        public TrainingState state(double trainSeconds) {
            return TrainingState.fromStrings(prefixed("train."), trainSeconds);
        }

        /** Restores the model's tensors. */
        public void restoreModel(DinaModel model) {
            model.loadState(contents.tensors(), file.toString());
        }

        /** Restores optimiser buffers and scalars and scheduler states. */
        public void restoreOptimisation(Optimisation opt) {
            opt.optimizers().forEach((name, o) -> {
                Map<String, Tensor> bufs = new LinkedHashMap<>();
                for (String buf : o.state().keySet()) {
                    Tensor t = contents.get("optim." + name + "." + buf);
                    if (t == null) throw new IllegalArgumentException(file + ": checkpoint lacks optimiser buffer " + name + "." + buf);
                    bufs.put(buf, t);
                }
                o.loadState(bufs, prefixed("optim." + name + "."));
            });
            opt.schedulers().forEach((name, s) -> s.loadState(ReduceLrOnPlateau.State.fromStrings(prefixed("sched." + name + "."))));
        }

        String meta(String key) {
            String v = contents.metadata().get(key);
            if (v == null) throw new IllegalArgumentException(file + ": not a DINA checkpoint (no '" + key + "' metadata)");
            return v;
        }

        private Map<String, String> prefixed(String prefix) {
            Map<String, String> m = new LinkedHashMap<>();
            contents.metadata().forEach((k, v) -> {
                if (k.startsWith(prefix)) m.put(k.substring(prefix.length()), v);
            });
            return m;
        }
    }

    public static Loaded load(Path file) throws IOException {
        Loaded l = new Loaded(file, SafeTensors.read(file));
        if (!FORMAT.equals(l.contents().metadata().get("format"))) {
            throw new IOException(file + ": not a DINA checkpoint (format is " + l.contents().metadata().get("format") + ")");
        }
        return l;
    }
}
