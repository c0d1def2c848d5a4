package org.dina.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NoiseCeilingTest {
    /** K images x R repeats x N neurons: a fixed pattern per image plus noise of the given size. */
    private static Dataset recording(int k, int r, int n, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] pattern = new float[k][n];
        for (float[] p : pattern) for (int j = 0; j < n; j++) p[j] = (float) rng.nextGaussian();
        float[] resp = new float[k * r * n];
        int[] ids = new int[k * r];
        for (int t = 0; t < k * r; t++) {
            ids[t] = t % k;
            for (int j = 0; j < n; j++) resp[t * n + j] = (float) (pattern[ids[t]][j] + noise * rng.nextGaussian());
        }
        return Dataset.of("ceiling", Tensor.zeros(k, 4, 4), Tensor.of(resp, k * r, n), ids);
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) a[i] = from + i;
        return a;
    }

    @Test
    void noiselessRepeatsIdentifyEveryImageAndPureNoiseIsAtChance() {
        Dataset clean = recording(20, 3, 64, 0, 1);
        NoiseCeiling.Result c = NoiseCeiling.of(clean, clean.responses(), range(40, 60), range(0, 20), 7).orElseThrow();
        assertEquals(1.0, c.top1(), 1e-12);
        assertEquals(20, c.queries());
        assertEquals(0.05, c.chanceTop1(), 1e-12);

        Dataset noise = recording(20, 3, 64, 100, 2);
        NoiseCeiling.Result n = NoiseCeiling.of(noise, noise.responses(), range(0, 60), range(0, 20), 7).orElseThrow();
        assertTrue(n.top1() < 0.2, "responses that ignore the image identify it at chance, got " + n.top1());
    }

    @Test
    void accuracyGrowsWithTheNumberOfNeuronsAndEndsWithAllOfThem() {
        Dataset d = recording(30, 2, 200, 1.5, 3);
        NoiseCeiling.Result c = NoiseCeiling.of(d, d.responses(), range(30, 60), range(0, 30), 5).orElseThrow();
        var points = c.byNeurons();
        assertEquals(java.util.List.of(8, 16, 32, 64, 128, 200), points.stream().map(NoiseCeiling.Point::neurons).toList());
        assertEquals(c.top1(), points.get(points.size() - 1).top1());
        assertTrue(points.get(0).top1() < points.get(points.size() - 1).top1(), "8 neurons vs all: " + points);
        assertEquals(c, NoiseCeiling.of(d, d.responses(), range(30, 60), range(0, 30), 5).orElseThrow(), "deterministic for a seed");
    }

    @Test
    void aQueryNeverMatchesItselfAndImagesShownOnceAreSkipped() {
        // two repeats: the only other trial of a query's image is its one reference, never the query itself
        Dataset two = recording(10, 2, 32, 0.5, 4);
        NoiseCeiling.Result c = NoiseCeiling.of(two, two.responses(), range(0, 20), range(0, 10), 9).orElseThrow();
        assertEquals(20, c.queries());
        assertEquals(0, c.skipped());
        Dataset mixed = Dataset.of("mixed", Tensor.zeros(3, 4, 4), Tensor.of(new float[] {1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1}, 4, 3),
                new int[] {0, 1, 0, 2});
        NoiseCeiling.Result m = NoiseCeiling.of(mixed, mixed.responses(), new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, 9).orElseThrow();
        assertEquals(2, m.queries(), "only image 0 was shown twice");
        assertEquals(2, m.skipped());
        Dataset once = recording(10, 1, 32, 0, 5);
        assertTrue(NoiseCeiling.of(once, once.responses(), range(0, 10), range(0, 10), 9).isEmpty(), "no repeats, no ceiling");
    }

    @Test
    void meansOfOtherRepeatsIdentifyBetterThanSingleRepeatsAndLeaveTheQueryOut() {
        Dataset d = recording(30, 6, 24, 2, 8);
        NoiseCeiling.Result c = NoiseCeiling.of(d, d.responses(), range(150, 180), range(0, 30), 2).orElseThrow();
        assertTrue(c.top1AgainstMeans() > c.top1(), "five averaged repeats beat one: " + c.top1AgainstMeans() + " vs " + c.top1());
        // with two repeats every template is one trial (the query's own image: its other trial), so no self-match and
        // no template cleaner than another: about what one repeat against one repeat gives
        Dataset two = recording(60, 2, 32, 2, 6);
        NoiseCeiling.Result t = NoiseCeiling.of(two, two.responses(), range(0, 120), range(0, 60), 1).orElseThrow();
        assertTrue(t.top1AgainstMeans() < 0.8, "a query inside its own template would score near 1; got " + t.top1AgainstMeans());
        assertEquals(t.top1(), t.top1AgainstMeans(), 0.1, "equal templates: no candidate favoured by averaging more trials");
    }

    @Test
    void matchingAgainstItselfWouldBePerfectSoTheCeilingOfNoisyRepeatsIsNot() {
        Dataset d = recording(40, 2, 16, 3, 6);
        NoiseCeiling.Result c = NoiseCeiling.of(d, d.responses(), range(0, 80), range(0, 40), 1).orElseThrow();
        assertTrue(c.top1() < 0.6, "a query drawn as its own reference would score 1; got " + c.top1());
        assertEquals(0, c.skipped());
    }
}
