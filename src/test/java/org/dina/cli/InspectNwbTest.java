package org.dina.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dina.data.formats.NwbFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dina inspect} on NWB files lists what it found and chose; bad files and options get one line and exit 2. */
class InspectNwbTest {
    @TempDir Path dir;

    private record Run(int code, String out, String err) { }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsSeriesTablesTemplatesAndTheChoice() throws Exception {
        Path f = NwbFixtures.copy(NwbFixtures.TWO_PLANES, dir);
        Run r = run("inspect", f.toString(), "--baseline", "-0.5:0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("format      nwb"), r.out());
        assertTrue(r.out().contains("responses (chosen): processing/ophys/DfOverF/plane1"), r.out());
        assertTrue(r.out().contains("responses passed over: processing/ophys/Fluorescence/plane0"), r.out());
        assertTrue(r.out().contains("presentations: stimulus/presentation/natural_images_index IndexSeries"), r.out());
        assertTrue(r.out().contains("templates (chosen): stimulus/templates/natural_images Images, 6 images of 6x8"), r.out());
        assertTrue(r.out().contains("baseline -0.500000:0.00000 s"), r.out());
    }

    @Test
    void badFilesAndOptionsAreOneLineAndExitTwo() throws Exception {
        for (String name : new String[] {NwbFixtures.MISSING_TABLE, NwbFixtures.INDEX_OUT_OF_RANGE, NwbFixtures.NON_MONOTONIC}) {
            Path f = NwbFixtures.copy(name, dir);
            Run r = run("inspect", f.toString());
            assertEquals(Main.BAD_INPUT, r.code(), name);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(f.toString()), r.err());
        }
        Path ok = NwbFixtures.copy(NwbFixtures.ALLEN, dir);
        Run r = run("inspect", ok.toString(), "--window", "0.5");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--window must look like START:END"), r.err());
    }

    @Test
    void natimg2800TrainsWithSpontPcs() throws Exception {
        Path rec = org.dina.data.formats.SpontaneousProjectionFiles.recording(dir);
        Path out = dir.resolve("natimg-run");
        Run r = run("train", "--config", "configs/antolik.yaml", "--data", rec.toString(), "--out", out.toString(),
                "--epochs", "1", "--set", "data.split=repeats", "--spont-pcs", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out.resolve("data.json")).contains("\"spontPcs\" : 1"), Files.readString(out.resolve("data.json")));
    }

    @Test
    void trainsOnTheAllenLayout() throws Exception {
        Path f = NwbFixtures.copy(NwbFixtures.ALLEN, dir);
        Path out = dir.resolve("run");
        Run r = run("train", "--config", "configs/antolik.yaml", "--data", f.toString(), "--out", out.toString(),
                "--epochs", "1", "--set", "data.split=repeats");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
        assertTrue(Files.readString(out.resolve("data.json")).contains("ophys_experiment_000000001.nwb"));
    }

    @Test
    void severalFilesOfOneSubjectInspectTrainAndEvaluate() throws Exception {
        Path folder = NwbFixtures.copyFolder(NwbFixtures.SESSIONS, dir);
        Run r = run("inspect", folder.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 files joined: 2 session(s), 3 planes, 9 neurons, 11 trials"), r.out());
        assertTrue(r.out().contains("session 2: sub-01_ses-2_plane-0.nwb + sub-01_ses-2_plane-1.nwb"), r.out());
        // named one by one, comma-separated: train, then eval finds the same files again
        String list = folder.resolve("sub-01_ses-1.nwb") + "," + folder.resolve("sub-01_ses-2_plane-0.nwb") + ","
                + folder.resolve("sub-01_ses-2_plane-1.nwb");
        Path out = dir.resolve("joined-run");
        r = run("train", "--config", "configs/antolik.yaml", "--data", list, "--out", out.toString(), "--epochs", "1",
                "--set", "data.split=repeats");
        assertEquals(0, r.code(), r.err());
        r = run("eval", "--run", out.toString());
        assertEquals(0, r.code(), r.err());

        Path two = NwbFixtures.copyFolder(NwbFixtures.TWO_SUBJECTS, dir);
        r = run("inspect", two.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("only files of one subject are joined"), r.err());
    }
}
