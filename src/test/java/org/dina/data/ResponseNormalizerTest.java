package org.dina.data;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ResponseNormalizerTest {
    /** 6 trials x 3 neurons; neuron 2 is constant on the training trials 0..3. */
    static Dataset data() {
        float[] r = {
            0, 5, 7,
            2, 1, 7,
            4, 3, 7,
            1, 9, 7,
            10, -1, 8,   // test trials: outside the training range
            3, 4, 7};
        return Dataset.of("norm", Tensor.zeros(3, 1, 1), Tensor.of(r, 6, 3), new int[] {0, 1, 2, 0, 1, 2});
    }

    static final int[] TRAIN = {0, 1, 2, 3};

    @Test
    void scalesTrainingTrialsToZeroOne() {
        Dataset d = data();
        ResponseNormalizer n = ResponseNormalizer.fit(d, TRAIN);
        assertEquals(0f, n.min(0));
        assertEquals(4f, n.max(0));
        Tensor s = n.apply(d, TRAIN);
        assertEquals(0.5f, s.get(1, 0));   // 2 in [0, 4]
        assertEquals(1f, s.get(3, 1));     // 9 is neuron 1's training max
        for (int t = 0; t < 4; t++) assertEquals(0f, s.get(t, 2), "a constant neuron maps to 0");
        Tensor test = n.apply(d, new int[] {4});
        assertEquals(2.5f, test.get(0, 0), "test values above the training range exceed 1, unclipped");
        assertEquals(-0.25f, test.get(0, 1), "and below it go negative");
        assertEquals(0f, test.get(0, 2), "constant neurons stay 0 even for new values");
        assertFalse(Float.isNaN(test.get(0, 2)));
    }

    @Test
    void fitIgnoresNonTrainingTrials() {
        Dataset d = data();
        float[] before = ResponseNormalizer.fit(d, TRAIN).toArray();
        d.responses().set(1000f, 4, 0);
        d.responses().set(-1000f, 5, 1);
        assertArrayEquals(before, ResponseNormalizer.fit(d, TRAIN).toArray());
        // and the check can fail: including the changed trial changes the fit
        assertNotEquals(before[3], ResponseNormalizer.fit(d, new int[] {0, 1, 2, 3, 4}).toArray()[3]);
    }

    @Test
    void roundTripsThroughAFloatArray() {
        Dataset d = data();
        ResponseNormalizer n = ResponseNormalizer.fit(d, TRAIN);
        float[] a = n.toArray();
        assertEquals(6, a.length);
        ResponseNormalizer back = ResponseNormalizer.fromArray(a);
        assertArrayEquals(n.apply(d.responses()).toArray(), back.apply(d.responses()).toArray());
        assertThrows(IllegalArgumentException.class, () -> ResponseNormalizer.fromArray(new float[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> ResponseNormalizer.fromArray(new float[] {2, 1}));
        var e = assertThrows(IllegalArgumentException.class, () -> n.apply(Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("3 neurons"), e.getMessage());
    }

    @Test
    void repeatAverageMeansTheTrialsOfEachImage() {
        Dataset d = data();
        RepeatAverage a = RepeatAverage.of(d, new int[] {0, 3, 1, 2, 5});
        assertArrayEquals(new int[] {0, 1, 2}, a.images());
        assertArrayEquals(new int[] {2, 1, 2}, a.counts());
        assertEquals(0.5f, a.responses().get(0, 0));   // trials 0 and 3: (0 + 1) / 2
        assertEquals(7f, a.responses().get(0, 1));     // (5 + 9) / 2
        assertEquals(1f, a.responses().get(1, 1));     // trial 1 only
        assertEquals(3.5f, a.responses().get(2, 0));   // trials 2 and 5: (4 + 3) / 2
        // on normalised rows
        ResponseNormalizer n = ResponseNormalizer.fit(d, TRAIN);
        int[] rows = {4, 5};
        RepeatAverage an = RepeatAverage.of(n.apply(d, rows), new int[] {d.imageId(4), d.imageId(5)}, d.imageCount());
        assertArrayEquals(new int[] {1, 2}, an.images());
        assertEquals(0.75f, an.responses().get(1, 0));
    }
}
