package org.dina.perf;

import java.util.List;
import java.util.function.Supplier;

/** Every kernel benchmark of the project; {@code dina bench kernels} runs this list. */
public final class AllKernelBenchmarks {
    /** One line per kernel family: add yours here. */
    private static final List<Supplier<List<KernelBenchmark>>> SUITES = List.of(
            GemmBenchmarks::all,
            AllKernelBenchmarks::conv,
            AllKernelBenchmarks::attention);

    private AllKernelBenchmarks() {}

    /**
     * The image tower's convolutions at batch 32, forward and backward (input plus weight gradient), with their
     * minimum memory traffic, so that each is measured against its roofline.
     */
    static List<KernelBenchmark> conv() {
        List<KernelBenchmark> out = new java.util.ArrayList<>();
        for (Object[] shape : ConvBenchmarks.shapes()) {
            ConvBenchmarks.Workload w = ConvBenchmarks.prepare(shape, 32, 1);
            String name = "B32 " + shape[0];
            out.add(new KernelBenchmark("conv2d_forward", name, w.forwardFlops(), w.forwardBytes(), () -> {}, w::forward));
            out.add(new KernelBenchmark("conv2d_backward", name, w.backwardFlops(), w.backwardBytes(), () -> {}, w::backward));
        }
        return out;
    }

    /** Flash-style attention over 4,096 tokens of width 64 (one head), forward and forward + backward. */
    static List<KernelBenchmark> attention() {
        AttentionBenchmarks.Spec spec = AttentionBenchmarks.tokens4096Width64();
        AttentionBenchmarks.Workload w = spec.prepare(1);
        String shape = spec.batch() + "x" + spec.tokens() + "x" + spec.width() + " heads " + spec.heads();
        return List.of(
                new KernelBenchmark("attention_forward", shape, spec.forwardFlops(), () -> {}, w::forward),
                new KernelBenchmark("attention_forward_backward", shape, spec.forwardBackwardFlops(), () -> {}, w::forwardBackward));
    }

    public static List<KernelBenchmark> all() {
        return SUITES.stream().flatMap(s -> s.get().stream()).toList();
    }
}
