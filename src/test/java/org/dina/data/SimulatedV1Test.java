package org.dina.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SimulatedV1Test {
    /** A small recording that still has every feature: variable repeats, all neuron roles, full image size. */
    private static SimulationConfig small(long seed) {
        return SimulationConfig.of(seed, 40, 60, 2).withRepeats(2, 3);
    }

    @Test
    void defaultSizeGeneratesInAFewSeconds() {
        SimulationConfig c = SimulationConfig.defaults();
        SimulatedV1.generate(c.withSize(40, 50)); // warm up the JIT on a small one
        long t0 = System.nanoTime();
        SimulatedV1.Result r = SimulatedV1.generate(c);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Dataset d = r.dataset();
        System.out.printf("SimulatedV1 default: %s generated in %.2f s on %d threads%n", d, seconds, Parallel.threads());
        assertEquals(800, d.imageCount());
        assertEquals(500, d.neuronCount());
        assertEquals(1600, d.trialCount());
        assertTrue(d.images().hasShape(800, 68, 270));
        assertEquals(2, d.minRepeats());
        assertEquals(2, d.maxRepeats());
        assertTrue(seconds < 60, "generation took " + seconds + " s; it should take a few");
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() {
        Dataset a = SimulatedV1.generate(small(7)).dataset();
        Dataset b = SimulatedV1.generate(small(7)).dataset();
        Dataset c = SimulatedV1.generate(small(8)).dataset();
        assertArrayEquals(a.images().toArray(), b.images().toArray());
        assertArrayEquals(a.responses().toArray(), b.responses().toArray());
        assertArrayEquals(a.imageIds(), b.imageIds());
        assertArrayEquals(a.neuronPositions().orElseThrow().toArray(), b.neuronPositions().orElseThrow().toArray());
        assertFalse(Arrays.equals(a.images().toArray(), c.images().toArray()));
        assertFalse(Arrays.equals(a.responses().toArray(), c.responses().toArray()));
    }

    @Test
    void threadCountDoesNotChangeTheBits() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Dataset one = SimulatedV1.generate(small(3)).dataset();
            Parallel.setThreads(2);
            Dataset two = SimulatedV1.generate(small(3)).dataset();
            assertArrayEquals(one.images().toArray(), two.images().toArray());
            assertArrayEquals(one.responses().toArray(), two.responses().toArray());
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void populationHasTheRequestedRolesAndSpatialFrequencies() {
        SimulationConfig c = SimulationConfig.of(5, 20, 200, 2);
        SimulationTruth t = SimulatedV1.generate(c).truth();
        assertEquals(200, t.neuronCount());
        assertEquals(200 - 60, t.drivenCount());
        int sparse = 0, complex = 0;
        for (int n = 0; n < 200; n++) {
            NeuronTruth nt = t.neuron(n);
            if (nt.sparse()) { sparse++; assertTrue(nt.driven(), "sparse neurons are driven"); }
            if (nt.complex()) complex++;
            assertTrue(nt.sfCyclesPerPixel() >= SimulationConfig.LOW_SF_MIN && nt.sfCyclesPerPixel() <= SimulationConfig.LOW_SF_MAX);
            assertEquals(nt.sfCyclesPerPixel() * 270, nt.sfCyclesPerImageWidth(), 1e-9);
            assertTrue(nt.orientation() >= 0 && nt.orientation() < Math.PI);
            assertTrue(nt.rfX() >= 0 && nt.rfX() < 270 && nt.rfY() >= 0 && nt.rfY() < 68);
        }
        assertEquals(20, sparse);
        assertEquals(100, complex);

        SimulationTruth high = SimulatedV1.generate(c.preferHighSpatialFrequency()).truth();
        for (double sf : high.preferredSf()) assertTrue(sf >= SimulationConfig.HIGH_SF_MIN && sf <= SimulationConfig.HIGH_SF_MAX);
    }

    @Test
    void drivenNeuronsRespondReliablyAndUndrivenOnesDoNot() {
        SimulatedV1.Result r = SimulatedV1.generate(SimulationConfig.of(11, 300, 100, 2));
        Dataset d = r.dataset();
        double drivenSum = 0, undrivenSum = 0;
        int driven = 0, undriven = 0;
        double[] x = new double[d.imageCount()], y = new double[d.imageCount()];
        for (int n = 0; n < d.neuronCount(); n++) {
            for (int k = 0; k < d.imageCount(); k++) {
                int[] tr = d.trialsOf(k);
                x[k] = d.responses().get(tr[0], n);
                y[k] = d.responses().get(tr[1], n);
            }
            double rel = pearson(x, y);
            if (r.truth().neuron(n).driven()) { drivenSum += rel; driven++; }
            else { undrivenSum += rel; undriven++; }
        }
        double dr = drivenSum / driven, ur = undrivenSum / undriven;
        System.out.printf("repeat correlation: driven %.3f (%d neurons), undriven %.3f (%d neurons)%n", dr, driven, ur, undriven);
        assertTrue(dr > 0.3, "driven neurons should be reliable, mean repeat correlation " + dr);
        assertTrue(Math.abs(ur) < 0.1, "undriven neurons should be noise only, mean repeat correlation " + ur);
    }

    @Test
    void sparseNeuronsRespondRarelyButStrongly() {
        SimulatedV1.Result r = SimulatedV1.generate(SimulationConfig.of(12, 200, 150, 2));
        Dataset d = r.dataset();
        double sparsePeak = 0, otherPeak = 0;
        int sparse = 0, other = 0;
        for (int n = 0; n < d.neuronCount(); n++) {
            NeuronTruth t = r.truth().neuron(n);
            if (!t.driven()) continue;
            double peak = 0;
            for (int i = 0; i < d.trialCount(); i++) peak = Math.max(peak, d.responses().get(i, n));
            if (t.sparse()) { sparsePeak += peak; sparse++; } else { otherPeak += peak; other++; }
        }
        sparsePeak /= sparse;
        otherPeak /= other;
        System.out.printf("mean peak response: sparse %.2f, other driven %.2f%n", sparsePeak, otherPeak);
        assertTrue(sparsePeak > 1.5 * otherPeak, "sparse neurons should have much larger peaks: " + sparsePeak + " vs " + otherPeak);
    }

    @Test
    void neuronsPreferGratingsAtTheirOwnSpatialFrequencyAndOrientation() {
        SimulationTruth truth = SimulatedV1.generate(SimulationConfig.of(13, 60, 80, 2)).truth();
        int nSf = 12, nOri = 12, nPhase = 8;
        double sfLo = 0.01, sfHi = 0.2;
        double[] sfs = new double[nSf];
        for (int i = 0; i < nSf; i++) sfs[i] = sfLo * Math.pow(sfHi / sfLo, i / (nSf - 1.0));
        Tensor g = Tensor.zeros(nSf * nOri * nPhase, 68, 270);
        for (int s = 0; s < nSf; s++)
            for (int o = 0; o < nOri; o++)
                for (int p = 0; p < nPhase; p++)
                    Gratings.draw(g, (s * nOri + o) * nPhase + p, sfs[s], Math.PI * o / nOri, 2 * Math.PI * p / nPhase, 1.0,
                            0, 0, Double.POSITIVE_INFINITY);
        Tensor resp = SimulatedV1.meanResponses(truth, g);
        int checked = 0, good = 0;
        for (int n = 0; n < truth.neuronCount(); n++) {
            NeuronTruth t = truth.neuron(n);
            if (!t.driven()) continue;
            double best = -1;
            int bs = -1, bo = -1;
            for (int s = 0; s < nSf; s++)
                for (int o = 0; o < nOri; o++) {
                    double m = 0;
                    for (int p = 0; p < nPhase; p++) m = Math.max(m, resp.get((s * nOri + o) * nPhase + p, n));
                    if (m > best) { best = m; bs = s; bo = o; }
                }
            double oriErr = Math.abs(Math.PI * bo / nOri - t.orientation());
            oriErr = Math.min(oriErr, Math.PI - oriErr);
            double sfRatio = sfs[bs] / t.sfCyclesPerPixel();
            checked++;
            if (Math.toDegrees(oriErr) <= 15.0 + 1e-9 && sfRatio < 1.5 && sfRatio > 1 / 1.5) good++;
        }
        System.out.printf("grating tuning matches truth for %d of %d driven neurons%n", good, checked);
        assertTrue(good >= 0.9 * checked, good + " of " + checked + " neurons peak at their own SF and orientation");
    }

    @Test
    void neuronsRespondToAGratingAtTheirReceptiveFieldAndNotFarFromIt() {
        SimulationTruth truth = SimulatedV1.generate(SimulationConfig.of(14, 40, 60, 2)).truth();
        int[] picks = new int[12];
        int m = 0;
        for (int n = 0; n < truth.neuronCount() && m < picks.length; n++) if (truth.neuron(n).driven()) picks[m++] = n;
        int nPhase = 4;
        Tensor g = Tensor.zeros(m * 2 * nPhase, 68, 270);
        double[] farX = new double[m];
        for (int i = 0; i < m; i++) {
            NeuronTruth t = truth.neuron(picks[i]);
            double shift = 4 * t.rfSigma() + 10;
            farX[i] = t.rfX() + shift < 270 ? t.rfX() + shift : t.rfX() - shift;
            for (int p = 0; p < nPhase; p++) {
                double ph = 2 * Math.PI * p / nPhase;
                Gratings.draw(g, (2 * i) * nPhase + p, t.sfCyclesPerPixel(), t.orientation(), ph, 1.0, t.rfX(), t.rfY(), t.rfSigma());
                Gratings.draw(g, (2 * i + 1) * nPhase + p, t.sfCyclesPerPixel(), t.orientation(), ph, 1.0, farX[i], t.rfY(), t.rfSigma());
            }
        }
        Tensor resp = SimulatedV1.meanResponses(truth, g);
        for (int i = 0; i < m; i++) {
            NeuronTruth t = truth.neuron(picks[i]);
            double near = 0, far = 0;
            for (int p = 0; p < nPhase; p++) {
                near = Math.max(near, resp.get((2 * i) * nPhase + p, picks[i]));
                far = Math.max(far, resp.get((2 * i + 1) * nPhase + p, picks[i]));
            }
            assertTrue(near > t.baseline() + 0.5 * t.gain(), "neuron " + picks[i] + " barely responds at its RF: " + near);
            assertTrue(far < t.baseline() + 0.05 * (near - t.baseline()), "neuron " + picks[i] + " responds far from its RF: " + far + " vs " + near);
        }
    }

    @Test
    void datasetCarriesPositionsCategoriesAndVariableRepeats() {
        SimulatedV1.Result r = SimulatedV1.generate(SimulationConfig.of(15, 50, 30, 2).withRepeats(2, 4));
        Dataset d = r.dataset();
        assertTrue(d.minRepeats() >= 2 && d.maxRepeats() <= 4 && d.maxRepeats() > d.minRepeats());
        int total = 0;
        for (int k = 0; k < 50; k++) total += d.repeatsOf(k);
        assertEquals(d.trialCount(), total);
        Tensor pos = d.neuronPositions().orElseThrow();
        assertEquals(Dataset.PositionKind.RETINOTOPIC, d.positionKind().orElseThrow());
        for (int n = 0; n < 30; n++) assertEquals(r.truth().neuron(n).rfX(), pos.get(n, 0), 15.0);
        assertTrue(d.hasCategories());
        assertEquals(SyntheticImages.CATEGORY_NAMES, d.categoryNames());
        for (int i = 0; i < d.trialCount(); i++)
            for (int n = 0; n < 30; n++) assertTrue(d.responses().get(i, n) >= 0f);
    }

    @Test
    void badConfigsAreRejectedWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> SimulationConfig.defaults().withRepeats(3, 2));
        assertTrue(e.getMessage().contains("maxRepeats"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulationConfig.defaults().withSpatialFrequency(0.1, 0.7));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulationConfig.defaults().withPopulation(0.8, 0.3, 0.5));
        assertTrue(e.getMessage().contains("sparse"), e.getMessage());
    }

    static double pearson(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) { mx += x[i]; my += y[i]; }
        mx /= x.length;
        my /= y.length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
    }
}
