package org.dina.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.dina.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dina bench train} is registered and turns bad options into one-line errors (nothing is timed here). */
class BenchTrainCommandTest {
    private static String[] run(String... args) {
        CommandLine cl = BenchMain.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void onlyTheBenchCommandLineHasBench() {
        assertFalse(Main.commandLine().getSubcommands().containsKey("bench"), "the product's command line must not reach src/bench");
        CommandLine bench = BenchMain.commandLine().getSubcommands().get("bench");
        assertEquals(java.util.Set.of("kernels", "train", "nwb"), bench.getSubcommands().keySet());
        assertEquals("0", run("bench", "--help")[0]);
    }

    @Test
    void unknownCaseIsOneLineExitTwo() {
        String[] r = run("bench", "train", "--case", "paper-2k");
        assertEquals(Integer.toString(Main.BAD_INPUT), r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].contains("paper-2k") && r[2].contains("paper-10k"), r[2]);
    }

    @Test
    void badStepCountIsRejected() {
        assertEquals(Integer.toString(Main.BAD_INPUT), run("bench", "train", "--case", "default", "--steps", "0")[0]);
    }

    @Test
    void helpListsTheCases() {
        String[] r = run("bench", "train", "--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("--case") && r[1].contains("paper-10k") && r[1].contains("--json"), r[1]);
    }
}
