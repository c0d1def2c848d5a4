package org.dina.eval.baselines;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.data.SimulationConfig;
import org.dina.data.Split;
import org.dina.data.SplitProtocol;
import org.dina.data.Splits;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BaselineInputTest {
    private static Dataset data;

    @BeforeAll
    static void generate() {
        data = SimulatedV1.generate(SimulationConfig.of(6, 40, 30, 3).withImageSize(20, 40)).dataset();
    }

    @Test
    void normaliserSeesOnlyTrainingTrials() {
        Split s = Splits.split(data, Splits.Config.repeats(1));
        BaselineInput a = BaselineInput.of(data, s, EvaluationMode.SINGLE_TRIALS);
        BaselineInput b = BaselineInput.of(BaselineTestData.testResponsesChanged(data, s), s, EvaluationMode.SINGLE_TRIALS);
        assertArrayEquals(a.normalizer().toArray(), b.normalizer().toArray());
        int[] train = s.trainTrials();
        assertArrayEquals(a.trialResponses(train).data, b.trialResponses(train).data);
    }

    @Test
    void candidatesFollowTheProtocol() {
        Split repeats = Splits.split(data, Splits.Config.repeats(1));
        BaselineInput r = BaselineInput.of(data, repeats, EvaluationMode.SINGLE_TRIALS);
        assertTrue(r.imagesSeenInTraining(Tier.TEST));
        assertEquals(40, r.candidateImages(Tier.TEST).length, "REPEATS: all images");
        assertEquals(40, r.candidateImages(Tier.VALIDATION).length);

        Split images = Splits.split(data, new Splits.Config(SplitProtocol.IMAGES, 0.5, 0.25, 1, 1, false));
        BaselineInput i = BaselineInput.of(data, images, EvaluationMode.SINGLE_TRIALS);
        assertFalse(i.imagesSeenInTraining(Tier.TEST));
        assertArrayEquals(images.testImages(), i.candidateImages(Tier.TEST), "IMAGES: only the unseen test images");
        assertArrayEquals(images.validationImages(), i.candidateImages(Tier.VALIDATION));
    }

    @Test
    void queriesAreTrialsOrPerImageAverages() {
        Split s = Splits.split(data, new Splits.Config(SplitProtocol.IMAGES, 0.5, 0.25, 1, 1, false));
        RetrievalTask single = BaselineInput.of(data, s, EvaluationMode.SINGLE_TRIALS).task(Tier.TEST);
        RetrievalTask avg = BaselineInput.of(data, s, EvaluationMode.REPEAT_AVERAGED).task(Tier.TEST);
        assertEquals(s.trialCount(Tier.TEST), single.queryCount());
        assertEquals(s.imageCount(Tier.TEST), avg.queryCount());
        assertFalse(single.averaged());
        assertTrue(avg.averaged());
        // the average of an image's normalised trials
        int k = avg.queryImages()[0];
        int[] trials = data.trialsOf(k);
        BaselineInput in = BaselineInput.of(data, s, EvaluationMode.SINGLE_TRIALS);
        var rows = in.trialResponses(trials);
        for (int j = 0; j < data.neuronCount(); j++) {
            double mean = 0;
            for (int t = 0; t < trials.length; t++) mean += rows.get(t, j) / trials.length;
            assertEquals(mean, avg.queries().get(0, j), 1e-6);
        }
        for (int q = 0; q < single.queryCount(); q++) {
            assertEquals(single.queryImages()[q], single.candidates()[single.correct()[q]]);
        }
    }

    @Test
    void featuresAreCheckedAndFlattened() {
        Split s = Splits.split(data, Splits.Config.repeats(1));
        BaselineInput in = BaselineInput.of(data, s, EvaluationMode.SINGLE_TRIALS);
        assertFalse(in.hasImageFeatures());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.withImageFeatures(Tensor.zeros(39, 5)));
        assertTrue(e.getMessage().contains("K=40") && e.getMessage().contains("[39, 5]"), e.getMessage());
        BaselineInput f = in.withImageFeatures(Tensor.zeros(40, 2, 3, 4));
        assertEquals(24, f.imageVectors(ImageRepresentation.TOWER_FEATURES).numCols);
        assertArrayEquals(new int[] {40, 24}, f.imageFeatures().orElseThrow().shape());
    }

    @Test
    void pixelsAreAreaAveragedToTheBudget() {
        Split s = Splits.split(data, Splits.Config.repeats(1));
        BaselineInput in = BaselineInput.of(data, s, EvaluationMode.SINGLE_TRIALS).withMaxPixels(200);
        assertArrayEquals(new int[] {10, 20}, in.pixelSize());
        assertEquals(200, in.imageVectors(ImageRepresentation.PIXELS).numCols);
    }
}
