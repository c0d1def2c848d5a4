package org.dina.bench;

import java.util.concurrent.TimeUnit;
import org.dina.perf.AttentionBenchmarks;
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
 * Flash-style attention on one long sequence: batch 1, 4096 tokens, width 64, one head by default.
 *
 * <p>GFLOP/s from the reported time t (ms): forward 4 * L^2 * width / t / 1e6 (4.295 GFLOP at L = 4096, width 64);
 * forward + backward 3.5 times that (the usual flash-attention count; the kernel executes 4.5 times the forward).
 * Run: {@code ./dina jmh AttentionBench -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class AttentionBench {
    @Param({"4096"})
    public int tokens;

    @Param({"64"})
    public int width;

    @Param({"1"})
    public int heads;

    private AttentionBenchmarks.Workload work;

    @Setup
    public void setup() {
        work = new AttentionBenchmarks.Spec("jmh", 1, tokens, width, heads).prepare(1);
    }

    @Benchmark
    public Tensor forward() {
        return work.forward();
    }

    @Benchmark
    public Tensor forwardBackward() {
        return work.forwardBackward();
    }
}
