package org.dina.eval.baselines;

import static org.dina.eval.baselines.BaselineTestData.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.dina.data.Dataset;
import org.dina.data.Split;
import org.dina.data.Splits;
import org.dina.data.Tier;
import org.dina.kernels.Parallel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every baseline on held-out repeats of a small simulated recording (candidates: all 200 images). */
class BaselinesRepeatsTest {
    private static Dataset data;
    private static Split split;

    @BeforeAll
    static void generate() {
        data = repeatsRecording().dataset();
        split = Splits.split(data, Splits.Config.repeats(5));
    }

    private static List<Baseline> applicable(long seed) {
        return List.of(new TemplateMatching(), new RidgeDecoder(ImageRepresentation.PIXELS), new RidgeEncoder(ImageRepresentation.PIXELS),
                new LinearTwoTower(ImageRepresentation.PIXELS, quickTwoTower(seed)), new PcaNearestNeighbours());
    }

    @Test
    void everyBaselineIdentifiesHeldOutTrialsFarAboveChance() {
        BaselineInput in = BaselineInput.of(data, split, EvaluationMode.SINGLE_TRIALS);
        List<BaselineResult> results = Baselines.evaluate(applicable(1), in);
        System.out.print("REPEATS, single trials, " + split + "\n" + Baselines.report(results));
        for (BaselineResult r : results) {
            assertBeatsChance(r, 5);
            assertEquals(split.trialCount(Tier.TEST), r.neuralToImage().queries(), r.baseline() + ": one query per test trial");
            assertEquals(data.imageCount(), r.neuralToImage().candidates(), r.baseline() + ": every image is a candidate under REPEATS");
            assertNull(r.imageToNeural(), "image-to-neural needs one query per image");
        }
    }

    @Test
    void repeatAveragedQueriesAlsoScoreImageToNeural() {
        BaselineInput in = BaselineInput.of(data, split, EvaluationMode.REPEAT_AVERAGED);
        for (Baseline b : List.of(new TemplateMatching(), new RidgeEncoder(ImageRepresentation.PIXELS))) {
            BaselineResult r = b.fitAndEvaluate(in);
            assertBeatsChance(r, 5);
            assertEquals(split.imageCount(Tier.TEST), r.neuralToImage().queries());
            assertNotNull(r.imageToNeural());
            assertEquals(split.imageCount(Tier.TEST), r.imageToNeural().candidates());
            assertTrue(r.imageToNeural().top1() >= 5 * r.imageToNeural().chanceTop1(), r.summary());
        }
    }

    @Test
    void brokenPairingGivesChance() {
        Dataset shuffled = shuffledPairing(data, 77);
        BaselineInput in = BaselineInput.of(shuffled, split, EvaluationMode.SINGLE_TRIALS);
        List<BaselineResult> results = Baselines.evaluate(applicable(1), in);
        System.out.print("REPEATS, responses shuffled across trials\n" + Baselines.report(results));
        for (BaselineResult r : results) assertNearChance(r);
    }

    @Test
    void featureVariantsSayWhyTheyDoNotRunWithoutFeatures() {
        BaselineInput in = BaselineInput.of(data, split, EvaluationMode.SINGLE_TRIALS);
        for (Baseline b : Baselines.standard(1)) {
            if (!b.name().endsWith("features")) continue;
            BaselineResult r = b.fitAndEvaluate(in);
            assertFalse(r.applicable(), b.name());
            assertTrue(r.notApplicableReason().contains("feature"), r.notApplicableReason());
            assertNull(r.neuralToImage());
        }
    }

    @Test
    void sameSeedGivesTheSameNumbersOnOneOrTwoThreads() {
        BaselineInput in = BaselineInput.of(data, split, EvaluationMode.SINGLE_TRIALS);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            List<BaselineResult> one = Baselines.evaluate(applicable(3), in);
            Parallel.setThreads(2);
            List<BaselineResult> two = Baselines.evaluate(applicable(3), in);
            for (int i = 0; i < one.size(); i++) {
                BaselineResult a = one.get(i), b = two.get(i);
                assertEquals(a.hyperParameters(), b.hyperParameters(), a.baseline());
                assertArrayEquals(a.neuralToImage().ranks(), b.neuralToImage().ranks(), a.baseline());
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
