package org.dina.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dina.tensor.Tensor;

/**
 * Golden tensors computed by PyTorch (scripts in {@code bench/golden/}), stored as JSON test resources
 * {@code golden/<file>.json}: an object mapping each name to {@code {"shape": [...], "data": [...]}} (row-major),
 * or to a plain number for scalars.
 */
public final class Golden {
    private final String file;
    private final Map<String, JsonNode> entries = new LinkedHashMap<>();

    private Golden(String file, JsonNode root) {
        this.file = file;
        root.properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
    }

    public static Golden load(String file) {
        String res = "/golden/" + file + ".json";
        try (InputStream in = Golden.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("missing golden resource " + res + " (regenerate with bench/golden/*.py)");
            return new Golden(file, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read golden resource " + res + ": " + e.getMessage(), e);
        }
    }

    public Tensor tensor(String name) {
        JsonNode n = node(name);
        JsonNode sh = n.get("shape"), data = n.get("data");
        int[] shape = new int[sh.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = sh.get(i).asInt();
        float[] v = new float[data.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) data.get(i).asDouble();
        return Tensor.of(v, shape);
    }

    public double scalar(String name) { return node(name).asDouble(); }

    public boolean has(String name) { return entries.containsKey(name); }

    private JsonNode node(String name) {
        JsonNode n = entries.get(name);
        if (n == null) throw new IllegalArgumentException("golden " + file + " has no entry " + name + "; has " + entries.keySet());
        return n;
    }

    /** Asserts |actual - expected| <= atol + rtol * |expected| for every element, with a message naming the first miss. */
    public static void assertClose(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
            fail(what + ": shape " + actual.shapeString() + " but golden is " + expected.shapeString());
        }
        float[] e = expected.toArray(), a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            double tol = atol + rtol * Math.abs(e[i]);
            if (!(Math.abs(a[i] - e[i]) <= tol)) {
                fail(what + "[" + i + "]: " + a[i] + " but golden is " + e[i] + " (tolerance " + tol + ")");
            }
        }
    }
}
