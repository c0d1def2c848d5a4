package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.dina.data.NeuronTruth;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.train.TrainingData;
import org.junit.jupiter.api.Test;

/**
 * The receptive fields the ridge encoder reads off the pixels, against the simulator's planted ones, and the
 * cyclic-shift null of the map comparison: planted receptive fields in the left half are found there, and two
 * unrelated smooth maps are called related at about the rate alpha allows.
 */
class ReceptiveFieldsTest {
    /** Simple cells (a linear model reads them) with every receptive field in [5%, 50%] of the image width. */
    @Test
    void plantedReceptiveFieldsAreFoundWhereTheyAre() {
        DinaConfig cfg = TrainedRuns.config(600, 200, 1);
        PlantedPopulation p = PlantedPopulation.build(cfg.simulationConfig(), 0.05, 0.5, 0.0);
        // the encoder needs the run's split and test task, not a trained DINA: an untrained model holds them
        DinaModel untrained = new DinaModel(cfg, p.dataset().neuronCount());
        TrainingData data = TrainingData.prepare(cfg, p.dataset(), untrained.image());
        RetrievalProbe probe = RetrievalProbe.of(untrained, data, AnalysisOptions.defaults().quick());
        PixelControls controls = PixelControls.fit(probe);
        double[][] density = GroundTruthChecks.rfDensity(p.truth());
        ReceptiveFields.Result r = ReceptiveFields.of(controls, density);
        assertFalse(r.skipped(), r.skippedReason());

        int w = p.truth().imageWidth(), h = p.truth().imageHeight(), driven = 0, near = 0;
        double leftEnergy = 0, total = 0;
        for (double[] row : r.map()) {
            for (int x = 0; x < row.length; x++) {
                total += row[x];
                if (x < row.length / 2) leftEnergy += row[x];
            }
        }
        double strongest = Stats.quantile(r.energy(), 0.5);
        for (int j = 0; j < r.energy().length; j++) {
            NeuronTruth t = p.truth().neuron(j);
            if (!t.driven() || r.energy()[j] < strongest) continue;
            driven++;
            double dx = (r.centreX()[j] - t.rfX() / w) * w, dy = (r.centreY()[j] - t.rfY() / h) * h;
            if (Math.hypot(dx, dy) < 3 * t.rfSigma()) near++;
        }
        System.out.printf("ReceptiveFieldsTest: map vs planted density r = %.3f, p = %.4f; left-half share of the map %.3f; %d of %d driven "
                + "neurons with strong weights centred within 3 sigma of their planted centre%n", r.correlation(), r.p(), leftEnergy / total, near, driven);
        // undriven neurons and the encoder's noise spread some weight everywhere: 0.5 would be no preference
        assertTrue(leftEnergy / total > 0.6, "the map lies where the receptive fields were planted: left share " + leftEnergy / total);
        assertTrue(r.correlation() > 0.7, "r = " + r.correlation());
        assertTrue(r.p() < 0.01, "p = " + r.p());
        assertTrue(near > 0.7 * driven, near + " of " + driven + " centres near the planted ones");
    }

    @Test
    void unrelatedSmoothMapsAreRelatedAtAboutAlpha() {
        SplittableRandom rng = new SplittableRandom(11);
        int significant = 0, pairs = 500;
        for (int i = 0; i < pairs; i++) {
            ReceptiveFields.ShiftTest t = ReceptiveFields.shiftTest(smoothNoise(16, 64, 2, rng), smoothNoise(16, 64, 2, rng));
            assertEquals(1023, t.shifts());
            if (t.p() < Verdict.ALPHA) significant++;
        }
        System.out.println("ReceptiveFieldsTest: " + significant + " of " + pairs + " unrelated smooth map pairs significant at alpha 0.05");
        // 25 of 500 expected (59 of 1,000 in a longer run); 38 or more would be p < 0.01 under a correct null (the cells
        // of smooth maps are not independent, so a null that permuted cells would call far more of these pairs related)
        assertTrue(significant <= 37, significant + " of " + pairs + " unrelated map pairs significant");
        assertTrue(significant >= 13, "a null that rarely rejects is not at alpha either: " + significant);
    }

    @Test
    void aShiftedCopyIsFoundAndTheGridIsResampled() {
        double[][] a = smoothNoise(16, 64, 2, new SplittableRandom(3));
        ReceptiveFields.ShiftTest same = ReceptiveFields.shiftTest(a, a);
        assertEquals(1.0, same.correlation(), 1e-12);
        assertEquals(1.0 / 1024, same.p(), 1e-12, "no shift of a rough enough map matches it as well as itself");
        double[][] half = ReceptiveFields.onMapGrid(new double[][] {{0, 0, 1, 1}}, 2, 8);
        assertEquals(1.0, half[0][7], 1e-12);
        assertEquals(0.0, half[1][0], 1e-12);
        assertTrue(half[0][3] > 0 && half[0][3] < 1, "between cells: interpolated");
    }

    /** White noise blurred by a Gaussian of {@code sigma} cells, wrapped around the edges. */
    static double[][] smoothNoise(int h, int w, double sigma, SplittableRandom rng) {
        double[][] noise = new double[h][w], out = new double[h][w];
        for (double[] row : noise) for (int x = 0; x < w; x++) row[x] = rng.nextGaussian();
        int r = (int) Math.ceil(3 * sigma);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        s += Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) * noise[Math.floorMod(y + dy, h)][Math.floorMod(x + dx, w)];
                    }
                }
                out[y][x] = s;
            }
        }
        return out;
    }
}
