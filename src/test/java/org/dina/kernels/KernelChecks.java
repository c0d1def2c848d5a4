package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.dina.tensor.Tensor;

/** Helpers shared by the kernel tests: random data, comparisons, and running code at a given thread count. */
public final class KernelChecks {
    private KernelChecks() {}

    /** n values uniform in (-scale, scale) plus {@code shift}, from {@code r}. */
    public static Tensor random(SplittableRandom r, int n, double scale, double shift) {
        Tensor t = Tensor.zeros(Math.max(n, 0));
        for (int i = 0; i < n; i++) t.setFlat(i, (float) ((r.nextDouble() * 2 - 1) * scale + shift));
        return t;
    }

    public static Tensor random(SplittableRandom r, int n) {
        return random(r, n, 1, 0);
    }

    /** Same bits element by element (NaN payloads aside). */
    public static void assertBitEqual(String what, Tensor expected, Tensor actual) {
        float[] e = expected.toArray(), a = actual.toArray();
        if (e.length != a.length) fail(what + ": " + a.length + " values, expected " + e.length);
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
                fail(what + "[" + i + "]: " + a[i] + " but expected bit-identical " + e[i]);
            }
        }
    }

    /** |actual - expected| <= atol + rtol * |expected| everywhere (NaN only where NaN is expected). */
    public static void assertClose(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        float[] e = expected.toArray(), a = actual.toArray();
        if (e.length != a.length) fail(what + ": " + a.length + " values, expected " + e.length);
        for (int i = 0; i < e.length; i++) {
            if (Float.isNaN(e[i]) && Float.isNaN(a[i])) continue;
            if (e[i] == a[i]) continue; // infinities
            double tol = atol + rtol * Math.abs(e[i]);
            if (!(Math.abs((double) a[i] - e[i]) <= tol)) {
                fail(what + "[" + i + "]: " + a[i] + " but expected " + e[i] + " (tolerance " + tol + ")");
            }
        }
    }

    /** Runs {@code body} with the given worker count, then puts the previous count back. */
    public static <T> T withThreads(int threads, Supplier<T> body) {
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            return body.get();
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Runs {@code compute} (which returns its output) with 1 and with 2 threads and asserts the outputs are bit-identical. */
    public static void assertSameBitsWithOneAndTwoThreads(String what, Supplier<Tensor> compute) {
        Tensor one = withThreads(1, () -> compute.get().copy());
        Tensor two = withThreads(2, () -> compute.get().copy());
        assertBitEqual(what + " (1 vs 2 threads)", one, two);
    }
}
