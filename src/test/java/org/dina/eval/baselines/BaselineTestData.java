package org.dina.eval.baselines;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.data.SimulationConfig;
import org.dina.data.Split;
import org.dina.eval.RetrievalResult;
import org.dina.tensor.Tensor;

/** Shared simulated recordings, data manipulations and chance-level assertions for the baseline tests. */
final class BaselineTestData {
    private BaselineTestData() {}

    /** 200 images x 120 neurons x 3 repeats of the default population (half complex cells). */
    static SimulatedV1.Result repeatsRecording() {
        return SimulatedV1.generate(SimulationConfig.of(11, 200, 120, 3));
    }

    /**
     * 600 images x 120 neurons x 2 repeats of simple cells only: a population a linear model of pixels can describe,
     * so that identifying unseen images is within reach of linear baselines trained on 360 images.
     */
    static SimulatedV1.Result unseenImagesRecording() {
        return SimulatedV1.generate(SimulationConfig.of(11, 600, 120, 2).withPopulation(0.3, 0.1, 0.0));
    }

    /** A two-tower configuration that trains in about a second on these recordings. */
    static LinearTwoTower.Config quickTwoTower(long seed) {
        return new LinearTwoTower.Config(64, 0.07, 1e-2, 1e-2, 128, 60, 10, seed);
    }

    /** The same recording with the response rows permuted across all trials: every image-response pairing broken. */
    static Dataset shuffledPairing(Dataset d, long seed) {
        int t = d.trialCount();
        int[] perm = new int[t];
        for (int i = 0; i < t; i++) perm[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = t - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = perm[i]; perm[i] = perm[j]; perm[j] = x;
        }
        return Dataset.of(d.name() + "-shuffled", d.images(), d.responsesOf(perm), d.imageIds());
    }

    /** The same recording with every test trial's response replaced by another test trial's, shifted and scaled. */
    static Dataset testResponsesChanged(Dataset d, Split s) {
        int[] test = s.testTrials();
        int n = d.neuronCount();
        float[] all = d.responses().toArray();
        float[] copy = all.clone();
        for (int i = 0; i < test.length; i++) {
            int from = test[(i + 1) % test.length], to = test[i];
            for (int j = 0; j < n; j++) all[to * n + j] = 2f * copy[from * n + (j + 7) % n] + 0.5f;
        }
        return Dataset.of(d.name() + "-test-changed", d.images(), Tensor.of(all, d.trialCount(), n), d.imageIds());
    }

    /** Top-1 at least {@code factor} times chance. */
    static void assertBeatsChance(BaselineResult r, double factor) {
        assertTrue(r.applicable(), r.baseline() + " was not run: " + r.notApplicableReason());
        RetrievalResult n2i = r.neuralToImage();
        assertNotNull(n2i);
        assertTrue(n2i.top1() >= factor * n2i.chanceTop1(), r.summary() + "\n  expected top-1 >= " + factor + "x chance");
    }

    /**
     * Near chance: top-1 below 3x chance, or, where the query count is too small for that to be a safe bound, below
     * chance + 4 binomial standard deviations (+2 hits); and the mean rank within 15% of the candidate count (over
     * 5 standard errors here) of its chance value (C + 1) / 2.
     */
    static void assertNearChance(BaselineResult r) {
        assertTrue(r.applicable(), r.baseline() + " was not run: " + r.notApplicableReason());
        RetrievalResult n2i = r.neuralToImage();
        int q = n2i.queries(), c = n2i.candidates();
        double expected = q * n2i.chanceTop1();
        double bound = Math.max(3 * expected, expected + 4 * Math.sqrt(expected * (1 - n2i.chanceTop1())) + 2);
        double hits = Math.round(n2i.top1() * q);
        assertTrue(hits < bound, r.summary() + "\n  expected fewer than " + bound + " top-1 hits at chance");
        double chanceRank = (c + 1) / 2.0;
        assertTrue(Math.abs(n2i.meanRank() - chanceRank) < 0.15 * c,
                r.summary() + "\n  expected a mean rank near " + chanceRank);
    }
}
