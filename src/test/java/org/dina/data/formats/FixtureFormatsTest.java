package org.dina.data.formats;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.dina.data.Dataset;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every fixture of {@code shared/fixtures/formats}, written by the tools the datasets are made with, reproduces the
 * shapes, sums and picked values of its manifest.json, and reads into the dataset the layout describes.
 */
class FixtureFormatsTest {
    static Path root;
    static JsonNode manifest;

    /** Per test, so that each one reports itself skipped when the shared folder is absent. */
    @BeforeEach
    void load() throws IOException {
        root = SharedData.require("fixtures/formats");
        if (manifest == null) manifest = new ObjectMapper().readTree(root.resolve("manifest.json").toFile());
    }

    /** Shape (trailing and leading ones aside), sum and picked values of {@code a} match the manifest entry. */
    static void assertMatchesManifest(String key, NdArray a) {
        JsonNode m = manifest.get(key);
        assertNotNull(m, key);
        int[] want = new int[m.get("shape").size()];
        for (int i = 0; i < want.length; i++) want[i] = m.get("shape").get(i).asInt();
        assertArrayEquals(squeeze(want), squeeze(a.shape()), key + " shape " + Arrays.toString(a.shape()));
        double sum = 0;
        for (long i = 0; i < a.size(); i++) sum += a.getDouble(i);
        double expected = m.get("sum").asDouble();
        assertEquals(expected, sum, Math.abs(expected) * 1e-12 + 1e-9, key + " sum");
        long[] st = a.strides();
        int[] shape = a.shape();
        for (JsonNode v : m.get("values")) {
            int[] idx = new int[v.get("index").size()];
            for (int i = 0; i < idx.length; i++) idx[i] = v.get("index").get(i).asInt();
            long at = offset(idx, shape, st);
            assertEquals(v.get("value").asDouble(), a.getDouble(at), key + " at " + Arrays.toString(idx));
        }
    }

    /** Storage offset of a manifest index (numpy order; a vector index addresses a MATLAB column [n, 1] too). */
    private static long offset(int[] idx, int[] shape, long[] st) {
        long at = 0;
        int d = 0;
        for (int i = 0; i < idx.length; i++) {
            while (d < shape.length && shape[d] == 1 && idx.length < shape.length) d++;
            at += idx[i] * st[d++];
        }
        return at;
    }

    private static int[] squeeze(int[] s) {
        return Arrays.stream(s).filter(x -> x != 1).toArray();
    }

    @Test
    void dinaMatlab5ArraysMatchManifest() throws IOException {
        checkDinaArrays("dina-v5", MatVariables.Version.V5);
    }

    @Test
    void dinaMatlab73ArraysMatchManifest() throws IOException {
        checkDinaArrays("dina-v73", MatVariables.Version.V73);
    }

    private void checkDinaArrays(String folder, MatVariables.Version version) throws IOException {
        try (MatVariables im = MatVariables.open(root.resolve(folder).resolve("images.mat"), null)) {
            assertEquals(version, im.version());
            NdArray images = im.array("images");
            assertArrayEquals(new int[] {16, 68, 270}, images.shape(), "MATLAB order, whatever the version");
            assertMatchesManifest(folder + "/images", images);
        }
        try (MatVariables rm = MatVariables.open(root.resolve(folder).resolve("responses.mat"), null)) {
            assertMatchesManifest(folder + "/responses", rm.array("responses"));
        }
    }

    @Test
    void natimg2800ArraysMatchManifest() throws IOException {
        Path d = root.resolve("natimg2800");
        try (MatVariables im = MatVariables.open(d.resolve("images_natimg2800_all.mat"), Set.of("imgs"))) {
            NdArray imgs = im.array("imgs");
            assertEquals(ElementType.UINT8, imgs.type());
            assertMatchesManifest("natimg2800/imgs", imgs);
        }
        try (MatVariables rec = MatVariables.open(d.resolve("natimg2800_M000001_MP000_2026-01-01.mat"), null)) {
            assertMatchesManifest("natimg2800/stim.resp", rec.field("stim", "resp"));
            assertMatchesManifest("natimg2800/stim.istim", rec.field("stim", "istim"));
            assertMatchesManifest("natimg2800/med", rec.array("med"));
            assertTrue(rec.hasField("stim", "spont"));
        }
    }

    @Test
    void sensoriumArraysMatchManifest() throws IOException {
        Path d = root.resolve("sensorium");
        assertMatchesManifest("sensorium/data/images/4.npy", NpyArray.open(d.resolve("data/images/4.npy")));
        assertMatchesManifest("sensorium/data/responses/29.npy", NpyArray.open(d.resolve("data/responses/29.npy")));
        assertMatchesManifest("sensorium/meta/trials/frame_image_id.npy", NpyArray.open(d.resolve("meta/trials/frame_image_id.npy")));
        NpyArray tiers = NpyArray.open(d.resolve("meta/trials/tiers.npy"));
        JsonNode m = manifest.get("sensorium/meta/trials/tiers.npy");
        assertEquals(m.get("shape").get(0).asInt(), tiers.dim(0));
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < tiers.dim(0); i++) counts.merge(tiers.getString(i), 1, Integer::sum);
        assertEquals(Map.of("train", m.get("counts").get("train").asInt(), "validation", m.get("counts").get("validation").asInt(),
                "test", m.get("counts").get("test").asInt()), counts);
    }

    @Test
    void natimg2800Dataset() throws IOException {
        Path d = root.resolve("natimg2800");
        assertEquals("natimg2800", Formats.detect(d).name());
        ReadResult r = Formats.load(d, ReadOptions.defaults());
        Dataset ds = r.dataset();
        assertEquals(60, ds.imageCount());
        assertEquals(68, ds.height());
        assertEquals(270, ds.width());
        assertEquals(200, ds.neuronCount());
        assertEquals(120, ds.trialCount(), "128 presentations less 8 gray screens");
        assertEquals(2, ds.minRepeats());
        assertEquals(2, ds.maxRepeats());
        assertEquals(8, r.report().excludedTrials());
        assertEquals(0, r.report().nanTrialsDropped());
        assertEquals(111f / 255f, ds.images().get(7, 33, 100), 0f, "uint8 divided by 255");
        assertEquals(229f / 255f, ds.images().get(59, 67, 269), 0f);
        assertEquals(Dataset.PositionKind.CORTICAL, ds.positionKind().orElseThrow());
        assertEquals(142.8383776560903f, ds.neuronPositions().orElseThrow().get(0, 0), 0f);
        assertEquals((float) manifest.get("natimg2800/med").get("values").get(1).get("value").asDouble(),
                ds.neuronInfo().orElseThrow().centres().orElseThrow().get(199, 2), 0f, "med [199, 2]: the third (depth) column kept");
        // trial order follows the presentations, gray ones skipped; responses are the float32 values as stored
        try (MatVariables rec = MatVariables.open(d.resolve("natimg2800_M000001_MP000_2026-01-01.mat"), null)) {
            NdArray resp = rec.field("stim", "resp"), istim = rec.field("stim", "istim");
            long[] st = resp.strides();
            int t = 0;
            for (int p = 0; p < 128; p++) {
                if (istim.getDouble(p) == 61) continue;
                assertEquals((int) istim.getDouble(p) - 1, ds.imageId(t));
                assertEquals((float) resp.getDouble(p * st[0] + 17 * st[1]), ds.responses().get(t, 17), 0f);
                t++;
            }
        }
        // the recording file itself reads the same
        assertEquals(120, Formats.read(d.resolve("natimg2800_M000001_MP000_2026-01-01.mat"), null).trialCount());
    }

    @Test
    void dinaDatasetsBothVersions() throws IOException {
        for (String folder : new String[] {"dina-v5", "dina-v73"}) {
            Path d = root.resolve(folder);
            assertEquals("dina-mat", Formats.detect(d).name());
            ReadResult r = Formats.load(d, null);
            Dataset ds = r.dataset();
            assertEquals(16, ds.imageCount());
            assertEquals(68, ds.height());
            assertEquals(270, ds.width());
            assertEquals(16, ds.trialCount());
            assertEquals(200, ds.neuronCount());
            assertEquals(1, ds.maxRepeats());
            double min = r.report().rawImageMin(), max = r.report().rawImageMax();
            assertEquals(0, min, 1e-4);
            assertEquals(255, max, 1e-3);
            JsonNode pick = manifest.get(folder + "/images").get("values").get(1);
            assertEquals((pick.get("value").asDouble() - min) / (max - min), ds.images().get(3, 10, 200), 1e-6, folder);
            JsonNode resp = manifest.get(folder + "/responses").get("values").get(1);
            assertEquals((float) resp.get("value").asDouble(), ds.responses().get(7, 55), 0f, folder);
            assertEquals(7, ds.imageId(7));
        }
    }

    @Test
    void sensoriumDataset() throws IOException {
        Path d = root.resolve("sensorium");
        assertEquals("sensorium", Formats.detect(d).name());
        ReadResult r = Formats.load(d, ReadOptions.defaults());
        Dataset ds = r.dataset();
        assertEquals(10, ds.imageCount());
        assertEquals(36, ds.height());
        assertEquals(64, ds.width());
        assertEquals(30, ds.trialCount());
        assertEquals(80, ds.neuronCount());
        assertEquals(3, ds.minRepeats());
        assertEquals(3, ds.maxRepeats());
        assertArrayEquals(new int[] {0, 1, 2}, ds.trialsOf(0));
        Map<Tier, Integer> counts = new EnumMap<>(Tier.class);
        for (int t = 0; t < ds.trialCount(); t++) counts.merge(ds.tier(t), 1, Integer::sum);
        assertEquals(Map.of(Tier.TRAIN, 18, Tier.VALIDATION, 6, Tier.TEST, 6), counts);
        JsonNode resp = manifest.get("sensorium/data/responses/29.npy").get("values");
        assertEquals((float) resp.get(0).get("value").asDouble(), ds.responses().get(29, 0), 0f);
        assertEquals((float) resp.get(1).get("value").asDouble(), ds.responses().get(29, 79), 0f);
        double min = r.report().rawImageMin(), max = r.report().rawImageMax();
        JsonNode px = manifest.get("sensorium/data/images/4.npy").get("values").get(1);
        assertEquals(1, ds.imageId(4), "trial 4 showed frame 1001, the second image");
        assertEquals((px.get("value").asDouble() - min) / (max - min), ds.images().get(1, 20, 40), 1e-6);
        Tensor pos = ds.neuronPositions().orElseThrow();
        assertTrue(pos.hasShape(80, 2));
        assertEquals(Dataset.PositionKind.CORTICAL, ds.positionKind().orElseThrow());
    }
}
