package org.dina.perf;

import java.util.List;
import java.util.Random;
import org.dina.kernels.Gemm;
import org.dina.tensor.Tensor;

/** GEMM shapes worth watching: square in every transpose, and the skinny shapes of the towers' layers. */
public final class GemmBenchmarks {
    private GemmBenchmarks() {}

    public static List<KernelBenchmark> all() {
        return List.of(
                gemm(false, false, 512, 512, 512),
                gemm(false, true, 512, 512, 512),
                gemm(true, false, 512, 512, 512),
                gemm(true, true, 512, 512, 512),
                gemm(false, false, 128, 2048, 512),
                gemm(false, true, 128, 2048, 512),
                gemm(true, false, 2048, 2048, 128),
                gemm(false, false, 1, 2048, 2048),
                gemm(false, true, 1, 2048, 2048));
    }

    /**
     * C (m x n) = op(A) op(B) with random operands; "gemm_NT" means A as stored, B transposed. Minimum traffic: A
     * and B read once, C written once.
     */
    public static KernelBenchmark gemm(boolean transA, boolean transB, int m, int n, int k) {
        Operands o = new Operands(transA, transB, m, n, k);
        return new KernelBenchmark("gemm_" + (transA ? "T" : "N") + (transB ? "T" : "N"), m + "x" + n + "x" + k,
                2.0 * m * n * k, 4.0 * ((double) m * k + (double) k * n + (double) m * n), o::allocate, o::multiply);
    }

    /** Inputs of one GEMM benchmark, allocated by setup so that listing benchmarks costs no memory. */
    private static final class Operands {
        private final boolean transA, transB;
        private final int m, n, k;
        private Tensor a, b, c;

        Operands(boolean transA, boolean transB, int m, int n, int k) {
            this.transA = transA; this.transB = transB; this.m = m; this.n = n; this.k = k;
        }

        void allocate() {
            Random r = new Random(1);
            a = random(r, transA ? k : m, transA ? m : k);
            b = random(r, transB ? n : k, transB ? k : n);
            c = Tensor.zeros(m, n);
        }

        void multiply() {
            Gemm.matmul(a, transA, b, transB, c, 1f, 0f);
        }

        private static Tensor random(Random r, int rows, int cols) {
            float[] v = new float[rows * cols];
            for (int i = 0; i < v.length; i++) v[i] = r.nextFloat() - 0.5f;
            return Tensor.of(v, rows, cols);
        }
    }
}
