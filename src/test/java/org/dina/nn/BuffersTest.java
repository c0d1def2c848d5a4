package org.dina.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BuffersTest {
    @Test
    void reusesMemoryForAnyShapeThatFitsAndZeroesItOnAShapeChange() {
        Tensor a = Buffers.ensure(null, 4, 5);
        assertSame(a, Buffers.ensure(a, 4, 5), "same shape: the same tensor");
        a.fill(3f);
        long before = Tensor.allocations();
        Tensor smaller = Buffers.ensure(a, 3, 5);
        assertEquals(before, Tensor.allocations(), "a smaller shape fits: no allocation");
        assertSame(a.segment(), smaller.segment());
        assertArrayEquals(new float[15], smaller.toArray(), "a reshaped buffer starts at zero like a fresh one");
        Tensor back = Buffers.ensure(smaller, 4, 5);
        assertEquals(before, Tensor.allocations(), "back to the first shape: still the first allocation");
        assertArrayEquals(new float[20], back.toArray());
        Tensor bigger = Buffers.ensure(back, 5, 5);
        assertEquals(before + 1, Tensor.allocations(), "a larger shape needs new memory");
        assertArrayEquals(new int[] {5, 5}, bigger.shape());
    }

    @Test
    void reuseReshapesWithoutZeroing() {
        Tensor a = Buffers.reuse(null, 2, 4);
        a.fill(5f);
        long before = Tensor.allocations();
        Tensor view = Buffers.reuse(a, 4, 2);
        assertEquals(before, Tensor.allocations());
        assertArrayEquals(new float[] {5, 5, 5, 5, 5, 5, 5, 5}, view.toArray(), "the memory's contents stay");
        Buffer slot = new Buffer(true);
        slot.ensure(3).fill(2f);
        assertEquals(2f, slot.ensure(2).getFlat(1), "an overwritten slot skips the zeroing");
    }

    @Test
    void aSharedSlotHandsEveryHolderTheSameMemory() {
        Buffer slot = new Buffer();
        Tensor t = slot.ensure(2, 3);
        assertSame(t, slot.ensure(2, 3));
        assertSame(t.segment(), slot.ensure(1, 3).segment());
    }
}
