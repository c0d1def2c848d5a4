package org.dina.data.formats;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import org.dina.data.Dataset;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The recordings in {@code shared/data/real} read with their documented shapes. */
class RealDataTest {

    @Test
    void matlabWrittenClassLabels() throws IOException {
        Path dir = SharedData.require("data/real/stringer2019-natimg2800-classes");
        Categories confident = Categories.read(dir.resolve("stimuli_class_assignment_confident.mat"));
        Categories all = Categories.read(dir.resolve("stimuli_class_assignment.mat"));
        assertEquals(12, confident.names().size());
        assertEquals(16, all.names().size());
        assertEquals(2800, confident.labels().length);
        assertEquals(2800, all.labels().length);
        assertEquals("unknown", confident.names().get(0));
        assertEquals("birds", confident.names().get(1));
        assertEquals("snakes", confident.names().get(11));
        int sum = 0;
        for (int c = 0; c < 12; c++) sum += confident.count(c);
        assertEquals(2800, sum);
        assertTrue(confident.count(0) > 0, "some images are unknown (label 0)");
        assertTrue(confident.count(1) > 0);
    }

    @Test
    void categoriesAttachToDatasetOfMatchingSize() throws IOException {
        Path dir = SharedData.require("data/real/stringer2019-natimg2800-classes");
        Categories c = Categories.read(dir.resolve("stimuli_class_assignment_confident.mat"));
        Tensor images = Tensor.zeros(2800, 2, 2);
        int[] ids = {0, 5, 2799};
        Dataset d = Dataset.builder("t", images, Tensor.zeros(3, 4), ids).tiers(new Tier[] {Tier.TRAIN, Tier.TEST, Tier.TRAIN}).build();
        Dataset labelled = c.attachTo(d);
        assertTrue(labelled.hasCategories());
        assertEquals(c.labels()[5], labelled.category(5));
        assertEquals(12, labelled.categoryNames().size());
        assertEquals(Tier.TEST, labelled.tier(1), "tiers survive");
        Dataset small = Dataset.of("s", Tensor.zeros(10, 2, 2), Tensor.zeros(1, 1), new int[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.attachTo(small));
        assertTrue(e.getMessage().contains("10 images"), e.getMessage());
    }

    @Test
    void antolikRegions() throws IOException {
        check(SharedData.require("data/real/antolik2016-region1"), 10, 103);
        check(SharedData.require("data/real/antolik2016-region2"), 8, 55);
    }

    private static void check(Path dir, int repeats, int neurons) throws IOException {
        assertEquals("antolik2016", Formats.detect(dir).name());
        ReadResult r = Formats.load(dir, null);
        Dataset d = r.dataset();
        assertEquals(50, d.imageCount());
        assertEquals(31, d.height());
        assertEquals(31, d.width());
        assertEquals(neurons, d.neuronCount());
        assertEquals(repeats * 50, d.trialCount());
        assertEquals(repeats, d.minRepeats());
        assertEquals(repeats, d.maxRepeats());
        assertEquals(0, r.report().rawImageMin(), 1e-12);
        assertEquals(255e-6, r.report().rawImageMax(), 1e-9, "inputs are scaled by 1e-6");
        NpyArray raw = NpyArray.open(dir.resolve("raw_validation_set.npy"));
        long[] st = raw.strides();
        // trial r*50 + k is repeat r of image k
        assertEquals((float) raw.getDouble(3 * st[0] + 7 * st[1] + 2 * st[2]), d.responses().get(3 * 50 + 7, 2), 0f);
        assertEquals(7, d.imageId(3 * 50 + 7));
        float max = 0;
        for (long i = 0; i < d.images().numel(); i++) max = Math.max(max, d.images().getFlat(i));
        assertEquals(1f, max, 0f);
    }

    @Test
    void allenTrainAndTest() throws IOException {
        Path dir = SharedData.require("data/real/allen-visp-511510667");
        assertEquals("allen", Formats.detect(dir).name());
        ReadResult r = Formats.load(dir, ReadOptions.defaults());
        Dataset d = r.dataset();
        assertEquals(118, d.imageCount());
        assertEquals(31, d.height());
        assertEquals(31, d.width());
        assertEquals(212, d.neuronCount());
        assertEquals(118, d.trialCount());
        assertEquals(1, d.maxRepeats());
        int train = 0, test = 0;
        for (int t = 0; t < d.trialCount(); t++) {
            if (d.tier(t) == Tier.TRAIN) train++;
            else if (d.tier(t) == Tier.TEST) test++;
        }
        assertEquals(100, train);
        assertEquals(18, test);
        assertEquals(Tier.TEST, d.tier(100));
        NpyArray testOut = NpyArray.open(dir.resolve("Allen_test_output.npy"));
        assertEquals((float) testOut.getDouble(5 * 212 + 11), d.responses().get(105, 11), 0f);
        NpyArray testIn = NpyArray.open(dir.resolve("Allen_test_input.npy"));
        // pixel (2, 3) of test image 5 is flattened element 2*31 + 3; images span 0..255
        assertEquals(testIn.getDouble(5 * 961 + 2 * 31 + 3) / 255.0, d.images().get(105, 2, 3), 1e-6);
    }
}
