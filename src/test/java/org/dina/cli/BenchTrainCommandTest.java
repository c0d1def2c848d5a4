package org.dina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dina bench train} is registered and turns bad options into one-line errors (nothing is timed here). */
class BenchTrainCommandTest {
    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
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
