package org.dina.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.dina.kernels.Parallel;
import org.dina.model.neural.DirectNeuralAttention;
import org.dina.model.neural.NeuralAttention;
import org.dina.model.neural.NeuralAttentionConfig;
import org.dina.model.neural.NeuralAttentionParams;
import org.dina.model.neural.ShortcutNeuralAttention;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the neural token block (forward + backward, tables rebuilt as after an optimizer step).
 *
 * <p>JMH: {@code ./dina jmh NeuralAttentionBench -p impl=shortcut -p shape=500x64}. For the big shapes, where a
 * single step takes seconds and memory matters, the {@link #main} prints phase times and memory instead:
 * {@code java <flags> -cp <test classpath> org.dina.bench.NeuralAttentionBench shortcut 10000 512 1 128 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx8g"})
public class NeuralAttentionBench {
    @Param({"shortcut", "direct"})
    public String impl;
    /** NxD, one head. */
    @Param({"500x64", "1000x512"})
    public String shape;
    @Param({"128"})
    public int batch;

    private Step step;

    @Setup(Level.Trial)
    public void setup() {
        String[] nd = shape.split("x");
        step = new Step(impl, Integer.parseInt(nd[0]), Integer.parseInt(nd[1]), 1, batch);
    }

    @Benchmark
    public float trainingStep() {
        return step.run();
    }

    /** A block with random weights, inputs and upstream gradients, ready to step. */
    static final class Step {
        final NeuralAttention layer;
        final ParameterSet ps;
        final Tensor r, dy;

        Step(String impl, int n, int d, int heads, int batch) {
            ps = new ParameterSet();
            NeuralAttentionParams p = NeuralAttentionParams.declare(ps, new NeuralAttentionConfig(n, d, heads));
            ps.allocate(42);
            layer = impl.equals("direct") ? new DirectNeuralAttention(p) : new ShortcutNeuralAttention(p);
            r = Tensor.zeros(batch, n);
            dy = Tensor.zeros(batch, n);
            SplittableRandom rnd = new SplittableRandom(7);
            for (long i = 0; i < r.numel(); i++) {
                r.setFlat(i, (float) rnd.nextDouble());
                dy.setFlat(i, (float) (rnd.nextDouble() * 2 - 1) / batch);
            }
        }

        float run() {
            if (layer instanceof ShortcutNeuralAttention s) s.invalidate();   // as if the optimizer had stepped
            ps.zeroGrad();
            Tensor y = layer.forward(r);
            Tensor dr = layer.backward(dy);
            return y.getFlat(0) + dr.getFlat(0);
        }
    }

    private static String status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) return line.substring(key.length() + 1).trim();
        }
        return "?";
    }

    /** impl N d heads batch steps: prints one JSON line per step and the memory high-water mark. */
    public static void main(String[] args) throws IOException {
        String impl = args[0];
        int n = Integer.parseInt(args[1]), d = Integer.parseInt(args[2]), heads = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]), steps = Integer.parseInt(args[5]);
        Step step = new Step(impl, n, d, heads, batch);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int k = 0; k < steps; k++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            step.run();
            double sec = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;   // CPU seconds of all threads: independent of other load on the machine
            String phases = "";
            if (step.layer instanceof ShortcutNeuralAttention s) {
                var pt = s.lastPhaseTimes();
                phases = String.format(Locale.ROOT, ", \"tables_s\": %.3f, \"rows_forward_s\": %.3f, \"rows_backward_s\": %.3f, \"gradient_gemm_s\": %.3f, \"table_bytes\": %d",
                        pt.tableNanos() / 1e9, pt.rowForwardNanos() / 1e9, pt.rowBackwardNanos() / 1e9, pt.gradientGemmNanos() / 1e9, s.tableBytes());
            }
            System.out.printf(Locale.ROOT, "{\"impl\": \"%s\", \"N\": %d, \"d\": %d, \"heads\": %d, \"batch\": %d, \"threads\": %d, \"step\": %d, \"step_s\": %.3f, \"cpu_s\": %.3f, \"samples_per_s\": %.1f, \"load_avg\": %.2f%s}%n",
                    impl, n, d, heads, batch, Parallel.threads(), k, sec, cpu, batch / sec, os.getSystemLoadAverage(), phases);
        }
        System.out.printf("{\"VmHWM\": \"%s\", \"VmRSS\": \"%s\", \"heap_max\": %d}%n", status("VmHWM"), status("VmRSS"), Runtime.getRuntime().maxMemory());
    }
}
