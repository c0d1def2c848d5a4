package org.dina.perf;

import picocli.CommandLine.Command;

/** {@code dina bench ...}: speed measurements (kernels, training). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed: kernels, training throughput, NWB reading.", subcommands = {BenchKernelsCommand.class, BenchTrainCommand.class, BenchNwbCommand.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
