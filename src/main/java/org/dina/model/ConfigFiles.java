package org.dina.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and writes {@link DinaConfig} as YAML (config files) or JSON (beside checkpoints). Every key is required. */
public final class ConfigFiles {
    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = strict(JsonMapper.builder().build());

    private ConfigFiles() {}

    private static ObjectMapper strict(ObjectMapper m) {
        return m.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Reads a YAML or JSON config; problems come back as one line naming the file. */
    public static DinaConfig read(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": config file not found");
        try {
            ObjectMapper m = file.toString().endsWith(".json") ? JSON : YAML;
            JsonNode tree = m.readTree(file.toFile());
            if (tree == null || !tree.isObject()) throw new IllegalArgumentException("not a config (expected a mapping of keys)");
            rejectUnknownKeys(tree, DinaConfig.class, "");
            return m.treeToValue(tree, DinaConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + oneLine(e));
        }
    }

    /** One of the configs shipped inside the program ({@code default}, {@code paper}, {@code joint}). */
    public static DinaConfig builtIn(String name) {
        String res = "/configs/" + name + ".yaml";
        try (InputStream in = ConfigFiles.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalArgumentException("no built-in config named '" + name + "'");
            return YAML.readValue(in, DinaConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("built-in config " + name + ": " + oneLine(e));
        }
    }

    public static String toJson(DinaConfig c) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DinaConfig fromJson(String json, String where) {
        try {
            return JSON.readValue(json, DinaConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + oneLine(e));
        }
    }

    /** Names a misspelt key before Jackson would complain about the correctly spelt one being missing. */
    private static void rejectUnknownKeys(JsonNode node, Class<?> type, String path) {
        if (!type.isRecord() || !node.isObject()) return;
        Map<String, Class<?>> known = new HashMap<>();
        for (RecordComponent c : type.getRecordComponents()) known.put(c.getName(), c.getType());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            Class<?> t = known.get(e.getKey());
            if (t == null) throw new IllegalArgumentException("unknown key '" + key + "'");
            rejectUnknownKeys(e.getValue(), t, key);
        }
    }

    /** A one-line description of what is wrong, naming the key (train.batch, model.heads, ...). */
    static String oneLine(Throwable e) {
        if (e instanceof JsonMappingException jm) {
            String path = jm.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (e instanceof UnrecognizedPropertyException) return "unknown key '" + path + "'";
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IllegalArgumentException iae) return iae.getMessage();
            }
            Matcher missing = Pattern.compile("Missing creator property '([^']+)'").matcher(String.valueOf(e.getMessage()));
            if (missing.find()) {
                String key = path.endsWith(missing.group(1)) ? path : (path.isEmpty() ? "" : path + ".") + missing.group(1);
                return "missing key '" + key + "'";
            }
            String first = String.valueOf(jm.getOriginalMessage()).lines().findFirst().orElse("invalid value");
            return (path.isEmpty() ? "" : "'" + path + "': ") + first;
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
