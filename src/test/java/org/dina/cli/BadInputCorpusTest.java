package org.dina.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dina.data.formats.RecordingFixtures;
import org.dina.train.Checkpoint;
import org.dina.train.SafeTensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad input over every command, run through {@link Main} in-process: each case must end with exactly one line on
 * stderr that names the file or option and the problem, exit code 2, and no file created or changed.
 */
class BadInputCorpusTest {
    @TempDir static Path root;
    static Path tinyConfig, goodData, goodRun;

    /** A case: builds its inputs inside {@code dir} and returns the command's arguments. */
    interface Setup {
        String[] args(Path dir) throws Exception;
    }

    record Case(String name, Setup setup, String... mustMention) {}

    record Outcome(int code, String err) {}

    @BeforeAll
    static void trainAGoodRun() throws Exception {
        tinyConfig = root.resolve("tiny.yaml");
        Files.writeString(tinyConfig, TINY_YAML);
        goodData = recording(root.resolve("good"), 12, 2, 6, (t, n) -> Math.sin(t * 0.7 + n * 1.3) + 1);
        goodRun = root.resolve("good-run");
        Outcome o = run("train", "--config", tinyConfig.toString(), "--data", goodData.toString(), "--out", goodRun.toString());
        assertEquals(0, o.code(), o.err());
    }

    static final String TINY_YAML = """
            name: tiny
            seed: 3
            data:
              simulation: {images: 40, neurons: 12, repeats: 2, undrivenFraction: 0.3, noise: 0.3}
              split: images
              trials: single
              validationFraction: 0.2
              testFraction: 0.2
              imageHeight: 36
              imageWidth: 136
            model: {imageTower: frozen, neuralDim: 8, heads: 1, neuralMlp: [256], neuralAttention: shortcut}
            loss: {temperature: 0.1, learnTemperature: false, rmseWeight: 0.0, ssimWeight: 0.0}
            train: {batch: 8, epochs: 1, earlyStopPatience: 5, imageLr: 1.0e-2, imageWeightDecay: 5.0e-5,
                    neuralLr: 1.0e-3, neuralAlpha: 0.9, plateauFactor: 0.5, plateauPatience: 3}
            """;

    interface Response {
        double at(int trial, int neuron);
    }

    /** K images of 8x8, each shown {@code repeats} times, N neurons responding as {@code r} says. */
    static Path recording(Path dir, int images, int repeats, int neurons, Response r) throws IOException {
        int[] ids = new int[images * repeats];
        for (int t = 0; t < ids.length; t++) ids[t] = t % images;
        return recording(dir, images, ids, neurons, r);
    }

    static Path recording(Path dir, int images, int[] ids, int neurons, Response r) throws IOException {
        double[] v = new double[ids.length * neurons];
        for (int t = 0; t < ids.length; t++) for (int n = 0; n < neurons; n++) v[t * neurons + n] = r.at(t, n);
        return RecordingFixtures.npyFolder(dir, images, 8, 8, v, neurons, ids);
    }

    static Path copyOfGoodRun(Path dir) throws IOException {
        Path run = dir.resolve("run");
        try (Stream<Path> s = Files.walk(goodRun)) {
            for (Path p : s.toList()) {
                Path to = run.resolve(goodRun.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        return run;
    }

    static String[] train(Path data, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--config", tinyConfig.toString(), "--data", data.toString(),
                "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static List<Case> corpus() {
        List<Case> c = new ArrayList<>();
        // --- datasets the split cannot use (the pilot recordings of issue 14)
        for (int k : new int[] {10, 3}) {
            c.add(new Case("pilot recording of " + k + " images x 1 trial, split: repeats", d -> new String[] {
                    "train", "--config", "configs/antolik.yaml", "--epochs", "1",
                    "--data", recording(d.resolve("pilot"), k, 1, 5, (t, n) -> t + n).toString(), "--out", d.resolve("out").toString()},
                    "pilot", "split: repeats", "shown once"));
        }
        c.add(new Case("3 images, split: images", d -> train(recording(d.resolve("three"), 3, 2, 5, (t, n) -> t * n), d.resolve("out")),
                "three", "split", "images"));
        c.add(new Case("compare on a pilot recording, split: repeats", d -> new String[] {
                "compare", "--config", tinyConfig.toString(), "--split", "repeats", "--no-controls",
                "--data", recording(d.resolve("pilot"), 10, 1, 5, (t, n) -> t + n).toString(), "--out", d.resolve("out").toString()},
                "pilot", "repeats", "shown once"));
        // --- neurons
        c.add(new Case("a neuron that is NaN on every trial", d -> train(recording(d.resolve("nan"), 12, 2, 6,
                (t, n) -> n == 2 ? Double.NaN : t + n), d.resolve("out")), "responses.npy", "neuron 2", "NaN"));
        c.add(new Case("every neuron all zero", d -> train(recording(d.resolve("zeros"), 12, 2, 6, (t, n) -> 0), d.resolve("out")),
                "zeros", "constant"));
        c.add(new Case("every neuron constant", d -> train(recording(d.resolve("flat"), 12, 2, 6, (t, n) -> n), d.resolve("out")),
                "flat", "constant"));
        // --- which images were shown
        c.add(new Case("one image shown many times, the others never", d -> {
            int[] ids = new int[24];
            return train(recording(d.resolve("one"), 10, ids, 6, (t, n) -> t + n), d.resolve("out"));
        }, "one", "1 of 10 images"));
        // --- categories
        c.add(new Case("categories for another number of images", d -> {
            Path cats = RecordingFixtures.categories(d.resolve("classes.mat"), new int[] {0, 1, 1, 2, 2}, "unknown", "a", "b");
            String[] a = train(goodData, d.resolve("out"), "--categories", cats.toString());
            return a;
        }, "classes.mat", "5", "12 images"));
        // --- configs and options
        c.add(new Case("config value out of range (--set)", d -> train(goodData, d.resolve("out"), "--set", "data.validationFraction=1.5"),
                "validationFraction"));
        c.add(new Case("unknown config key (--set)", d -> train(goodData, d.resolve("out"), "--set", "model.colour=blue"), "model.colour"));
        c.add(new Case("unknown config key (file)", d -> {
            Path cfg = d.resolve("typo.yaml");
            Files.writeString(cfg, TINY_YAML.replace("seed: 3", "seed: 3\nsede: 4"));
            return new String[] {"train", "--config", cfg.toString(), "--data", goodData.toString(), "--out", d.resolve("out").toString()};
        }, "typo.yaml", "sede"));
        c.add(new Case("negative learning rate", d -> train(goodData, d.resolve("out"), "--set", "train.neuralLr=-1"), "neuralLr"));
        c.add(new Case("images too large for off-heap memory", d -> train(goodData, d.resolve("out"),
                "--set", "data.imageHeight=16000", "--set", "data.imageWidth=16000"), "good", "off-heap memory", "GB",
                "-XX:MaxDirectMemorySize", "data.imageHeight"));
        c.add(new Case("compare: images too large for off-heap memory", d -> new String[] {"compare", "--config", tinyConfig.toString(),
                "--data", goodData.toString(), "--no-controls", "--out", d.resolve("out").toString(),
                "--set", "data.imageHeight=16000", "--set", "data.imageWidth=16000"}, "off-heap memory", "-XX:MaxDirectMemorySize"));
        c.add(new Case("--epochs 0", d -> train(goodData, d.resolve("out"), "--epochs", "0"), "--epochs"));
        c.add(new Case("--out is a file", d -> {
            Path f = Files.writeString(d.resolve("taken"), "x");
            return train(goodData, f);
        }, "taken", "not a folder"));
        c.add(new Case("--data that does not exist", d -> train(d.resolve("nowhere"), d.resolve("out")), "nowhere"));
        c.add(new Case("compare --folds 0", d -> new String[] {"compare", "--folds", "0"}, "--folds"));
        c.add(new Case("compare with more folds than images", d -> new String[] {"compare", "--config", tinyConfig.toString(),
                "--data", goodData.toString(), "--folds", "50", "--no-controls", "--out", d.resolve("out").toString()}, "fold"));
        c.add(new Case("demo --epochs 0", d -> new String[] {"demo", "--epochs", "0", "--out", d.resolve("out").toString()}, "--epochs"));
        c.add(new Case("inspect a path that does not exist", d -> new String[] {"inspect", d.resolve("ghost").toString()}, "ghost"));
        c.add(new Case("inspect with an unknown --format", d -> new String[] {"inspect", goodData.toString(), "--format", "tiff"}, "tiff"));
        c.add(new Case("analyze --max-candidates 1", d -> new String[] {"analyze", "--run", copyOfGoodRun(d).toString(),
                "--max-candidates", "1"}, "--max-candidates"));
        c.add(new Case("analyze --seeds 0", d -> new String[] {"analyze", "--run", copyOfGoodRun(d).toString(), "--seeds", "0"}, "--seeds"));
        c.add(new Case("analyze --retrain-subsets with a share of 1.5", d -> new String[] {"analyze", "--run", copyOfGoodRun(d).toString(),
                "--retrain-subsets", "0.1,1.5"}, "--retrain-subsets", "1.5"));
        c.add(new Case("analyze --retrain-subsets with a word", d -> new String[] {"analyze", "--run", copyOfGoodRun(d).toString(),
                "--retrain-subsets", "half"}, "--retrain-subsets", "half"));
        c.add(new Case("analyze --retrain-draws 0", d -> new String[] {"analyze", "--run", copyOfGoodRun(d).toString(),
                "--retrain-subsets", "--retrain-draws", "0"}, "--retrain-draws"));
        // --- run folders
        for (String cmd : new String[] {"eval", "analyze"}) {
            c.add(new Case(cmd + ": no such run folder", d -> new String[] {cmd, "--run", d.resolve("missing").toString()}, "missing"));
            c.add(new Case(cmd + ": a folder without checkpoints", d -> {
                Files.createDirectories(d.resolve("empty"));
                return new String[] {cmd, "--run", d.resolve("empty").toString()};
            }, "empty", "not a DINA run folder"));
            c.add(new Case(cmd + ": the best checkpoint is missing", d -> {
                Path run = copyOfGoodRun(d);
                Files.delete(run.resolve("checkpoints/best.safetensors"));
                return new String[] {cmd, "--run", run.toString()};
            }, "best.safetensors", "no such"));
            c.add(new Case(cmd + ": a truncated checkpoint", d -> {
                Path run = copyOfGoodRun(d);
                Path best = run.resolve("checkpoints/best.safetensors");
                byte[] b = Files.readAllBytes(best);
                Files.write(best, java.util.Arrays.copyOf(b, b.length / 2));
                return new String[] {cmd, "--run", run.toString()};
            }, "best.safetensors"));
            c.add(new Case(cmd + ": a checkpoint of another format version", d -> {
                Path run = copyOfGoodRun(d);
                rewriteMetadata(run.resolve("checkpoints/best.safetensors"), "format", "dina-checkpoint-0");
                return new String[] {cmd, "--run", run.toString()};
            }, "best.safetensors", "dina-checkpoint-0"));
            c.add(new Case(cmd + ": a checkpoint whose config has a key of a newer version", d -> {
                Path run = copyOfGoodRun(d);
                Path best = run.resolve("checkpoints/best.safetensors");
                String cfg = Checkpoint.load(best).contents().metadata().get("config");
                rewriteMetadata(best, "config", cfg.replaceFirst("\\{", "{\"hyperdrive\":true,"));
                return new String[] {cmd, "--run", run.toString()};
            }, "best.safetensors", "hyperdrive"));
            c.add(new Case(cmd + ": data.json missing", d -> {
                Path run = copyOfGoodRun(d);
                Files.delete(run.resolve("data.json"));
                return new String[] {cmd, "--run", run.toString()};
            }, "data.json", "missing"));
            c.add(new Case(cmd + ": data.json is not JSON", d -> {
                Path run = copyOfGoodRun(d);
                Files.writeString(run.resolve("data.json"), "{\"kind\": \"file\",\n \"path\": ");
                return new String[] {cmd, "--run", run.toString()};
            }, "data.json"));
            c.add(new Case(cmd + ": the data has moved", d -> {
                Path run = copyOfGoodRun(d);
                pointDataJsonAt(run, d.resolve("moved-away"));
                return new String[] {cmd, "--run", run.toString()};
            }, "data.json", "moved-away", "not there any more"));
            c.add(new Case(cmd + ": a file of the data was deleted", d -> {
                Path run = copyOfGoodRun(d);
                Path data = recording(d.resolve("data"), 12, 2, 6, (t, n) -> Math.sin(t * 0.7 + n * 1.3) + 1);
                pointDataJsonAt(run, data);
                Files.delete(data.resolve("images.npy"));
                return new String[] {cmd, "--run", run.toString()};
            }, "data", "not a known dataset layout"));
            c.add(new Case(cmd + ": the data has changed since training", d -> {
                Path run = copyOfGoodRun(d);
                Path data = recording(d.resolve("data"), 12, 2, 6, (t, n) -> Math.cos(t * 0.7 + n * 1.3) + 1);
                pointDataJsonAt(run, data);
                return new String[] {cmd, "--run", run.toString()};
            }, "data.json", "changed", "--allow-changed-data"));
            c.add(new Case(cmd + ": data with another number of neurons", d -> {
                Path run = copyOfGoodRun(d);
                pointDataJsonAt(run, recording(d.resolve("data"), 12, 2, 7, (t, n) -> t + n));
                return new String[] {cmd, "--run", run.toString(), "--allow-changed-data"};
            }, "6 neurons", "7"));
            c.add(new Case(cmd + " --checkpoint middle", d -> new String[] {cmd, "--run", copyOfGoodRun(d).toString(),
                    "--checkpoint", "middle"}, "--checkpoint"));
        }
        // --- options picocli rejects
        c.add(new Case("an unknown option", d -> new String[] {"train", "--epoch", "3"}, "--epoch", "dina train --help"));
        c.add(new Case("a number that is not one", d -> new String[] {"compare", "--folds", "many"}, "--folds", "many"));
        // --- resuming
        c.add(new Case("train --resume with another model", d -> {
            Path run = copyOfGoodRun(d);
            return train(goodData, run, "--resume", "--set", "model.neuralDim=16");
        }, "run", "another config", "neuralDim"));
        c.add(new Case("train --resume on changed data", d -> {
            Path run = copyOfGoodRun(d);
            return train(recording(d.resolve("data"), 12, 2, 6, (t, n) -> Math.cos(t + n) + 1), run, "--resume", "--epochs", "2");
        }, "data.json", "changed", "--allow-changed-data"));
        c.add(new Case("train --resume with a truncated last checkpoint", d -> {
            Path run = copyOfGoodRun(d);
            Path last = run.resolve("checkpoints/last.safetensors");
            Files.write(last, java.util.Arrays.copyOf(Files.readAllBytes(last), 100));
            return train(goodData, run, "--resume", "--epochs", "2");
        }, "last.safetensors"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsOneLineExitTwoAndWritesNothing() {
        return corpus().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            Path dir = Files.createTempDirectory(root, "case");
            String[] args = k.setup().args(dir);
            Map<String, String> before = snapshot(dir);
            Outcome o = run(args);
            assertEquals(Main.BAD_INPUT, o.code(), k.name() + ": " + o.err());
            List<String> lines = o.err().strip().lines().toList();
            assertEquals(1, lines.size(), k.name() + ": expected one line, got\n" + o.err());
            String line = lines.get(0);
            assertTrue(line.startsWith("dina: "), line);
            assertFalse(line.contains("Exception") || line.contains("\tat "), line);
            for (String m : k.mustMention()) assertTrue(line.contains(m), k.name() + ": '" + m + "' missing from: " + line);
            assertEquals(before, snapshot(dir), k.name() + ": files were created or changed");
        }));
    }

    /** Runs the command line in-process; everything written to stderr, by picocli or anyone else, is returned. */
    static Outcome run(String... args) {
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        // swapped before the command line is made: picocli keeps hold of the System.err it finds at execution
        System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = Main.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            int code = cl.execute(args);
            return new Outcome(code, stray.toString(StandardCharsets.UTF_8) + err);
        } finally {
            System.setErr(saved);
        }
    }

    /** Every file under {@code dir} with a hash of its bytes. */
    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isDirectory(p)) m.put(key + "/", "");
                else m.put(key, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return m;
    }

    static void rewriteMetadata(Path file, String key, String value) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = new java.util.LinkedHashMap<>(c.metadata());
        meta.put(key, value);
        SafeTensors.write(file, c.tensors(), meta);
    }

    /** Makes the run's data.json name another recording, keeping everything else it records. */
    static void pointDataJsonAt(Path run, Path data) throws IOException {
        Path f = run.resolve("data.json");
        String json = Files.readString(f);
        Files.writeString(f, json.replace(goodData.toString(), data.toString()));
    }
}
