package org.dina.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep plan (YAML) and checks all of it, every grid point's config included, before anything runs: a bad
 * plan is one {@link IllegalArgumentException} whose message names the file and the problem.
 */
public final class SweepPlanFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("recordings", "config", "set", "grid", "folds", "seeds", "compare");

    private SweepPlanFile() {}

    public static SweepPlan read(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": plan file not found");
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw problem(file, "not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) throw problem(file, "expected a mapping with recordings, config, grid, folds and seeds");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) throw problem(file, "unknown key '" + k + "' (known: compare, config, folds, grid, recordings, seeds, set)");
        }
        // relative paths in the plan are relative to the plan, so that a plan and its data can move together
        Path base = file.toAbsolutePath().getParent();
        List<String> recordings = recordings(file, base, root.get("recordings"));
        String config = config(file, base, root.get("config"));
        List<String> set = strings(file, "set", root.get("set"));
        Map<String, List<String>> grid = grid(file, root.get("grid"));
        int folds = folds(file, root.get("folds"));
        List<Long> seeds = seeds(file, root.get("seeds"));
        JsonNode compare = root.get("compare");
        if (compare != null && !compare.isBoolean()) throw problem(file, "compare must be true or false");
        SweepPlan plan = new SweepPlan(file, recordings, config, set, grid, folds, seeds, compare != null && compare.asBoolean());
        for (Map<String, String> point : plan.gridPoints()) {
            SweepTask probe = new SweepTask(0, "check", "simulated", config, set, point, seeds.getFirst(), 1, folds, false);
            try {
                TaskConfig.of(probe);
            } catch (IllegalArgumentException e) {
                throw problem(file, (point.isEmpty() ? "config" : "grid point " + point) + ": " + e.getMessage());
            }
        }
        return plan;
    }

    private static List<String> recordings(Path file, Path base, JsonNode node) {
        if (node == null) return List.of("simulated");
        List<String> names = strings(file, "recordings", node);
        if (names.isEmpty()) throw problem(file, "recordings is empty (name 'simulated' or paths to recordings)");
        List<String> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (String r : names) {
            String resolved = r.equals("simulated") ? r : base.resolve(r).normalize().toString();
            if (!resolved.equals("simulated") && !Files.exists(Path.of(resolved))) throw problem(file, "recording " + r + ": no such file or folder");
            if (!labels.add(RecordingLabel.of(resolved))) throw problem(file, "two recordings share the name '" + RecordingLabel.of(resolved) + "' (task folders would collide)");
            out.add(resolved);
        }
        return out;
    }

    private static String config(Path file, Path base, JsonNode node) {
        if (node == null) return "default";
        if (!node.isTextual() || node.asText().isBlank()) throw problem(file, "config must be a built-in config name or a config file");
        String c = node.asText();
        boolean isFile = c.contains("/") || c.endsWith(".yaml") || c.endsWith(".yml") || c.endsWith(".json");
        if (!isFile) return c;
        Path p = base.resolve(c).normalize();
        if (!Files.isRegularFile(p)) throw problem(file, "config " + c + ": config file not found");
        return p.toString();
    }

    private static Map<String, List<String>> grid(Path file, JsonNode node) {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        if (node == null || node.isNull()) return grid;
        if (!node.isObject()) throw problem(file, "grid must map config keys to lists of values, e.g. model.mapChannels: [4, 8]");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw problem(file, "grid key " + e.getKey() + " needs a non-empty list of values, e.g. [4, 8]");
            }
            List<String> values = new ArrayList<>();
            // JSON is YAML's flow style, so a list or mapping value reaches --set as written
            for (JsonNode v : e.getValue()) values.add(v.isValueNode() ? v.asText() : v.toString());
            if (new HashSet<>(values).size() != values.size()) throw problem(file, "grid key " + e.getKey() + " repeats a value");
            grid.put(e.getKey(), values);
        }
        return grid;
    }

    private static int folds(Path file, JsonNode node) {
        if (node == null) return 1;
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
            throw problem(file, "folds must be an integer >= 1 (1 = the config's split), got " + node);
        }
        return node.asInt();
    }

    private static List<Long> seeds(Path file, JsonNode node) {
        if (node == null) return List.of(1L);
        if (!node.isArray() || node.isEmpty()) throw problem(file, "seeds must be a non-empty list of integers, e.g. [1, 2]");
        List<Long> seeds = new ArrayList<>();
        for (JsonNode s : node) {
            if (!s.isIntegralNumber()) throw problem(file, "seeds must be integers, got " + s);
            if (seeds.contains(s.asLong())) throw problem(file, "seed " + s + " is listed twice");
            seeds.add(s.asLong());
        }
        return seeds;
    }

    private static List<String> strings(Path file, String key, JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw problem(file, key + " must be a list");
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) throw problem(file, key + " must be a list of strings, got " + n);
            out.add(n.asText());
        }
        return out;
    }

    private static IllegalArgumentException problem(Path file, String what) {
        return new IllegalArgumentException(file + ": " + what);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
