package org.dina.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;

/**
 * Whether a run folder's last checkpoint can be continued with a config. The model, data and loss must be the ones
 * it was trained with; the number of epochs, the early-stopping patience and the learning rates may change, so that
 * a run that diverged can continue from its last good checkpoint at a lower learning rate.
 */
public final class ResumeCheck {
    /** Config keys a resumed run may change. */
    public static final Set<String> MAY_CHANGE = Set.of("train.epochs", "train.earlyStopPatience", "train.imageLr", "train.neuralLr");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResumeCheck() {}

    /**
     * Throws {@link IllegalArgumentException} naming the keys that differ when the run in {@code out} cannot be resumed
     * with {@code cfg}, and {@link IOException} when its last checkpoint cannot be read. A folder without a last
     * checkpoint is fine (the run starts from scratch).
     */
    public static void check(Path out, DinaConfig cfg) throws IOException {
        Path last = out.resolve("checkpoints/last.safetensors");
        if (!Files.isRegularFile(last)) return;
        DinaConfig saved;
        // mapped, not read: only the header's metadata is needed, whatever the size of the tensors
        try (Arena arena = Arena.ofConfined()) {
            Checkpoint.Loaded l = new Checkpoint.Loaded(last, SafeTensors.map(last, arena));
            String format = l.contents().metadata().get("format");
            if (!Checkpoint.FORMAT.equals(format)) throw new IOException(last + ": not a DINA checkpoint (format is " + format + ")");
            saved = l.config();
        }
        List<String> changed = new ArrayList<>();
        differences("", JSON.readTree(ConfigFiles.toJson(saved)), JSON.readTree(ConfigFiles.toJson(cfg)), changed);
        changed.removeIf(c -> MAY_CHANGE.contains(c.substring(0, c.indexOf(' '))));
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException(out + ": the run was made with another config (" + String.join(", ", changed)
                    + "); resume it with its own config.json, changing only " + String.join(", ", MAY_CHANGE.stream().sorted().toList()));
        }
    }

    /** Adds "key old -> new" for every leaf where the two trees differ. */
    private static void differences(String prefix, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) differences(prefix.isEmpty() ? k : prefix + "." + k, a.get(k), b.get(k), out);
        } else if (a == null || !a.equals(b)) {
            out.add(prefix + " " + a + " -> " + b);
        }
    }
}
