package org.dina.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dina.cli.Main;
import org.dina.data.DataSource;
import org.dina.data.SimulatedV1;
import org.dina.data.formats.NpyArray;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;
import org.dina.testing.TorchPython;
import org.dina.data.ResponseNormalizer;
import org.dina.model.DinaModel;
import org.dina.train.Checkpoint;
import org.dina.train.RunFolder;
import org.dina.train.SafeTensors;
import org.dina.train.TrainingData;
import org.dina.train.TrainingState;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Weights that travel: paper.yaml's model (the release's shapes, on a small simulated population) trained for one
 * epoch, exported with {@code dina export --format release}, loaded by the release's own PyTorch modules
 * (bench/golden/release_model.py via check_export.py), whose maps must equal {@code dina maps} on the same inputs to
 * 1e-4; imported back, it must give the same maps bit for bit. Bad input is one line, exit 2, nothing written.
 */
class ReleaseExchangeTest {
    static final List<String> TINY = List.of("data.simulation={images: 40, neurons: 20, repeats: 2, undrivenFraction: 0.3, noise: 0.6}",
            "data.validationFraction=0.2", "data.testFraction=0.2", "train.batch=16", "train.epochs=1");
    @TempDir static Path dir;
    static Path run, exported, maps;

    @BeforeAll
    static void trainExportAndMap() throws Exception {
        DinaConfig cfg = ConfigFiles.builtIn("paper", TINY);
        run = dir.resolve("run");
        TrainingRun.run(cfg, SimulatedV1.generate(cfg.simulationConfig()).dataset(), DataSource.simulated(), run, false);
        exported = dir.resolve("export");
        maps = dir.resolve("maps");
        assertEquals(0, cli("export", "--run", run.toString(), "--format", "release", "--out", exported.toString()).code);
        assertEquals(0, cli("maps", "--run", run.toString(), "--out", maps.toString()).code);
    }

    @Test
    void exportLoadsIntoTheReleaseModulesAndGivesTheSameMaps() throws Exception {
        TorchPython.assumeInstalled();
        TorchPython.Result r = TorchPython.run(dir, "bench/golden/check_export.py", exported.toString(), maps.toString(), "--tol", "1e-4");
        System.out.println("release modules vs dina maps: " + r.output().strip());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("max_dev"), r.output());
    }

    @Test
    void exportHasTheReleaseKeysAndShapes() throws Exception {
        SafeTensors.Contents image = SafeTensors.read(exported.resolve(ReleaseExport.IMAGE_FILE));
        SafeTensors.Contents neural = SafeTensors.read(exported.resolve(ReleaseExport.NEURAL_FILE));
        assertArrayEquals(new int[] {64, 1, 4, 4}, image.get("base.patch_embed1.proj.weight").shape());
        assertArrayEquals(new int[] {192, 64}, image.get("base.blocks2.3.cross_channel_up_sa.weight").shape());
        assertArrayEquals(new int[] {128}, image.get("base.blocks2.3.norm2.running_var").shape());
        assertArrayEquals(new int[] {1, 128, 1, 1}, image.get("my_conv.weight").shape());
        assertEquals(7 * 4, image.int64().keySet().stream().filter(k -> k.endsWith("num_batches_tracked")).count());
        assertArrayEquals(new int[] {512, 1}, neural.get("embedding.embedding_layers.19.weight").shape());
        assertArrayEquals(new int[] {1, 512}, neural.get("ff.embedding_layers.0.weight").shape());
        assertArrayEquals(new int[] {512, 512}, neural.get("attention.w_v.weight").shape());
        assertArrayEquals(new int[] {2048, 20}, neural.get("ff1.0.weight").shape());
        assertArrayEquals(new int[] {256}, neural.get("ff1.2.bias").shape());
        assertFalse(neural.tensors().containsKey("embedding.embedding_layers.20.weight"));
    }

    @Test
    void mapsHaveTheDocumentedShapes() throws Exception {
        int[] in = NpyArray.open(maps.resolve(MapsExport.IMAGE_INPUTS)).shape();
        assertEquals(4, in.length);
        assertArrayEquals(new int[] {in[0], 1, 68, 270}, in);
        int[] neuralIn = NpyArray.open(maps.resolve(MapsExport.NEURAL_INPUTS)).shape();
        assertArrayEquals(new int[] {neuralIn[0], 20}, neuralIn);
        assertArrayEquals(new int[] {in[0], 16, 64}, NpyArray.open(maps.resolve(MapsExport.IMAGE_MAPS)).shape());
        assertArrayEquals(new int[] {neuralIn[0], 16, 64}, NpyArray.open(maps.resolve(MapsExport.NEURAL_MAPS)).shape());
        Path all = dir.resolve("maps-all");
        assertEquals(0, cli("maps", "--run", run.toString(), "--out", all.toString(), "--split", "all").code);
        assertEquals(40, NpyArray.open(all.resolve(MapsExport.IMAGE_MAPS)).shape()[0]);
        assertEquals(80, NpyArray.open(all.resolve(MapsExport.NEURAL_INPUTS)).shape()[0]);
    }

    @Test
    void importedExportGivesTheSameMapsBitForBit() throws Exception {
        Path imported = dir.resolve("imported"), again = dir.resolve("maps-again");
        List<String> args = new ArrayList<>(List.of("import", "--image", exported.resolve(ReleaseExport.IMAGE_FILE).toString(),
                "--neural", exported.resolve(ReleaseExport.NEURAL_FILE).toString(), "--out", imported.toString()));
        for (String s : TINY) args.addAll(List.of("--set", s));
        Outcome o = cli(args.toArray(String[]::new));
        assertEquals(0, o.code, o.err);
        assertEquals(0, cli("maps", "--run", imported.toString(), "--out", again.toString()).code);
        for (String f : List.of(MapsExport.IMAGE_MAPS, MapsExport.NEURAL_MAPS, MapsExport.NEURAL_INPUTS)) {
            assertArrayEquals(Files.readAllBytes(maps.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
    }

    @Test
    void modelsTheReleaseCannotExpressAreRefused() throws Exception {
        DinaConfig cfg = ConfigFiles.builtIn("paper", concat(TINY, "model.mapChannels=2", "model.neuralMlp=[2048, 512, 512]"));
        // an untrained run folder is enough: export refuses before it looks at any weight
        Path other = dir.resolve("two-maps");
        var data = SimulatedV1.generate(cfg.simulationConfig()).dataset();
        RunFolder folder = RunFolder.create(other);
        Checkpoint.save(folder.bestCheckpoint(), new DinaModel(cfg, data.neuronCount()),
                ResponseNormalizer.fit(data, TrainingData.split(cfg, data).trainTrials()), null, TrainingState.start());
        Path out = dir.resolve("refused");
        assertOneLine(cli("export", "--run", other.toString(), "--out", out.toString()), "mapChannels is 2");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badInputIsOneLineWithExitCode2AndNothingWritten() throws Exception {
        Path out = dir.resolve("bad");
        assertOneLine(cli("export", "--run", run.toString(), "--out", out.toString(), "--format", "onnx"), "--format must be release");
        assertOneLine(cli("maps", "--run", run.toString(), "--out", out.toString(), "--split", "train"), "--split must be test or all");
        assertOneLine(cli("export", "--run", dir.resolve("nope").toString(), "--out", out.toString()), "no such run folder");
        // a maps file is no state dict; a neural file for 20 neurons does not fit 30
        assertOneLine(cli("import", "--image", maps.resolve(MapsExport.IMAGE_MAPS).toString(), "--out", out.toString()),
                "image_maps.npy", "not a valid safetensors file");
        List<String> wrongNeurons = new ArrayList<>(List.of("import", "--neural", exported.resolve(ReleaseExport.NEURAL_FILE).toString(),
                "--out", out.toString(), "--set", "data.simulation={images: 40, neurons: 30, repeats: 2, undrivenFraction: 0.3, noise: 0.6}"));
        assertOneLine(cli(wrongNeurons.toArray(String[]::new)), "neural_tower.safetensors", "a different neuron count");
        assertOneLine(cli("import", "--out", out.toString()), "give --image, --neural or both");
        assertFalse(Files.exists(out), "nothing written");
    }

    private static void assertOneLine(Outcome o, String... fragments) {
        assertEquals(Main.BAD_INPUT, o.code, o.err);
        assertEquals(1, o.err.strip().lines().count(), "one line: " + o.err);
        for (String f : fragments) assertTrue(o.err.contains(f), "'" + f + "' in: " + o.err);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    record Outcome(int code, String err) {}

    static Outcome cli(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, err.toString());
    }
}
