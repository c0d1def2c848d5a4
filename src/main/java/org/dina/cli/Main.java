package org.dina.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code dina} command line. */
@Command(name = "dina", mixinStandardHelpOptions = true, version = "dina 0.1.0",
        description = "DINA: align natural images with visual-cortex population responses, decode, and explain.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvalCommand.class, CompareCommand.class, AnalyzeCommand.class,
                InspectCommand.class, BenchCommand.class, ExportCommand.class, ImportCommand.class, MapsCommand.class, SweepCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input (files, flags, configs). */
    public static final int BAD_INPUT = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: user errors become one line on stderr and exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            String msg = describe(e);
            if (msg != null) {
                line.getErr().println("dina: " + msg);
                line.getErr().flush();
                return BAD_INPUT;
            }
            throw e;
        });
        return cl;
    }

    /** One line for errors caused by the user's input, or null for bugs (which keep their stack trace). */
    static String describe(Throwable e) {
        if (e instanceof UserError) return e.getMessage();
        if (e instanceof UncheckedIOException u) return u.getCause().getMessage();
        if (e instanceof IOException) return e.getMessage();
        return null;
    }
}
