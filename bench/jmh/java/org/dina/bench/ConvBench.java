package org.dina.bench;

import java.util.concurrent.TimeUnit;
import org.dina.perf.ConvBenchmarks;
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
 * Conv2d on the image tower's shapes at batch 32 (see {@link ConvBenchmarks#shapes()}). GFLOP/s = flops / time with
 * forward flops 2*B*Cout*Hout*Wout*Cin/groups*kh*kw and backward flops twice that. Run: {@code ./dina jmh ConvBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ConvBench {
    @Param({"patch1 1->64 k4s4", "dw3x3 64 @17x67", "1x1 64->64 @17x67", "1x1 64->256 @17x67", "1x1 256->64 @17x67",
            "patch2 64->128 k2s2", "dw3x3 128 @8x33", "1x1 128->128 @8x33", "1x1 128->512 @8x33", "1x1 512->128 @8x33"})
    public String shape;

    @Param({"32"})
    public int batch;

    private ConvBenchmarks.Workload work;

    @Setup
    public void setup() {
        work = ConvBenchmarks.prepare(ConvBenchmarks.shape(shape), batch, 1);
    }

    @Benchmark
    public void forward() {
        work.forward();
    }

    @Benchmark
    public void backward() {
        work.backward();
    }
}
