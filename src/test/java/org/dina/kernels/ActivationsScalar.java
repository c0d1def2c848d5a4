package org.dina.kernels;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/** Plain single-threaded scalar twins of the {@link Activations} kernels (same formulas, one element at a time). */
public final class ActivationsScalar {
    private ActivationsScalar() {}

    public static void erf(MemorySegment x, long xOff, MemorySegment out, long outOff, int n) {
        for (int i = 0; i < n; i++) put(out, outOff + i, Activations.erf(get(x, xOff + i)));
    }

    public static void gelu(MemorySegment x, long xOff, MemorySegment y, long yOff, int n) {
        for (int i = 0; i < n; i++) put(y, yOff + i, Activations.gelu(get(x, xOff + i)));
    }

    public static void geluBackward(MemorySegment x, long xOff, MemorySegment dy, long dyOff,
                                    MemorySegment dx, long dxOff, int n) {
        for (int i = 0; i < n; i++) {
            put(dx, dxOff + i, Activations.geluDerivative(get(x, xOff + i)) * get(dy, dyOff + i));
        }
    }

    public static void geluOutputAndDerivative(MemorySegment x, long xOff, MemorySegment y, long yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = get(x, xOff + i);
            put(y, yOff + i, Activations.gelu(v));
            put(x, xOff + i, Activations.geluDerivative(v));
        }
    }

    public static void relu(MemorySegment x, long xOff, MemorySegment y, long yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = get(x, xOff + i);
            put(y, yOff + i, v > 0f || Float.isNaN(v) ? v : 0f);
        }
    }

    public static void reluBackward(MemorySegment y, long yOff, MemorySegment dy, long dyOff,
                                    MemorySegment dx, long dxOff, int n) {
        for (int i = 0; i < n; i++) put(dx, dxOff + i, get(y, yOff + i) > 0f ? get(dy, dyOff + i) : 0f);
    }

    private static float get(MemorySegment s, long element) { return s.getAtIndex(Tensor.FLOAT, element); }

    private static void put(MemorySegment s, long element, float v) { s.setAtIndex(Tensor.FLOAT, element, v); }
}
