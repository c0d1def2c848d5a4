package org.dina.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The key structure of a JSON file the tools write, pinned in {@code src/test/resources/schema/NAME.schema.txt} so
 * that a renamed, removed or retyped key fails a test instead of breaking whoever reads the file. One line per value,
 * in the order the keys first appear: its path from the root ({@code $.test.neural_to_image.top1}; an array's
 * elements are {@code []}, all merged into one element shape) and its JSON type ({@code object}, {@code array},
 * {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code null}; several joined by {@code |} when the
 * elements of an array differ). Lines starting with {@code #} are comments.
 */
public final class JsonSchema {
    /** Set to true to rewrite the pinned files from what the run wrote, instead of comparing. */
    public static final String UPDATE_PROPERTY = "dina.updateSchemas";
    private static final Path PINNED = Path.of("src/test/resources/schema");

    private JsonSchema() {}

    /** The schema lines of {@code root}. */
    public static List<String> of(JsonNode root) {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        walk(root, "$", types);
        List<String> lines = new ArrayList<>(types.size());
        types.forEach((path, t) -> lines.add(path + " " + String.join("|", t)));
        return lines;
    }

    private static void walk(JsonNode n, String path, Map<String, Set<String>> types) {
        types.computeIfAbsent(path, k -> new TreeSet<>()).add(type(n));
        if (n.isObject()) {
            n.properties().forEach(e -> walk(e.getValue(), path + "." + e.getKey(), types));
        } else if (n.isArray()) {
            for (JsonNode element : n) walk(element, path + "[]", types);
        }
    }

    private static String type(JsonNode n) {
        if (n.isObject()) return "object";
        if (n.isArray()) return "array";
        if (n.isTextual()) return "string";
        if (n.isIntegralNumber()) return "integer";
        if (n.isNumber()) return "number";
        if (n.isBoolean()) return "boolean";
        if (n.isNull()) return "null";
        throw new IllegalArgumentException("unexpected JSON node " + n.getNodeType());
    }

    /**
     * Asserts that {@code file} has exactly the key structure pinned as {@code name}: no key removed, renamed, added,
     * retyped or moved. With {@code -Ddina.updateSchemas=true} the pinned file is rewritten instead.
     */
    public static void assertMatches(String name, Path file) throws IOException {
        List<String> actual = of(new ObjectMapper().readTree(file.toFile()));
        Path pinned = PINNED.resolve(name + ".schema.txt");
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            List<String> out = new ArrayList<>();
            out.add("# The key structure of " + file.getFileName() + " (see org.dina.testing.JsonSchema). Written by");
            out.add("# -D" + UPDATE_PROPERTY + "=true; change it only together with every reader of the file.");
            out.addAll(actual);
            Files.createDirectories(pinned.getParent());
            Files.write(pinned, out, StandardCharsets.UTF_8);
            System.out.println("JsonSchema: rewrote " + pinned.toAbsolutePath());
            return;
        }
        List<String> expected = pinned(name);
        if (expected.equals(actual)) return;
        fail(file.getFileName() + " no longer has the key structure pinned in " + pinned + ":\n" + difference(expected, actual)
                + "Readers of the file depend on these keys and types. If the change is deliberate (a new key, say), rerun this test"
                + " with -D" + UPDATE_PROPERTY + "=true to rewrite the pinned file, and commit it with the change.");
    }

    private static List<String> pinned(String name) throws IOException {
        String resource = "/schema/" + name + ".schema.txt";
        try (InputStream in = JsonSchema.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource + " (write it with -D" + UPDATE_PROPERTY + "=true)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    /** Removed, added and retyped paths, or a note that only the order of keys changed. */
    static String difference(List<String> expected, List<String> actual) {
        Map<String, String> was = byPath(expected), now = byPath(actual);
        StringBuilder sb = new StringBuilder();
        was.forEach((path, type) -> {
            if (!now.containsKey(path)) sb.append("  removed: ").append(path).append(' ').append(type).append('\n');
            else if (!now.get(path).equals(type)) sb.append("  type changed: ").append(path).append(' ').append(type).append(" -> ").append(now.get(path)).append('\n');
        });
        now.forEach((path, type) -> {
            if (!was.containsKey(path)) sb.append("  added: ").append(path).append(' ').append(type).append('\n');
        });
        if (sb.isEmpty()) sb.append("  the same keys in another order (first difference: pinned ").append(firstDifference(expected, actual)).append(")\n");
        return sb.toString();
    }

    private static Map<String, String> byPath(List<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : lines) {
            int space = l.lastIndexOf(' ');
            m.put(l.substring(0, space), l.substring(space + 1));
        }
        return m;
    }

    private static String firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) return "'" + expected.get(i) + "', written '" + actual.get(i) + "'";
        }
        return "lengths " + expected.size() + " and " + actual.size();
    }
}
