package org.dina.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;

/**
 * The folder a run writes: {@code config.json}, {@code data.json} (where the data came from),
 * {@code checkpoints/best.safetensors}, {@code checkpoints/last.safetensors}, {@code history.json},
 * {@code metrics.json} and {@code report/}. Every file is written atomically.
 */
public final class RunFolder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The key of data.json under which the data's fingerprint is recorded. */
    static final String DATA_SHA256 = "sha256";
    private final Path root;

    private RunFolder(Path root) {
        this.root = root;
    }

    /** Opens (creating if needed) a run folder; call only once the inputs have been checked. */
    public static RunFolder create(Path root) throws IOException {
        Files.createDirectories(root.resolve("checkpoints"));
        return new RunFolder(root);
    }

    /** An existing run folder, checked to hold a checkpoint. */
    public static RunFolder open(Path root) {
        RunFolder r = new RunFolder(root);
        if (!Files.isDirectory(root)) throw new IllegalArgumentException(root + ": no such run folder");
        if (!Files.isRegularFile(r.bestCheckpoint()) && !Files.isRegularFile(r.lastCheckpoint())) {
            throw new IllegalArgumentException(root + ": not a DINA run folder (no checkpoints/best.safetensors)");
        }
        return r;
    }

    public Path root() { return root; }
    public Path bestCheckpoint() { return root.resolve("checkpoints/best.safetensors"); }
    public Path lastCheckpoint() { return root.resolve("checkpoints/last.safetensors"); }
    public Path metricsFile() { return root.resolve("metrics.json"); }
    public Path historyFile() { return root.resolve("history.json"); }
    public Path reportDir() { return root.resolve("report"); }

    public void writeConfig(DinaConfig cfg) throws IOException {
        AtomicFiles.writeString(root.resolve("config.json"), ConfigFiles.toJson(cfg) + "\n");
    }

    /** Describes the data source so that {@code dina eval} can load the same data again. */
    public void writeDataSource(org.dina.data.DataSource source) throws IOException {
        writeJson(dataFile(), source);
    }

    /** The data source and the fingerprint of the data it gave ({@link org.dina.data.DatasetFingerprint}). */
    public void writeDataSource(org.dina.data.DataSource source, String sha256) throws IOException {
        ObjectNode json = JSON.valueToTree(source);
        json.put(DATA_SHA256, sha256);
        writeJson(dataFile(), json);
    }

    public org.dina.data.DataSource readDataSource() throws IOException {
        return JSON.treeToValue(readDataJson(), org.dina.data.DataSource.class);
    }

    /** The fingerprint recorded at training time; empty for run folders written before fingerprints existed. */
    public java.util.Optional<String> readDataFingerprint() throws IOException {
        JsonNode h = readDataJson().get(DATA_SHA256);
        return h != null && h.isTextual() ? java.util.Optional.of(h.asText()) : java.util.Optional.empty();
    }

    public Path dataFile() { return root.resolve("data.json"); }

    private JsonNode readDataJson() throws IOException {
        Path f = dataFile();
        if (!Files.isRegularFile(f)) throw new IOException(f + ": missing (the run folder is incomplete)");
        try {
            JsonNode n = JSON.readTree(f.toFile());
            if (n == null || !n.isObject()) throw new IOException(f + ": not a data description (expected a JSON object)");
            return n;
        } catch (JsonProcessingException e) {
            throw new IOException(f + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    public void writeHistory(History h) throws IOException {
        writeJson(historyFile(), h);
    }

    public History readHistory() throws IOException {
        if (!Files.isRegularFile(historyFile())) return new History();
        History h = JSON.readValue(historyFile().toFile(), History.class);
        return new History(new java.util.ArrayList<>(h.epochs()));
    }

    public void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
    }
}
