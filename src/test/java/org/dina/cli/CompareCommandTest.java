package org.dina.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** 'dina compare' refuses bad flags with one line and exit code 2, before any training and without writing anything. */
class CompareCommandTest {
    record Outcome(int code, String err) {}

    static Outcome run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        return new Outcome(cl.execute(args), err.toString());
    }

    /** The default config with a small simulated recording (40 images x 10 neurons x 2 repeats). */
    private static Path smallConfig(Path dir) throws Exception {
        Path cfg = dir.resolve("small.yaml");
        String small = Files.readString(Path.of("configs/default.yaml"))
                .replaceFirst("\\{images: \\d+, neurons: \\d+, repeats: \\d+,", "{images: 40, neurons: 10, repeats: 2,");
        if (!small.contains("{images: 40, neurons: 10")) throw new IllegalStateException("configs/default.yaml has no simulation line to shrink");
        Files.writeString(cfg, small);
        return cfg;
    }

    private static void assertOneLine(Outcome o, String expected, Path out) {
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertFalse(Files.exists(out), "nothing may be written for bad input");
    }

    @Test
    void badFlagsAreOneLineExitTwo(@TempDir Path dir) {
        Path out = dir.resolve("c");
        assertOneLine(run("compare", "--folds", "0", "--out", out.toString()), "--folds must be >= 1", out);
        assertOneLine(run("compare", "--seeds", "0", "--out", out.toString()), "--seeds must be >= 1", out);
        assertOneLine(run("compare", "--split", "trials", "--out", out.toString()), "--split must be 'images' or 'repeats'", out);
        assertOneLine(run("compare", "--epochs", "0", "--out", out.toString()), "--epochs must be >= 1", out);
        assertOneLine(run("compare", "--data", dir.resolve("missing").toString(), "--out", out.toString()), "missing", out);
    }

    @Test
    void foldsThatDoNotFitTheDataAreRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Path cfg = smallConfig(dir), out = dir.resolve("c");
        assertOneLine(run("compare", "--config", cfg.toString(), "--folds", "50", "--out", out.toString()), "use fewer folds", out);
        assertOneLine(run("compare", "--config", cfg.toString(), "--split", "repeats", "--folds", "2", "--out", out.toString()),
                "at least 3 repeats", out);
    }

    @Test
    void compareHasHelp() {
        assertEquals(0, run("compare", "--help").code());
    }
}
