package org.dina.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dina.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Plans expand in a fixed order, and a bad plan is one line naming the file, exit code 2, nothing written. */
class SweepPlanFileTest {
    @TempDir Path dir;

    @Test
    void tasksComeInPlanOrderWithTheLastGridKeyFastest() throws Exception {
        Path plan = TinyPlans.write(dir, "grid:\n  loss.temperature: [0.1, 0.05]\n  model.neuralDim: [8, 16]\nfolds: 2\nseeds: [3, 4]\n");
        SweepPlan p = SweepPlanFile.read(plan);
        assertEquals(List.of(Map.of("loss.temperature", "0.1", "model.neuralDim", "8"), Map.of("loss.temperature", "0.1", "model.neuralDim", "16"),
                Map.of("loss.temperature", "0.05", "model.neuralDim", "8"), Map.of("loss.temperature", "0.05", "model.neuralDim", "16")), p.gridPoints());
        List<SweepTask> tasks = p.tasks();
        assertEquals(4 * 2 * 2, tasks.size());
        assertEquals("simulated-g1-seed3-fold1", tasks.get(0).id());
        assertEquals("simulated-g1-seed3-fold2", tasks.get(1).id());
        assertEquals("simulated-g1-seed4-fold1", tasks.get(2).id());
        assertEquals("simulated-g4-seed4-fold2", tasks.getLast().id());
        assertTrue(tasks.get(2).assignments().containsAll(List.of("loss.temperature=0.1", "model.neuralDim=8", "seed=4")));
    }

    @Test
    void badPlansAreOneLineExitTwoAndWriteNothing() throws Exception {
        assertRefused(dir.resolve("missing.yaml"), "plan file not found");
        assertRefused(plan("folds: 2\nbogus: 1\n"), "unknown key 'bogus'");
        assertRefused(plan("folds: 0\n"), "folds must be an integer >= 1");
        assertRefused(plan("seeds: []\n"), "seeds must be a non-empty list");
        assertRefused(plan("seeds: [1, 1]\n"), "seed 1 is listed twice");
        assertRefused(plan("grid:\n  model.neuralDim: []\n"), "grid key model.neuralDim needs a non-empty list");
        assertRefused(plan("grid:\n  model.noSuchKey: [1, 2]\n"), "grid point {model.noSuchKey=1}");
        assertRefused(plan("recordings: [nowhere.mat]\n"), "recording nowhere.mat: no such file or folder");
        assertRefused(plan("recordings: [simulated, simulated]\n"), "two recordings share the name 'simulated'");
        assertRefused(plan("grid: [1, 2\n"), "not valid YAML");
    }

    private Path plan(String rest) throws Exception {
        return TinyPlans.write(dir, rest);
    }

    private void assertRefused(Path plan, String expected) {
        Path out = dir.resolve("out");
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("sweep", "--plan", plan.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, code, err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains(expected), err.toString());
        assertTrue(err.toString().contains(plan.getFileName().toString()), "the error names the plan file: " + err);
        assertFalse(Files.exists(out), "nothing may be written for a bad plan");
    }
}
