package org.dina.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.dina.progress.Progress;
import org.dina.report.Figure;
import org.dina.train.TrainingDiverged;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code dina} command line. */
@Command(name = "dina", mixinStandardHelpOptions = true, version = "dina 0.1.0",
        description = "DINA: align natural images with visual-cortex population responses, decode, and explain.",
        footer = "Speed measurements (dina bench) are not part of the product; from a source checkout: ./dina bench --help",
        subcommands = {DemoCommand.class, TrainCommand.class, EvalCommand.class, CompareCommand.class, AnalyzeCommand.class,
                InspectCommand.class, ExportCommand.class, ImportCommand.class, MapsCommand.class, SweepCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input (files, flags, configs). */
    public static final int BAD_INPUT = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        run(commandLine(), args);
    }

    /** Executes {@code args} on a command line made by {@link #commandLine} and exits with its code. */
    public static void run(CommandLine cl, String[] args) {
        // the command line only draws figures into files; on a desktop AWT would otherwise connect to the display
        // (and show a dock icon on macOS) when the first report figure is drawn. Set here, not in the report
        // package, so that a program using the library keeps AWT's own choice.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        try {
            System.exit(cl.execute(args));
        } catch (OutOfMemoryError e) {
            // picocli hands only exceptions to the handler; running out of off-heap memory is the data's size, not a bug
            String msg = describe(e);
            if (msg == null) throw e;
            System.err.println("dina: " + msg);
            System.exit(BAD_INPUT);
        }
    }

    /**
     * The configured command line: user errors become one line on stderr and exit code 2; long work shows a bar on stderr.
     * {@code extraSubcommands} join the product's commands under {@code dina} (the benchmarks in src/bench add
     * {@code bench} this way, so that the product never depends on them).
     */
    public static CommandLine commandLine(Object... extraSubcommands) {
        Progress.render(ProgressBar.ON_STDERR);
        CommandLine cl = new CommandLine(new Main());
        for (Object c : extraSubcommands) cl.addSubcommand(c);
        // an unknown option or a bad value: one line and a pointer to --help, not the whole usage text
        cl.setParameterExceptionHandler((e, args) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            e.getCommandLine().getErr().println("dina: " + oneLine(e.getMessage()) + " (see '" + command + " --help')");
            e.getCommandLine().getErr().flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            String msg = describe(e);
            if (msg != null) {
                line.getErr().println("dina: " + oneLine(msg));
                line.getErr().flush();
                return BAD_INPUT;
            }
            throw e;
        });
        return cl;
    }

    /** One line for errors caused by the user's input, or null for bugs (which keep their stack trace). */
    static String describe(Throwable e) {
        if (e instanceof UserError || e instanceof TrainingDiverged || e instanceof Figure.FontsUnavailable) return e.getMessage();
        if (e instanceof OutOfMemoryError && String.valueOf(e.getMessage()).contains("direct buffer memory")) {
            return "out of off-heap memory (" + e.getMessage() + "); raise the limit with DINA_JAVA_OPTS=-XX:MaxDirectMemorySize=<size> "
                    + "or use a smaller batch, model or dataset";
        }
        if (e instanceof UncheckedIOException u) return u.getCause().getMessage();
        if (e instanceof IOException) return e.getMessage();
        return null;
    }

    /** Library messages (JSON parsers, the file system) may span lines; ours never do. */
    static String oneLine(String s) {
        return String.valueOf(s).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
