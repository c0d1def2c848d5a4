package org.dina.perf;

import org.dina.cli.Main;
import picocli.CommandLine;

/**
 * The {@code dina} command line with {@code dina bench} added: what {@code ./dina bench ...} runs. The benchmarks are
 * compiled with the tests (src/bench), never into the product jar, so the product's {@link Main} cannot list them.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        Main.run(commandLine(), args);
    }

    /** The product's command line, with its error handling, plus {@link BenchCommand}. */
    public static CommandLine commandLine() {
        return Main.commandLine(new BenchCommand());
    }
}
