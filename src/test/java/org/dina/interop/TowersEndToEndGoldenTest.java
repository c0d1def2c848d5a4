package org.dina.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both towers end to end against the release rebuilt in PyTorch (bench/golden/towers_e2e.py, release_model.py):
 * the same counter-drawn weights, loaded through {@link ReleaseLayout} (so the name mapping is under test too), the
 * same 68 x 270 images and responses; maps and InfoNCE loss must agree to 1e-5 relative and every parameter
 * gradient to 1e-4 relative (its L2 norm, and sampled entries relative to the tensor's largest |entry|), in frozen
 * mode (the release's detached tap, backbone BatchNorm on running statistics) and joint mode (batch statistics),
 * for the release's scrambled cross-attention and the clean one. The measured deviations are printed.
 */
class TowersEndToEndGoldenTest {
    static final double MAP_RTOL = 1e-5, LOSS_RTOL = 1e-5, GRAD_RTOL = 1e-4;
    /** A golden gradient this much smaller than the variant's largest entry is zero up to float64 rounding. */
    static final double ZERO_GRADIENT = 1e-9;
    private static JsonNode golden;
    private static Map<String, Tensor> drawn;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TowersEndToEndGoldenTest.class.getResourceAsStream("/golden/towers_e2e.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        drawn = new HashMap<>();
        long seed = golden.get("seed").asLong();
        int s = 0;
        for (JsonNode d : golden.get("draws")) {
            int[] shape = new int[d.get("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = d.get("shape").get(i).asInt();
            drawn.put(d.get("name").asText(), CounterUniform.draw(seed, s++, shape, d.get("low").asDouble(), d.get("high").asDouble()));
        }
    }

    /** The golden file's model: paper.yaml with the file's neural width and the variant's tower mode and cross-attention. */
    static DinaModel model(String mode, String crossAttention) {
        DinaConfig cfg = ConfigFiles.builtIn("paper", List.of("model.imageTower=" + mode, "model.crossAttention=" + crossAttention,
                "model.neuralDim=" + golden.get("dim").asInt(), "model.heads=" + golden.get("heads").asInt()));
        return new DinaModel(cfg, golden.get("neurons").asInt());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"frozen, reference", "frozen, clean", "joint, reference", "joint, clean"})
    void matchesPyTorch(String mode, String crossAttention) {
        DinaModel model = model(mode, crossAttention);
        Map<String, ReleaseTensor> entries = new LinkedHashMap<>();
        for (ReleaseTensor t : ReleaseLayout.imageTower(model.image())) entries.put("image." + t.key(), t);
        for (ReleaseTensor t : ReleaseLayout.neuralTower(model.neural())) entries.put("neural." + t.key(), t);
        for (Map.Entry<String, ReleaseTensor> e : entries.entrySet()) {
            Tensor src = drawn.get(e.getKey());
            assertTrue(src != null, "the golden file draws no " + e.getKey() + " (release key names drifted?)");
            src.copyTo(e.getValue().value());
        }
        assertEquals(entries.size() + 2, drawn.size(), "every drawn tensor but the two inputs is a model tensor");
        model.neural().weightsChanged();

        Tensor images = drawn.get("input.images"), responses = drawn.get("input.responses");
        Tensor imageInput = mode.equals("joint") ? images : model.image().features(images);
        model.setTraining(true);
        model.zeroGrad();
        double loss = model.trainStep(imageInput, responses);

        JsonNode v = golden.get("variants").get(mode + "." + crossAttention);
        double lossDev = Math.abs(loss - v.get("loss").asDouble()) / Math.abs(v.get("loss").asDouble());
        double imageDev = mapDeviation(v.get("image_maps"), model.image().maps());
        double neuralDev = mapDeviation(v.get("neural_maps"), model.neural().maps());
        double gradDev = 0, largest = 0;
        String worst = "";
        int compared = 0, zero = 0;
        Map<String, Double> groupScale = new HashMap<>();
        for (Map.Entry<String, JsonNode> g : (Iterable<Map.Entry<String, JsonNode>>) () -> v.get("grads").properties().iterator()) {
            largest = Math.max(largest, g.getValue().get("maxabs").asDouble());
            groupScale.merge(group(g.getKey()), g.getValue().get("maxabs").asDouble(), Math::max);
        }
        for (Map.Entry<String, JsonNode> g : (Iterable<Map.Entry<String, JsonNode>>) () -> v.get("grads").properties().iterator()) {
            ReleaseTensor t = entries.get(g.getKey());
            assertTrue(t != null && t.grad() != null, "no gradient for " + g.getKey());
            double dev;
            if (g.getValue().get("maxabs").asDouble() < ZERO_GRADIENT * largest) {
                // min-max scaling is blind to a constant shift, so the head bias (and in joint mode the last block's
                // output bias) has a zero gradient in exact arithmetic: ours must be rounding noise on the largest scale
                dev = maxAbs(t.grad()) / largest;
                zero++;
            } else {
                dev = gradDeviation(g.getValue(), t.grad(), groupScale.get(group(g.getKey())));
            }
            if (dev > gradDev) { gradDev = dev; worst = g.getKey(); }
            compared++;
        }
        // in frozen mode only the head and the neural tower learn: the backbone must get no gradient at all
        if (mode.equals("frozen")) {
            assertEquals(0.0, backboneGradNorm(entries), "frozen backbone gradient");
        }
        System.out.printf("towers e2e %s %s: image maps %.2e, neural maps %.2e, loss %.2e, gradients %.2e (%s; %d tensors, %d zero)%n",
                mode, crossAttention, imageDev, neuralDev, lossDev, gradDev, worst, compared, zero);
        assertTrue(imageDev <= MAP_RTOL, "image maps deviate by " + imageDev);
        assertTrue(neuralDev <= MAP_RTOL, "neural maps deviate by " + neuralDev);
        assertTrue(lossDev <= LOSS_RTOL, "loss " + loss + " vs " + v.get("loss").asDouble() + " deviates by " + lossDev);
        assertTrue(gradDev <= GRAD_RTOL, "gradient of " + worst + " deviates by " + gradDev);
    }

    /** max |ours - golden| / max |golden| over the maps. */
    private static double mapDeviation(JsonNode expected, Tensor maps) {
        float[] a = maps.toArray();
        assertEquals(expected.size(), a.length, "map size");
        double maxDiff = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            double e = expected.get(i).asDouble();
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - e));
            scale = Math.max(scale, Math.abs(e));
        }
        return maxDiff / scale;
    }

    /**
     * The release splits a per-neuron layer into N tensors (a readout bias is one number each); they are one
     * parameter to us and to the optimiser, so their entries are measured against the largest |entry| of the group.
     */
    private static String group(String key) {
        return key.replaceAll("embedding_layers\\.\\d+\\.", "embedding_layers.*.");
    }

    /**
     * The larger of the norm's relative error and the sampled entries' error relative to {@code scale}, the largest
     * |entry| of the tensor (or of its per-neuron group).
     */
    private static double gradDeviation(JsonNode g, Tensor grad, double scale) {
        Tensor flat = grad.contiguous().reshape(-1);
        double norm = 0;
        for (long i = 0; i < flat.numel(); i++) norm += (double) flat.getFlat(i) * flat.getFlat(i);
        double dev = Math.abs(Math.sqrt(norm) - g.get("norm").asDouble()) / Math.max(g.get("norm").asDouble(), scale);
        for (int k = 0; k < g.get("index").size(); k++) {
            double diff = Math.abs(flat.getFlat(g.get("index").get(k).asLong()) - g.get("value").get(k).asDouble());
            dev = Math.max(dev, diff / scale);
        }
        return dev;
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (float x : t.toArray()) m = Math.max(m, Math.abs(x));
        return m;
    }

    private static double backboneGradNorm(Map<String, ReleaseTensor> entries) {
        double s = 0;
        for (Map.Entry<String, ReleaseTensor> e : entries.entrySet()) {
            if (!e.getKey().startsWith("image.base.") || e.getValue().grad() == null) continue;
            for (float x : e.getValue().grad().toArray()) s += (double) x * x;
        }
        return s;
    }
}
