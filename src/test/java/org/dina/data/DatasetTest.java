package org.dina.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** 3 images of 2x4, 2 neurons, trials showing images 0,1,2,0,1 (image 2 once). */
    static Dataset tiny() {
        Tensor images = Tensor.zeros(3, 2, 4);
        images.fill(0.5f);
        float[] r = {1, 10, 2, 20, 3, 30, 4, 40, 5, 50};
        return Dataset.of("tiny", images, Tensor.of(r, 5, 2), new int[] {0, 1, 2, 0, 1});
    }

    @Test
    void countsAndRepeats() {
        Dataset d = tiny();
        assertEquals(3, d.imageCount());
        assertEquals(2, d.height());
        assertEquals(4, d.width());
        assertEquals(5, d.trialCount());
        assertEquals(2, d.neuronCount());
        assertEquals(2, d.repeatsOf(0));
        assertEquals(1, d.repeatsOf(2));
        assertArrayEquals(new int[] {1, 4}, d.trialsOf(1));
        assertEquals(1, d.minRepeats());
        assertEquals(2, d.maxRepeats());
        assertArrayEquals(new int[] {0, 1, 2}, d.shownImages());
        assertFalse(d.hasTiers());
        assertFalse(d.hasCategories());
        assertTrue(d.neuronPositions().isEmpty());
        assertArrayEquals(new float[] {5, 50, 2, 20}, d.responsesOf(new int[] {4, 1}).toArray());
        assertTrue(d.image(1).hasShape(2, 4));
    }

    @Test
    void imageNeverShownHasNoRepeats() {
        Tensor images = Tensor.zeros(3, 2, 2);
        Dataset d = Dataset.of("gap", images, Tensor.zeros(2, 1), new int[] {0, 2});
        assertEquals(0, d.repeatsOf(1));
        assertArrayEquals(new int[] {0, 2}, d.shownImages());
        assertEquals(1, d.minRepeats());
    }

    @Test
    void optionalPartsAreKept() {
        Tensor images = Tensor.zeros(2, 2, 2);
        Dataset d = Dataset.builder("full", images, Tensor.zeros(3, 2), new int[] {0, 1, 1})
                .tiers(new Tier[] {Tier.TRAIN, Tier.TEST, Tier.TEST})
                .neuronPositions(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), Dataset.PositionKind.CORTICAL)
                .categories(new int[] {1, 0}, List.of("cat", "dog"))
                .build();
        assertTrue(d.hasTiers());
        assertEquals(Tier.TEST, d.tier(2));
        assertEquals(3f, d.neuronPositions().orElseThrow().get(1, 0));
        assertEquals(Dataset.PositionKind.CORTICAL, d.positionKind().orElseThrow());
        assertEquals(1, d.category(0));
        assertEquals(List.of("cat", "dog"), d.categoryNames());
    }

    @Test
    void invalidInputsAreRejectedWithMessagesThatSayWhy() {
        Tensor images = Tensor.zeros(2, 2, 2);
        assertMessage("only 2 images", () -> Dataset.of("d", images, Tensor.zeros(2, 1), new int[] {0, 2}));
        assertMessage("imageIds has 1 entries", () -> Dataset.of("d", images, Tensor.zeros(2, 1), new int[] {0}));
        assertMessage("[K, H, W]", () -> Dataset.of("d", Tensor.zeros(4, 4), Tensor.zeros(1, 1), new int[] {0}));
        assertMessage("[T, N]", () -> Dataset.of("d", images, Tensor.zeros(3), new int[] {0, 0, 0}));
        Tensor bright = Tensor.zeros(2, 2, 2);
        bright.set(255f, 1, 0, 1);
        assertMessage("image 1 has 255.0", () -> Dataset.of("d", bright, Tensor.zeros(1, 1), new int[] {0}));
        Tensor nan = Tensor.zeros(1, 2);
        nan.set(Float.NaN, 0, 1);
        assertMessage("column 1 is NaN", () -> Dataset.of("d", images, nan, new int[] {0}));
        assertMessage("2 tiers for 1 trials", () -> Dataset.builder("d", images, Tensor.zeros(1, 1), new int[] {0})
                .tiers(new Tier[] {Tier.TRAIN, Tier.TEST}).build());
        assertMessage("expected shape [1, 2]", () -> Dataset.builder("d", images, Tensor.zeros(1, 1), new int[] {0})
                .neuronPositions(Tensor.zeros(3, 2), Dataset.PositionKind.CORTICAL).build());
        assertMessage("2 category names", () -> Dataset.builder("d", images, Tensor.zeros(1, 1), new int[] {0})
                .categories(new int[] {0, 2}, List.of("a", "b")).build());
        assertMessage("name", () -> Dataset.of(" ", images, Tensor.zeros(1, 1), new int[] {0}));
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(fragment), "message '" + ex.getMessage() + "' should contain '" + fragment + "'");
    }
}
