package org.dina.data.formats;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random truncations and byte flips of valid small NPY, MAT (5.0 and 7.3) and NWB files never make a reader throw
 * anything but {@link DataFormatException} with a one-line message that starts with a path, and never hang.
 */
class ReaderFuzzTest {
    private static Path work;
    private static final List<byte[]> NPY = new ArrayList<>(), MAT5 = new ArrayList<>(), MAT73 = new ArrayList<>(), NWB = new ArrayList<>();
    private static ExecutorService runner;

    /** A mutation: which base file, whether to truncate (and where) and/or flip bytes (where, with what). */
    record Mutation(int base, int kind, double cut, List<Integer> positions, List<Integer> xors, boolean nearHeader) {
        byte[] apply(byte[] original) {
            byte[] b = original.clone();
            if (kind != 0) {
                int span = nearHeader ? Math.min(b.length, 700) : b.length;
                for (int i = 0; i < positions.size(); i++) b[positions.get(i) % span] ^= (byte) (int) xors.get(i);
            }
            if (kind != 1) b = Arrays.copyOf(b, (int) (cut * b.length));
            return b;
        }
    }

    @BeforeContainer
    static void writeValidFiles() throws IOException {
        work = Files.createTempDirectory("dina-fuzz");
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        });
        Path d = work.resolve("gen");
        Files.createDirectories(d);
        NPY.add(read(NpyTestFiles.write(d.resolve("a.npy"), "<f4", false, new int[] {3, 2, 4}, NpyTestFiles.range(24), 1)));
        NPY.add(read(NpyTestFiles.write(d.resolve("b.npy"), "<f8", true, new int[] {3, 5}, NpyTestFiles.range(15), 2)));
        NPY.add(read(NpyTestFiles.write(d.resolve("c.npy"), "|u1", false, new int[] {3, 9}, NpyTestFiles.range(27), 3)));
        NPY.add(read(NpyTestFiles.write(d.resolve("d.npy"), "<i8", false, new int[] {3}, new double[] {0, 1, 2}, 1)));
        NPY.add(read(NpyTestFiles.writeStrings(d.resolve("e.npy"), "train", "validation", "test")));
        NPY.add(read(NpyTestFiles.write(d.resolve("f.npy"), ">f4", false, new int[] {2, 3, 4}, NpyTestFiles.range(24), 1)));

        MAT5.add(read(Mat5TestFiles.write(d.resolve("m1.mat"), "images", Mat5TestFiles.doubles(new int[] {3, 2, 4},
                Mat5TestFiles.range(24, 1)))));
        MAT5.add(read(Mat5TestFiles.write(d.resolve("m2.mat"), "responses", Mat5TestFiles.singles(new int[] {3, 2},
                Mat5TestFiles.range(6, 0.5)))));
        MAT5.add(read(Mat5TestFiles.write(d.resolve("m3.mat"), "class_assignment", Mat5TestFiles.uint8(new int[] {1, 3}, 0, 1, 2),
                "class_names", new Mat5TestFiles.TextCell("unknown", "cats", "mice"))));
        MAT5.add(read(Mat5TestFiles.write(d.resolve("m4.mat"), "stim", Mat5TestFiles.struct(
                "resp", Mat5TestFiles.singles(new int[] {4, 2}, Mat5TestFiles.range(8, 1)),
                "istim", Mat5TestFiles.doubles(new int[] {4, 1}, 1, 2, 3, 4)), "med", Mat5TestFiles.doubles(new int[] {2, 2}, 1, 2, 3, 4))));
        // MFL's own writer compresses every variable: covers the inflating path
        us.hebi.matlab.mat.types.MatFile compressed = us.hebi.matlab.mat.format.Mat5.newMatFile();
        us.hebi.matlab.mat.types.Matrix m = us.hebi.matlab.mat.format.Mat5.newMatrix(new int[] {3, 2, 4});
        for (int i = 0; i < 24; i++) m.setDouble(i, i * 1.5);
        compressed.addArray("images", m);
        us.hebi.matlab.mat.format.Mat5.writeToFile(compressed, d.resolve("m5.mat").toFile());
        MAT5.add(read(d.resolve("m5.mat")));

        for (String name : new String[] {"images.mat", "responses.mat", "imgs_uint8.mat"}) {
            MAT73.add(read(Mat73ResourceTest.copy(name, d.resolve("h5-" + name))));
        }
        for (String name : new String[] {NwbFixtures.TWO_PLANES, NwbFixtures.OPTICAL, NwbFixtures.ALLEN}) {
            NWB.add(read(NwbFixtures.copy(name, d)));
        }
    }

    private static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        runner.shutdownNow();
        try (Stream<Path> s = Files.walk(work)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(1, 255).list().ofSize(4),
                Arbitraries.of(true, false)).as(Mutation::new);
    }

    @Property(tries = 200)
    void npyReadersOnlyThrowDataFormatException(@ForAll("mutations") Mutation mu) throws Exception {
        Path dir = fresh();
        byte[] base = NPY.get(mu.base() % NPY.size());
        byte[] bad = mu.apply(base);
        Path f = Files.write(dir.resolve("x.npy"), bad);
        onlyDataFormatException(() -> NpyArray.open(f));
        // the same bytes as each file of an NPY folder
        String[] roles = {"images.npy", "responses.npy", "image_ids.npy", "tiers.npy"};
        String role = roles[mu.base() % roles.length];
        NpyTestFiles.write(dir.resolve("images.npy"), "<f4", new int[] {3, 2, 4}, NpyTestFiles.range(24));
        NpyTestFiles.write(dir.resolve("responses.npy"), "<f4", new int[] {3, 2}, NpyTestFiles.range(6));
        Files.write(dir.resolve(role), bad);
        onlyDataFormatException(() -> Formats.load(dir, null));
        onlyDataFormatException(() -> Formats.load(dir, ReadOptions.defaults().withImageShape(3, 3)));
    }

    @Property(tries = 200)
    void matlab5ReadersOnlyThrowDataFormatException(@ForAll("mutations") Mutation mu) throws Exception {
        Path dir = fresh();
        byte[] bad = mu.apply(MAT5.get(mu.base() % MAT5.size()));
        Path f = Files.write(dir.resolve("x.mat"), bad);
        onlyDataFormatException(() -> {
            try (MatVariables m = MatVariables.open(f, null)) {
                return m.names();
            }
        });
        onlyDataFormatException(() -> Categories.read(f));
        Files.write(dir.resolve("images.mat"), bad);
        Files.write(dir.resolve("responses.mat"), bad);
        onlyDataFormatException(() -> Formats.load(dir, null));
        Files.write(dir.resolve("natimg2800_x.mat"), bad);
        Files.write(dir.resolve("images_natimg2800_all.mat"), bad);
        onlyDataFormatException(() -> Formats.load(dir.resolve("natimg2800_x.mat"), null));
    }

    @Property(tries = 150)
    void matlab73ReadersOnlyThrowDataFormatException(@ForAll("mutations") Mutation mu) throws Exception {
        Path dir = fresh();
        int which = mu.base() % MAT73.size();
        byte[] bad = mu.apply(MAT73.get(which));
        Path f = Files.write(dir.resolve("x.mat"), bad);
        onlyDataFormatException(() -> {
            try (MatVariables m = MatVariables.open(f, null)) {
                double s = 0;
                for (String name : m.names()) {
                    NdArray a = m.array(name);
                    if (a.type().isNumeric()) for (long i = 0; i < a.size(); i++) s += a.getDouble(i);
                }
                return s;
            }
        });
        Files.write(dir.resolve("images.mat"), which == 0 ? bad : MAT73.get(0));
        Files.write(dir.resolve("responses.mat"), which == 1 ? bad : MAT73.get(1));
        onlyDataFormatException(() -> Formats.load(dir, null));
    }

    @Property(tries = 150)
    void nwbReaderOnlyThrowsDataFormatException(@ForAll("mutations") Mutation mu) throws Exception {
        Path dir = fresh();
        Path f = Files.write(dir.resolve("x.nwb"), mu.apply(NWB.get(mu.base() % NWB.size())));
        onlyDataFormatException(() -> Formats.load(f, null));
        onlyDataFormatException(() -> Formats.load(f, ReadOptions.defaults().withTrialWindow(TrialWindow.parse("-0.2:0.3", "-0.5:0"))));
    }

    private static int counter;

    private static Path fresh() throws IOException {
        return Files.createDirectories(work.resolve("t" + counter++));
    }

    /** Runs {@code c} (with a time limit against hangs): success or a proper DataFormatException only. */
    private static void onlyDataFormatException(Callable<?> c) throws Exception {
        Future<?> f = runner.submit(c);
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("reader hung on a corrupt file");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable t = e.getCause();
            if (!(t instanceof DataFormatException dfe)) {
                throw new AssertionError("escaped " + t, t);
            }
            String m = dfe.getMessage();
            assertFalse(m.contains("\n"), m);
            assertTrue(m.startsWith(work.toString()), "message starts with the path: " + m);
        }
    }

}
