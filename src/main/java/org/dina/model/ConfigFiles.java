package org.dina.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dina.data.SplitProtocol;

/** Reads and writes {@link DinaConfig} as YAML (config files) or JSON (beside checkpoints). Every key is required. */
public final class ConfigFiles {
    private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = strict(JsonMapper.builder().build());

    private ConfigFiles() {}

    private static ObjectMapper strict(ObjectMapper m) {
        return m.registerModule(splitKeys()).enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * {@code data.split} is a {@link SplitProtocol} of the data package, which knows nothing of config files: it is
     * written and read here, in the lower-case spelling of the other config enums.
     */
    private static SimpleModule splitKeys() {
        SimpleModule m = new SimpleModule("data.split");
        m.addSerializer(SplitProtocol.class, new StdSerializer<>(SplitProtocol.class) {
            @Override
            public void serialize(SplitProtocol p, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(p.key());
            }
        });
        m.addDeserializer(SplitProtocol.class, new StdDeserializer<>(SplitProtocol.class) {
            @Override
            public SplitProtocol deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return ConfigKeys.split(p.getValueAsString());
            }
        });
        return m;
    }

    /**
     * Reads a YAML or JSON config (JSON when the name ends in {@code .json}).
     *
     * @param file the config file
     * @return the config, every value checked
     * @throws IllegalArgumentException with one line naming the file and the key, for a missing file, bad syntax, an
     *                                  unknown or missing key, or a value out of range
     */
    public static DinaConfig read(Path file) {
        return read(file, List.of());
    }

    /**
     * Reads a YAML or JSON config, then applies {@code overrides}, each {@code dotted.key=value} with the value
     * written as in YAML ({@code model.mapChannels=8}, {@code model.neuralMlp=[2048]}); problems come back as one
     * line naming the file or the override.
     *
     * @param file      the config file
     * @param overrides {@code dotted.key=value} assignments, applied in order
     * @return the config, every value checked
     * @throws IllegalArgumentException with one line naming the file or the override and the problem
     */
    public static DinaConfig read(Path file, List<String> overrides) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": config file not found");
        ObjectMapper m = file.toString().endsWith(".json") ? JSON : YAML;
        JsonNode tree;
        try {
            tree = m.readTree(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + oneLine(e));
        }
        return fromTree(tree, m, overrides, file.toString());
    }

    /**
     * One of the configs shipped inside the program: those of {@code configs/}.
     *
     * @param name a file name of {@code configs/} without {@code .yaml}: {@code default}, {@code paper}, ...
     * @return the config
     * @throws IllegalArgumentException when no built-in config has that name
     */
    public static DinaConfig builtIn(String name) {
        return builtIn(name, List.of());
    }

    /**
     * A built-in config with overrides.
     *
     * @param name      a file name of {@code configs/} without {@code .yaml}
     * @param overrides {@code dotted.key=value} assignments, as {@link #read(Path, List)} takes them
     * @return the config, every value checked
     * @throws IllegalArgumentException with one line naming the config or the override and the problem
     */
    public static DinaConfig builtIn(String name, List<String> overrides) {
        String res = "/configs/" + name + ".yaml";
        JsonNode tree;
        try (InputStream in = ConfigFiles.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalArgumentException("no built-in config named '" + name + "'");
            tree = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("built-in config " + name + ": " + oneLine(e));
        }
        return fromTree(tree, YAML, overrides, "built-in config " + name);
    }

    private static DinaConfig fromTree(JsonNode tree, ObjectMapper m, List<String> overrides, String where) {
        if (tree == null || !tree.isObject()) throw new IllegalArgumentException(where + ": not a config (expected a mapping of keys)");
        for (String o : overrides) override((ObjectNode) tree, o);
        String source = overrides.isEmpty() ? where : where + " with " + String.join(" ", overrides);
        try {
            rejectUnknownKeys(tree, DinaConfig.class, "");
            return m.treeToValue(withLaterKeys(tree), DinaConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": " + oneLine(e));
        }
    }

    /** Sets one {@code dotted.key=value} in the tree; the key must name an existing section. */
    private static void override(ObjectNode tree, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("--set " + assignment + ": expected KEY=VALUE, e.g. model.mapChannels=8");
        String[] path = assignment.substring(0, eq).trim().split("\\.");
        JsonNode value;
        try {
            value = YAML.readTree(assignment.substring(eq + 1));
        } catch (IOException e) {
            throw new IllegalArgumentException("--set " + assignment + ": " + oneLine(e));
        }
        ObjectNode node = tree;
        for (int i = 0; i < path.length - 1; i++) {
            if (!(node.get(path[i]) instanceof ObjectNode child)) {
                throw new IllegalArgumentException("--set " + assignment + ": the config has no section '" + path[i] + "'");
            }
            node = child;
        }
        node.set(path[path.length - 1], value == null || value.isMissingNode() ? NullNode.getInstance() : value);
    }

    /**
     * The config as the JSON stored beside every checkpoint.
     *
     * @param c a config
     * @return pretty-printed JSON with every key
     */
    public static String toJson(DinaConfig c) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a config stored as JSON; keys added since it was written take the values it was made with.
     *
     * @param json  the JSON text
     * @param where what to name in the message when it is not a valid config (usually the file it came from)
     * @return the config
     * @throws IllegalArgumentException with one line starting with {@code where}
     */
    public static DinaConfig fromJson(String json, String where) {
        try {
            return JSON.treeToValue(withLaterKeys(JSON.readTree(json)), DinaConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + oneLine(e));
        }
    }

    /**
     * Fills the keys added after the first release ({@link DinaConfig.Model#LATER_KEYS}, {@link DinaConfig.Loss#LATER_KEYS})
     * with the values files written before them were made with, where a config or an older run folder's config.json
     * lacks them; every other key stays required.
     */
    private static JsonNode withLaterKeys(JsonNode tree) {
        fill(tree, "model", DinaConfig.Model.LATER_KEYS);
        fill(tree, "loss", DinaConfig.Loss.LATER_KEYS);
        return tree;
    }

    private static void fill(JsonNode tree, String section, Map<String, Object> later) {
        if (tree != null && tree.get(section) instanceof ObjectNode node) {
            for (Map.Entry<String, Object> e : later.entrySet()) {
                if (!node.has(e.getKey())) node.set(e.getKey(), JSON.valueToTree(e.getValue()));
            }
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
