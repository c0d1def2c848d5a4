package org.dina.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliErrorsTest {
    record Outcome(int code, String err) {}

    static Outcome run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, err.toString());
    }

    @Test
    void badConfigIsOneLineExitTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, Files.readString(Path.of("configs/default.yaml")).replace("heads: 1", "heads: 0"));
        Path out = dir.resolve("run");
        Outcome o = run("train", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(cfg.toString()) && o.err().contains("heads"), o.err());
        assertFalse(Files.exists(out), "nothing may be written for bad input");
    }

    @Test
    void missingRunFolderIsOneLine(@TempDir Path dir) {
        Outcome o = run("eval", "--run", dir.resolve("nope").toString());
        assertEquals(Main.BAD_INPUT, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("nope"), o.err());
    }

    @Test
    void aJdkWithoutFontsIsOneLineNotAStackTrace() {
        String why = "cannot draw figures: java.awt finds no usable fonts (InternalError: Fontconfig head is null); install fonts";
        assertEquals(why, Main.describe(new org.dina.report.Figure.FontsUnavailable(why)));
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"train", "eval", "demo", "analyze"}) {
            assertEquals(0, run(c, "--help").code(), c);
        }
    }
}
