package org.dina.data;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.dina.tensor.Tensor;

/**
 * Dot product of two rectangular patches (rows x cols) stored row-major with their own row strides: the inner
 * product of a receptive-field filter with the image crop under it, with the Vector API ({@code PatchDotTest}
 * holds the plain reference it is checked against).
 *
 * <p>The vector path never calls {@code reduceLanes}: lanes are summed in a fixed order from a scratch array, so
 * interpreted, C1 and C2 code give the same bits and the simulation stays reproducible.
 */
public final class PatchDot {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private PatchDot() {}

    /** Length of the scratch array {@link #dot} needs. */
    public static int lanes() {
        return S.length();
    }

    /**
     * Σ a[aOff + r*aStride + c] * b[bOff + r*bStride + c] over {@code r < rows}, {@code c < cols}; offsets and
     * strides in float elements. {@code lanes} is caller-owned scratch of length {@link #lanes()} (no allocation
     * here).
     */
    public static float dot(MemorySegment a, long aOff, int aStride, MemorySegment b, long bOff, int bStride,
                            int rows, int cols, float[] lanes) {
        FloatVector acc = FloatVector.zero(S);
        float tail = 0f;
        int upper = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            long ar = aOff + (long) r * aStride, br = bOff + (long) r * bStride;
            int c = 0;
            for (; c < upper; c += S.length()) {
                FloatVector va = FloatVector.fromMemorySegment(S, a, (ar + c) * Float.BYTES, LE);
                FloatVector vb = FloatVector.fromMemorySegment(S, b, (br + c) * Float.BYTES, LE);
                acc = va.fma(vb, acc);
            }
            for (; c < cols; c++) {
                tail = Math.fma(a.getAtIndex(Tensor.FLOAT, ar + c), b.getAtIndex(Tensor.FLOAT, br + c), tail);
            }
        }
        acc.intoArray(lanes, 0);
        float s = tail;
        for (int i = 0; i < S.length(); i++) s += lanes[i];
        return s;
    }
}
