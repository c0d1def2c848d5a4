package org.dina.eval.compare;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.kernels.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --neuron-counts}: seeded subsets, DINA retrained and the baselines refitted per subset on the same
 * split, written to compare.json and the table; the full population is the real-data score; the same seeds give the
 * same curve whatever the thread count.
 */
class NeuronCurveTest {

    @Test
    void subsetsAreSeededDistinctAndSorted() {
        int[] a = NeuronCurve.draw(24, 8, 3, 1, 0);
        assertArrayEquals(a, NeuronCurve.draw(24, 8, 3, 1, 0), "same seed, fold, size and draw");
        assertFalse(Arrays.equals(a, NeuronCurve.draw(24, 8, 3, 1, 1)), "another draw");
        assertFalse(Arrays.equals(a, NeuronCurve.draw(24, 8, 3, 2, 0)), "another fold");
        assertEquals(8, Arrays.stream(a).distinct().count());
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, a);
        assertTrue(Arrays.stream(a).allMatch(j -> j >= 0 && j < 24));
    }

    @Test
    void countsParseAndResolve() {
        NeuronCounts c = NeuronCounts.parse("32, 8,all,1000", 2);
        assertArrayEquals(new int[] {8, 24}, c.resolve(24), "capped at the recording, 'all' = every neuron, no repeats");
        assertThrows(IllegalArgumentException.class, () -> NeuronCounts.parse("0", 1));
        assertThrows(IllegalArgumentException.class, () -> NeuronCounts.parse("ten", 1));
        assertThrows(IllegalArgumentException.class, () -> NeuronCounts.parse("8", 0));
    }

    @Test
    void compareScoresEveryMethodPerSubsetSize(@TempDir Path dir) throws Exception {
        Dataset d = CompareFixtures.data(CompareDeterminismTest.small());
        JsonNode a = run(d, dir.resolve("a"), 2);
        JsonNode curve = a.get("neuron_curve");
        assertNotNull(curve, "compare.json has neuron_curve");
        assertEquals(2, curve.get("draws").asInt());
        assertEquals("[8,24]", curve.get("neurons").toString());
        assertEquals(4, curve.get("methods").size(), "DINA and the three baselines");
        assertEquals("dina", curve.get("methods").get(0).get("name").asText());
        for (JsonNode m : curve.get("methods")) {
            JsonNode points = m.get("top1");
            assertEquals(2, points.size(), m.toString());
            assertEquals(2, points.get(0).get("per_draw").size(), "two draws of 8 neurons");
            assertEquals(1, points.get(1).get("per_draw").size(), "all 24 neurons: the real score");
        }
        // all neurons is the comparison's own single-trial real-data top-1
        double real = a.get("methods").get(0).get("single").get("real").get("top1").get("mean").asDouble();
        assertEquals(real, curve.get("methods").get(0).get("top1").get(1).get("mean").asDouble(), 0.0);
        assertTrue(Files.isRegularFile(dir.resolve("a/seed-3/fold-1/neurons-8/draw-2/compare-part.json")), "DINA retrained per subset");
        assertEquals(a.toPrettyString(), run(d, dir.resolve("b"), 1).toPrettyString(), "the same curve with one thread");
    }

    private static JsonNode run(Dataset d, Path out, int threads) throws Exception {
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            CompareOptions o = CompareOptions.defaults(CompareDeterminismTest.small(), out).withControls(false)
                    .withBaselines(CompareDeterminismTest::few).withNeuronCounts(NeuronCounts.parse("8,all", 2))
                    .withLog(CompareFixtures.quietLog(new ByteArrayOutputStream()));
            CompareResult r = CompareRun.run(d, DataSource.simulated(), o);
            String table = CompareTable.of(r);
            assertTrue(table.contains("single-trial top-1 against the number of neurons (2 random subset(s) per size and fold; DINA retrained on each)"), table);
            return CompareDeterminismTest.withoutTimings(new ObjectMapper().readTree(Files.readString(out.resolve("compare.json"))));
        } finally {
            Parallel.setThreads(before);
        }
    }
}
