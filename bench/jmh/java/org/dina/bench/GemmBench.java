package org.dina.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dina.kernels.Gemm;
import org.dina.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM C = op(A) op(B), square, in the transposes layers use (NN forward of a conv/linear backward, NT linear
 * forward, TN weight gradient). Run: {@code ./dina jmh GemmBench -f 1 -wi 2 -i 3}; GFLOP/s = 2 n^3 / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {
    @Param({"512"})
    public int size;

    private Tensor a, b, c;

    @Setup
    public void setup() {
        Random r = new Random(1);
        a = random(r, size, size);
        b = random(r, size, size);
        c = Tensor.zeros(size, size);
    }

    private static Tensor random(Random r, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextFloat() - 0.5f;
        return Tensor.of(v, rows, cols);
    }

    @Benchmark
    public Tensor nn() {
        Gemm.matmul(a, false, b, false, c, 1f, 0f);
        return c;
    }

    @Benchmark
    public Tensor nt() {
        Gemm.matmul(a, false, b, true, c, 1f, 0f);
        return c;
    }

    @Benchmark
    public Tensor tn() {
        Gemm.matmul(a, true, b, false, c, 1f, 0f);
        return c;
    }
}
