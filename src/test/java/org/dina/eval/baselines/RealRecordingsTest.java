package org.dina.eval.baselines;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dina.data.Dataset;
import org.dina.data.Splits;
import org.dina.data.Tier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The baselines on two small public recordings, when the shared data folder is present (skipped otherwise):
 * Antolík et al. 2016 region 1 (mouse V1, 10 repeats of 50 images, 103 neurons; held-out repeats) and the Allen
 * Brain Observatory container 511510667 (118 natural scenes, repeat-averaged dF/F of 212 neurons; 18 unseen images).
 */
class RealRecordingsTest {

    /** The shared data folder: -Ddina.data.dir, $DINA_DATA_DIR, or ../shared/data or ../../shared/data from the project. */
    static Path dataDir() {
        String p = System.getProperty("dina.data.dir", System.getenv("DINA_DATA_DIR"));
        if (p != null && !p.isBlank()) return Path.of(p);
        for (String rel : new String[] {"../shared/data", "../../shared/data"}) {
            Path d = Path.of(rel).toAbsolutePath().normalize();
            if (Files.isDirectory(d.resolve("real"))) return d;
        }
        return Path.of("../shared/data");
    }

    private static Path require(String folder) {
        Path dir = dataDir().resolve("real").resolve(folder);
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared recording " + dir + " is absent; skipping");
        return dir;
    }

    /** Region 1 as a dataset: trial t = repeat t / 50 of image t % 50; each trial's tier from {@code tierOfRepeat}. */
    private static Dataset antolik(Path dir, Tier[] tierOfRepeat) throws IOException {
        NpyTestFile raw = NpyTestFile.read(dir.resolve("raw_validation_set.npy"));
        NpyTestFile inputs = NpyTestFile.read(dir.resolve("validation_inputs.npy"));
        int repeats = raw.shape()[0], images = raw.shape()[1], neurons = raw.shape()[2];
        assertArrayEquals(new int[] {images, 31 * 31}, inputs.shape());
        float[] px = new float[images * 961];
        // stored as 0..255e-6: multiply by 1e6 and scale to [0, 1]; clamp the last ulp of rounding
        for (int i = 0; i < px.length; i++) px[i] = (float) Math.min(1.0, Math.max(0.0, inputs.data()[i] * 1e6 / 255.0));
        float[] resp = new float[repeats * images * neurons];
        for (int i = 0; i < resp.length; i++) resp[i] = (float) raw.data()[i];
        int[] ids = new int[repeats * images];
        Tier[] tiers = new Tier[ids.length];
        for (int t = 0; t < ids.length; t++) {
            ids[t] = t % images;
            tiers[t] = tierOfRepeat[t / images];
        }
        return Dataset.builder("antolik2016-region1", org.dina.tensor.Tensor.of(px, images, 31, 31),
                org.dina.tensor.Tensor.of(resp, ids.length, neurons), ids).tiers(tiers).build();
    }

    private static int antolikRepeats(Path dir) throws IOException {
        return NpyTestFile.read(dir.resolve("raw_validation_set.npy")).shape()[0];
    }

    @Test
    void antolikRegion1TemplateMatchingLeavingOneRepeatOut() throws IOException {
        Path dir = require("antolik2016-region1");
        int repeats = antolikRepeats(dir);
        List<BaselineResult> folds = new ArrayList<>();
        for (int out = 0; out < repeats; out++) {
            Tier[] tiers = new Tier[repeats];
            for (int r = 0; r < repeats; r++) tiers[r] = r == out ? Tier.TEST : Tier.TRAIN;
            Dataset d = antolik(dir, tiers);
            folds.add(new TemplateMatching().fitAndEvaluate(BaselineInput.of(d, Splits.byTiers(d), EvaluationMode.SINGLE_TRIALS)));
        }
        double[] pooled = pooled(folds);
        System.out.printf(Locale.ROOT, "Antolik 2016 region 1, template matching, leave one repeat out (%d folds, 9 training repeats):"
                + " top-1 %.1f%%, top-5 %.1f%%, mean rank %.2f of 50 (chance 2%%)%n", repeats, 100 * pooled[0], 100 * pooled[1], pooled[2]);
        // the data's README: a correlation nearest-template decoder gets 56% top-1 (79% top-5) this way
        assertEquals(0.56, pooled[0], 0.02);
        assertEquals(0.79, pooled[1], 0.02);
    }

    @Test
    void antolikRegion1AllBaselinesWithOneRepeatForValidation() throws IOException {
        Path dir = require("antolik2016-region1");
        int repeats = antolikRepeats(dir);
        List<Baseline> baselines = List.of(new TemplateMatching(), new RidgeDecoder(ImageRepresentation.PIXELS),
                new RidgeEncoder(ImageRepresentation.PIXELS), new LinearTwoTower(ImageRepresentation.PIXELS, BaselineTestData.quickTwoTower(1)),
                new PcaNearestNeighbours());
        List<List<BaselineResult>> byBaseline = new ArrayList<>();
        for (int i = 0; i < baselines.size(); i++) byBaseline.add(new ArrayList<>());
        for (int out = 0; out < repeats; out++) {
            Tier[] tiers = new Tier[repeats];
            for (int r = 0; r < repeats; r++) tiers[r] = r == out ? Tier.TEST : r == (out + 1) % repeats ? Tier.VALIDATION : Tier.TRAIN;
            Dataset d = antolik(dir, tiers);
            BaselineInput in = BaselineInput.of(d, Splits.byTiers(d), EvaluationMode.SINGLE_TRIALS);
            assertEquals(50, in.candidateImages(Tier.TEST).length, "held-out repeats: all images are candidates");
            for (int i = 0; i < baselines.size(); i++) byBaseline.get(i).add(baselines.get(i).fitAndEvaluate(in));
        }
        System.out.printf("Antolik 2016 region 1, %d folds (test repeat r, validation repeat r+1, 8 training repeats), single trials, 50 candidates:%n", repeats);
        for (int i = 0; i < baselines.size(); i++) {
            double[] p = pooled(byBaseline.get(i));
            System.out.printf(Locale.ROOT, "  %-26s top-1 %5.1f%%  top-5 %5.1f%%  mean rank %5.2f%n", baselines.get(i).name(), 100 * p[0], 100 * p[1], p[2]);
            assertTrue(p[0] >= 5 * 0.02, baselines.get(i).name() + " top-1 " + p[0]);
        }
    }

    @Test
    void allenUnseenNaturalScenes() throws IOException {
        Path dir = require("allen-visp-511510667");
        NpyTestFile trainIn = NpyTestFile.read(dir.resolve("Allen_train_input.npy")), testIn = NpyTestFile.read(dir.resolve("Allen_test_input.npy"));
        NpyTestFile trainOut = NpyTestFile.read(dir.resolve("Allen_train_output.npy")), testOut = NpyTestFile.read(dir.resolve("Allen_test_output.npy"));
        int nTrain = trainIn.shape()[0], nTest = testIn.shape()[0], neurons = trainOut.shape()[1], k = nTrain + nTest;
        float[] px = new float[k * 961];
        for (int i = 0; i < nTrain * 961; i++) px[i] = (float) (trainIn.data()[i] / 255.0);
        for (int i = 0; i < nTest * 961; i++) px[nTrain * 961 + i] = (float) (testIn.data()[i] / 255.0);
        float[] resp = new float[k * neurons];
        for (int i = 0; i < nTrain * neurons; i++) resp[i] = (float) trainOut.data()[i];
        for (int i = 0; i < nTest * neurons; i++) resp[nTrain * neurons + i] = (float) testOut.data()[i];
        int[] ids = new int[k];
        Tier[] tiers = new Tier[k];
        int validation = nTest; // the last 18 training images choose hyper-parameters
        for (int i = 0; i < k; i++) {
            ids[i] = i;
            tiers[i] = i >= nTrain ? Tier.TEST : i >= nTrain - validation ? Tier.VALIDATION : Tier.TRAIN;
        }
        Dataset d = Dataset.builder("allen-visp-511510667", org.dina.tensor.Tensor.of(px, k, 31, 31),
                org.dina.tensor.Tensor.of(resp, k, neurons), ids).tiers(tiers).build();
        BaselineInput in = BaselineInput.of(d, Splits.byTiers(d), EvaluationMode.REPEAT_AVERAGED);
        List<BaselineResult> results = Baselines.evaluate(List.of(new TemplateMatching(), new RidgeDecoder(ImageRepresentation.PIXELS),
                new RidgeEncoder(ImageRepresentation.PIXELS), new LinearTwoTower(ImageRepresentation.PIXELS, BaselineTestData.quickTwoTower(1)),
                new PcaNearestNeighbours()), in);
        System.out.print("Allen VISp 511510667: 82 training / 18 validation / 18 unseen test scenes, 50-repeat means\n" + Baselines.report(results));
        assertFalse(results.get(0).applicable(), "template matching cannot name unseen scenes");
        assertFalse(results.get(4).applicable(), "nearest neighbours cannot name unseen scenes");
        for (BaselineResult r : results.subList(1, 4)) assertEquals(18, r.neuralToImage().candidates());
    }

    /** Top-1, top-5 and mean rank over the queries of all folds together. */
    private static double[] pooled(List<BaselineResult> folds) {
        int q = 0, hit1 = 0, hit5 = 0;
        double rankSum = 0;
        for (BaselineResult f : folds) {
            assertTrue(f.applicable(), f.notApplicableReason());
            for (int r : f.neuralToImage().ranks()) {
                q++;
                if (r == 1) hit1++;
                if (r <= 5) hit5++;
                rankSum += r;
            }
        }
        return new double[] {(double) hit1 / q, (double) hit5 / q, rankSum / q};
    }
}
