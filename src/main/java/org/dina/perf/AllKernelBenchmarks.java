package org.dina.perf;

import java.util.List;
import java.util.function.Supplier;

/** Every kernel benchmark of the project; {@code dina bench kernels} runs this list. */
public final class AllKernelBenchmarks {
    /** One line per kernel family: add yours here. */
    private static final List<Supplier<List<KernelBenchmark>>> SUITES = List.of(
            GemmBenchmarks::all);

    private AllKernelBenchmarks() {}

    public static List<KernelBenchmark> all() {
        return SUITES.stream().flatMap(s -> s.get().stream()).toList();
    }
}
