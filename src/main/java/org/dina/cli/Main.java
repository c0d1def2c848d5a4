package org.dina.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code dina} command line. */
@Command(name = "dina", mixinStandardHelpOptions = true, version = "dina 0.1.0",
        description = "DINA: align natural images with visual-cortex population responses, decode, and explain.",
        subcommands = {BenchCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
