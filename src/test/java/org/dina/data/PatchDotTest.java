package org.dina.data;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;

class PatchDotTest {

    @Property(tries = 150)
    void vectorPathMatchesScalarReference(@ForAll @IntRange(min = 1, max = 9) int rows,
                                          @ForAll @IntRange(min = 1, max = 70) int cols,
                                          @ForAll @IntRange(min = 0, max = 13) int extraStrideA,
                                          @ForAll @IntRange(min = 0, max = 5) int offA,
                                          @ForAll @IntRange(min = 0, max = 5) int offB,
                                          @ForAll long seed) {
        Random r = new Random(seed);
        int strideA = cols + extraStrideA, strideB = cols;
        MemorySegment a = fill(Arena.ofAuto(), offA + (long) rows * strideA, r);
        MemorySegment b = fill(Arena.ofAuto(), offB + (long) rows * strideB, r);
        float[] lanes = new float[PatchDot.lanes()];
        float v = PatchDot.dot(a, offA, strideA, b, offB, strideB, rows, cols, lanes);
        float s = dotScalar(a, offA, strideA, b, offB, strideB, rows, cols);
        double abs = 0;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                abs += Math.abs(a.getAtIndex(Tensor.FLOAT, offA + (long) i * strideA + j) * b.getAtIndex(Tensor.FLOAT, offB + (long) i * strideB + j));
        assertEquals(s, v, 1e-5 * abs + 1e-6, rows + "x" + cols);
        // and the vector result is reproducible call to call
        assertEquals(Float.floatToIntBits(v), Float.floatToIntBits(PatchDot.dot(a, offA, strideA, b, offB, strideB, rows, cols, lanes)));
    }

    @Example
    void singleElement() {
        MemorySegment a = Arena.ofAuto().allocate(4), b = Arena.ofAuto().allocate(4);
        a.setAtIndex(Tensor.FLOAT, 0, 3f);
        b.setAtIndex(Tensor.FLOAT, 0, -2f);
        assertEquals(-6f, PatchDot.dot(a, 0, 1, b, 0, 1, 1, 1, new float[PatchDot.lanes()]));
    }

    /** Scalar reference for {@link PatchDot#dot}: the same sum, accumulated in one float in row-major order. */
    private static float dotScalar(MemorySegment a, long aOff, int aStride, MemorySegment b, long bOff, int bStride,
                                   int rows, int cols) {
        float s = 0f;
        for (int r = 0; r < rows; r++) {
            long ar = aOff + (long) r * aStride, br = bOff + (long) r * bStride;
            for (int c = 0; c < cols; c++) {
                s += a.getAtIndex(Tensor.FLOAT, ar + c) * b.getAtIndex(Tensor.FLOAT, br + c);
            }
        }
        return s;
    }

    private static MemorySegment fill(Arena arena, long n, Random r) {
        MemorySegment s = arena.allocate(n * Float.BYTES, 64);
        for (long i = 0; i < n; i++) s.setAtIndex(Tensor.FLOAT, i, (float) r.nextGaussian());
        return s;
    }
}
