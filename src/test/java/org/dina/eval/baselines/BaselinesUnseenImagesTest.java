package org.dina.eval.baselines;

import static org.dina.eval.baselines.BaselineTestData.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.data.Split;
import org.dina.data.SplitProtocol;
import org.dina.data.Splits;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Baselines identifying images never seen in training (IMAGES protocol: 360 / 120 / 120 images). */
class BaselinesUnseenImagesTest {
    private static SimulatedV1.Result sim;
    private static Dataset data;
    private static Split split;
    private static BaselineResult tunedDecoder, tunedEncoder;

    @BeforeAll
    static void generate() {
        sim = unseenImagesRecording();
        data = sim.dataset();
        split = Splits.split(data, new Splits.Config(SplitProtocol.IMAGES, 0.6, 0.2, 1, 5, false));
        BaselineInput in = BaselineInput.of(data, split, EvaluationMode.SINGLE_TRIALS);
        tunedDecoder = new RidgeDecoder(ImageRepresentation.PIXELS).fitAndEvaluate(in);
        tunedEncoder = new RidgeEncoder(ImageRepresentation.PIXELS).fitAndEvaluate(in);
    }

    @Test
    void linearModelsIdentifyUnseenImagesFarAboveChance() {
        BaselineInput in = BaselineInput.of(data, split, EvaluationMode.SINGLE_TRIALS);
        List<BaselineResult> results = List.of(tunedDecoder, tunedEncoder,
                new LinearTwoTower(ImageRepresentation.PIXELS, quickTwoTower(1)).fitAndEvaluate(in));
        System.out.print("IMAGES, single trials, " + split + "\n" + Baselines.report(results));
        for (BaselineResult r : results) {
            assertBeatsChance(r, 5);
            assertEquals(split.imageCount(Tier.TEST), r.neuralToImage().candidates(), "candidates are the unseen test images");
            assertEquals(split.trialCount(Tier.TEST), r.neuralToImage().queries());
        }
    }

    @Test
    void templateMatchingAndNearestNeighboursRefuseUnseenImages() {
        BaselineInput in = BaselineInput.of(data, split, EvaluationMode.SINGLE_TRIALS);
        for (Baseline b : List.of(new TemplateMatching(), new PcaNearestNeighbours())) {
            assertTrue(b.whyNotApplicable(in).isPresent(), b.name());
            BaselineResult r = b.fitAndEvaluate(in);
            assertFalse(r.applicable(), b.name() + " must not claim to identify images it never saw");
            assertTrue(r.notApplicableReason().contains("IMAGES") && r.notApplicableReason().contains("unseen"), r.notApplicableReason());
            assertNull(r.neuralToImage());
        }
    }

    @Test
    void brokenPairingGivesChance() {
        BaselineInput in = BaselineInput.of(shuffledPairing(data, 78), split, EvaluationMode.SINGLE_TRIALS);
        List<BaselineResult> results = Baselines.evaluate(List.of(new RidgeDecoder(ImageRepresentation.PIXELS),
                new RidgeEncoder(ImageRepresentation.PIXELS), new LinearTwoTower(ImageRepresentation.PIXELS, quickTwoTower(1))), in);
        System.out.print("IMAGES, responses shuffled across trials\n" + Baselines.report(results));
        for (BaselineResult r : results) assertNearChance(r);
    }

    @Test
    void anOverwhelmingPenaltyDegradesBothRidgeModels() {
        BaselineInput in = BaselineInput.of(data, split, EvaluationMode.SINGLE_TRIALS);
        double[] huge = {1e9};
        BaselineResult hugeDecoder = new RidgeDecoder(ImageRepresentation.PIXELS, huge).fitAndEvaluate(in);
        BaselineResult hugeEncoder = new RidgeEncoder(ImageRepresentation.PIXELS, huge).fitAndEvaluate(in);
        System.out.print(Baselines.report(List.of(tunedDecoder, hugeDecoder, tunedEncoder, hugeEncoder)));
        assertEquals("1.0E9", hugeDecoder.hyperParameter("lambda"));
        assertTrue(hugeDecoder.neuralToImage().top1() < tunedDecoder.neuralToImage().top1() / 2, "decoder at lambda 1e9");
        assertTrue(hugeEncoder.neuralToImage().top1() < tunedEncoder.neuralToImage().top1() / 2, "encoder at lambda 1e9");
        // every decoded vector collapses onto the mean training image, so the candidate order no longer depends on
        // the query; the encoder keeps a weak cross-covariance ordering, so it only degrades
        assertNearChance(hugeDecoder);
    }

    @Test
    void hyperParametersAreChosenWithoutLookingAtTestResponses() {
        Dataset changed = testResponsesChanged(data, split);
        BaselineInput altered = BaselineInput.of(changed, split, EvaluationMode.SINGLE_TRIALS);
        List<Baseline> baselines = List.of(new RidgeDecoder(ImageRepresentation.PIXELS), new RidgeEncoder(ImageRepresentation.PIXELS));
        List<BaselineResult> originals = List.of(tunedDecoder, tunedEncoder);
        for (int i = 0; i < baselines.size(); i++) {
            Baseline b = baselines.get(i);
            BaselineResult a = originals.get(i), c = b.fitAndEvaluate(altered);
            assertEquals(a.hyperParameters(), c.hyperParameters(), b.name() + ": lambda and the whole validation curve");
            assertArrayEquals(a.validation().ranks(), c.validation().ranks(), b.name());
            assertFalse(java.util.Arrays.equals(a.neuralToImage().ranks(), c.neuralToImage().ranks()),
                    b.name() + ": the test scores must see the change, or the check proves nothing");
        }
    }

    @Test
    void towerFeaturesAreUsedWhenGiven() {
        // stand-in features that carry exactly what the population encodes: its noise-free mean responses
        Tensor features = SimulatedV1.meanResponses(sim.truth(), data.images());
        BaselineInput in = BaselineInput.of(data, split, EvaluationMode.SINGLE_TRIALS).withImageFeatures(features);
        BaselineResult pixels = tunedEncoder;
        BaselineResult feats = new RidgeEncoder(ImageRepresentation.TOWER_FEATURES).fitAndEvaluate(in);
        BaselineResult decoded = new RidgeDecoder(ImageRepresentation.TOWER_FEATURES).fitAndEvaluate(in);
        System.out.print(Baselines.report(List.of(pixels, feats, decoded)));
        assertEquals(Integer.toString(data.neuronCount()), feats.hyperParameter("source_dims"));
        assertTrue(feats.neuralToImage().top1() > pixels.neuralToImage().top1() + 0.1, "features carry more than pixels here");
        assertBeatsChance(decoded, 5);
    }
}
