package org.dina.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.nn.RmsProp;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Tensor random(SplittableRandom r, int... shape) {
        float[] v = new float[Math.toIntExact(Tensor.count(shape))];
        for (int i = 0; i < v.length; i++) v[i] = Float.intBitsToFloat(r.nextInt()); // any bits, NaN payloads included
        return Tensor.of(v, shape);
    }

    private static void assertSameBits(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray(), a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), what + "[" + i + "]");
        }
    }

    private static Map<String, Tensor> sample(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("tower.conv1.weight", random(r, 4, 3, 3, 3));
        m.put("tower.conv1.bias", random(r, 4));
        m.put("scalar", random(r));
        m.put("empty", Tensor.zeros(0, 7));
        m.put("odd", random(r, 1, 5, 1));
        return m;
    }

    @Property(tries = 30)
    void roundTripKeepsEveryBit(@ForAll @IntRange(min = 0, max = 5) int count, @ForAll @IntRange(min = 0, max = 40) int size,
                                @ForAll long seed) throws IOException {
        Path dir = Files.createTempDirectory("safetensors");
        try {
            SplittableRandom r = new SplittableRandom(seed);
            Map<String, Tensor> in = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) in.put("t" + r.nextInt(1000) + "_" + i, random(r, size % 7, size / 7 + 1));
            Path f = dir.resolve("x.safetensors");
            SafeTensors.write(f, in, Map.of("seed", Long.toString(seed)));
            SafeTensors.Contents copied = SafeTensors.read(f);
            assertEquals(in.keySet(), copied.tensors().keySet());
            assertEquals(Map.of("seed", Long.toString(seed)), copied.metadata());
            for (var e : in.entrySet()) assertSameBits(e.getKey(), e.getValue(), copied.get(e.getKey()));
            try (Arena arena = Arena.ofConfined()) {
                SafeTensors.Contents mapped = SafeTensors.map(f, arena);
                for (var e : in.entrySet()) assertSameBits(e.getKey() + " (mapped)", e.getValue(), mapped.get(e.getKey()));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    /** PyTorch's BatchNorm counters are int64 scalars: written and read beside float32 tensors, bytes as the format says. */
    @Test
    void int64TensorsRoundTripBesideFloat32(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bn.safetensors");
        Map<String, SafeTensors.Int64> ints = Map.of("bn.num_batches_tracked", SafeTensors.Int64.scalar(1L << 40),
                "steps", new SafeTensors.Int64(new int[] {2}, new long[] {-3, 7}));
        SafeTensors.write(f, Map.of("bn.running_mean", Tensor.of(new float[] {0.5f, -1f}, 2)), ints, Map.of());
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(1L << 40, c.int64().get("bn.num_batches_tracked").values()[0]);
        assertEquals(0, c.int64().get("bn.num_batches_tracked").shape().length);
        assertArrayEquals(new long[] {-3, 7}, c.int64().get("steps").values());
        assertArrayEquals(new float[] {0.5f, -1f}, c.get("bn.running_mean").toArray());
        assertTrue(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.US_ASCII)
                .contains("\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}"));
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(new long[] {-3, 7}, SafeTensors.map(f, arena).int64().get("steps").values());
        }
    }

    @Test
    void identicalTensorsGiveIdenticalBytesWhateverTheInsertionOrder() throws IOException {
        Map<String, Tensor> a = sample(1);
        Map<String, Tensor> b = new LinkedHashMap<>();
        List<String> reversed = new java.util.ArrayList<>(a.keySet());
        java.util.Collections.reverse(reversed);
        for (String k : reversed) b.put(k, a.get(k).copy());
        Map<String, String> meta1 = new LinkedHashMap<>(), meta2 = new LinkedHashMap<>();
        meta1.put("epoch", "7");
        meta1.put("config", "{\"lr\": 3e-4}");
        meta2.put("config", "{\"lr\": 3e-4}");
        meta2.put("epoch", "7");
        Path f1 = dir.resolve("a.safetensors"), f2 = dir.resolve("b.safetensors");
        SafeTensors.write(f1, a, meta1);
        SafeTensors.write(f2, b, meta2);
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
    }

    @Test
    void layoutFollowsTheSpec() throws IOException {
        Path f = dir.resolve("s.safetensors");
        SafeTensors.write(f, Map.of("b", Tensor.of(new float[] {1, 2}, 2), "a", Tensor.of(new float[] {3}, 1, 1)));
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, (8 + n) % 8, "data starts at a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", header.stripTrailing());
        assertEquals(8 + n + 12, bytes.length);
        assertEquals(3f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat((int) (8 + n)));
    }

    @Test
    void stridedViewsAreWrittenInRowMajorOrder() throws IOException {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3).transpose(0, 1);
        Path f = dir.resolve("t.safetensors");
        SafeTensors.write(f, Map.of("t", t));
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, SafeTensors.read(f).get("t").toArray());
    }

    /** A file written by bench/golden/safetensors_sample.py with Python's struct, json and numpy. */
    @Test
    void readsAFileWrittenByPythonAndWritesTheSameBytes() throws IOException {
        Path f = dir.resolve("python_sample.safetensors");
        try (InputStream in = getClass().getResourceAsStream("/golden/python_sample.safetensors")) {
            Files.copy(in, f);
        }
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(List.of("bias", "empty", "scalar", "special", "weight"), List.copyOf(c.tensors().keySet()));
        assertEquals(Map.of("format", "np", "source", "bench/golden/safetensors_sample.py"), c.metadata());
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, c.get("weight").toArray());
        assertArrayEquals(new int[] {2, 3}, c.get("weight").shape());
        assertArrayEquals(new int[] {}, c.get("scalar").shape());
        assertEquals(42.5f, c.get("scalar").getFlat(0));
        assertArrayEquals(new int[] {0, 5}, c.get("empty").shape());
        float[] bias = c.get("bias").toArray();
        assertEquals(1f / 3f, bias[0]);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(bias[1]));
        assertEquals(Float.floatToRawIntBits(1e-40f), Float.floatToRawIntBits(bias[2]));
        float[] special = c.get("special").toArray();
        assertEquals(Float.POSITIVE_INFINITY, special[0]);
        assertEquals(Float.NEGATIVE_INFINITY, special[1]);
        assertTrue(Float.isNaN(special[2]));
        assertEquals(Float.MAX_VALUE, special[3]);

        Path again = dir.resolve("again.safetensors");
        SafeTensors.write(again, c.tensors(), c.metadata());
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again), "Java writes the bytes Python wrote");
    }

    @Test
    void mappedTensorsAreReadOnlyViewsOfTheFile() throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, sample(3));
        try (Arena arena = Arena.ofConfined()) {
            Tensor w = SafeTensors.map(f, arena).get("tower.conv1.weight");
            assertTrue(w.segment().isMapped());
            assertTrue(w.segment().isReadOnly());
        }
    }

    /** An optimizer saved mid-run to a file (buffers as tensors, scalars as metadata) resumes bit for bit. */
    @Test
    void optimizerStateSurvivesAFileBitExactly() throws IOException {
        int n = 101;
        SplittableRandom r = new SplittableRandom(11);
        Tensor p0 = random(r, n);
        for (int i = 0; i < n; i++) p0.setFlat(i, (float) r.nextGaussian()); // finite values: an optimizer needs them
        Tensor[] grads = new Tensor[6];
        for (int k = 0; k < grads.length; k++) {
            grads[k] = Tensor.zeros(n);
            for (int i = 0; i < n; i++) grads[k].setFlat(i, (float) r.nextGaussian());
        }
        RmsProp.Config config = new RmsProp.Config(1e-3, 0.9, 1e-8, 1e-4, 0.9, true);

        Tensor straight = p0.copy(), g = Tensor.zeros(n);
        RmsProp a = new RmsProp(straight, g, config);
        for (Tensor gk : grads) {
            gk.copyTo(g);
            a.step();
        }

        Tensor p = p0.copy();
        RmsProp b = new RmsProp(p, g, config);
        for (int k = 0; k < 3; k++) {
            grads[k].copyTo(g);
            b.step();
        }
        Map<String, Tensor> saved = new LinkedHashMap<>(b.state());
        saved.put("params", p);
        Path f = dir.resolve("ckpt.safetensors");
        SafeTensors.write(f, saved, b.scalarState());

        try (Arena arena = Arena.ofConfined()) {
            SafeTensors.Contents c = SafeTensors.map(f, arena);
            Tensor resumed = c.get("params").copy();
            RmsProp d = new RmsProp(resumed, g, config);
            d.loadState(c.tensors(), c.metadata());
            for (int k = 3; k < 6; k++) {
                grads[k].copyTo(g);
                d.step();
            }
            assertSameBits("params after resuming from a file", straight, resumed);
        }
    }

    // ---- corrupt files: a clean one-line IOException naming the file ----

    private Path withHeader(String name, String json, int dataBytes) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private static void assertRejected(Path f, String... expectedWords) {
        for (int mode = 0; mode < 2; mode++) {
            IOException e;
            if (mode == 0) {
                e = assertThrows(IOException.class, () -> SafeTensors.read(f));
            } else {
                e = assertThrows(IOException.class, () -> {
                    try (Arena arena = Arena.ofConfined()) {
                        SafeTensors.map(f, arena);
                    }
                });
            }
            String m = e.getMessage();
            assertTrue(m.startsWith(f.toString() + ": "), "names the file: " + m);
            assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
            for (String w : expectedWords) assertTrue(m.contains(w), "mentions '" + w + "': " + m);
        }
    }

    @Test
    void truncatedFilesAreRejected() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.write(good, sample(4));
        byte[] bytes = Files.readAllBytes(good);
        Path f = dir.resolve("cut.safetensors");
        Files.write(f, java.util.Arrays.copyOf(bytes, 5));
        assertRejected(f, "too short");
        Files.write(f, java.util.Arrays.copyOf(bytes, 40));
        assertRejected(f, "header length");
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertRejected(f, "data_offsets");
        Files.write(f, new byte[0]);
        assertRejected(f, "too short");
    }

    @Test
    void offsetsOutOfRangeAreRejected() throws IOException {
        assertRejected(withHeader("o1", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4), "outside");
        assertRejected(withHeader("o2", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "data_offsets");
        assertRejected(withHeader("o3", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,-8]}}", 8), "data_offsets");
        assertRejected(withHeader("o4", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "starts at");
        assertRejected(withHeader("o5", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "'b'", "starts at");
        assertRejected(withHeader("o6", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12), "cover");
        assertRejected(withHeader("o7", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "span");
        assertRejected(withHeader("o8", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,99999999999999999999]}}", 8),
                "data_offsets");
    }

    @Test
    void badJsonIsRejected() throws IOException {
        assertRejected(withHeader("j1", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],", 0), "JSON");
        assertRejected(withHeader("j2", "[1,2,3]", 0), "'{'");
        assertRejected(withHeader("j3", "{\"a\":1}", 0), "'a'");
        assertRejected(withHeader("j4", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "JSON");
        assertRejected(withHeader("j5", "{} garbage", 0), "JSON");
        assertRejected(withHeader("j6", "{\"__metadata__\":{\"k\":3}}", 0), "__metadata__");
        assertRejected(withHeader("j7", "{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "F16");
        assertRejected(withHeader("j8", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8), "dimension");
        assertRejected(withHeader("j9", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "dimension");
    }

    @Test
    void absurdSizesAreRejectedBeforeAnyAllocation() throws IOException {
        assertRejected(withHeader("big1", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,4000000000000]}}", 8),
                "elements");
        assertRejected(withHeader("big2", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1000000000000],\"data_offsets\":[0,8]}}", 8),
                "dimension");
        // a header length field claiming 2^62 bytes
        Path f = dir.resolve("big3");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 62).putLong(0);
        Files.write(f, b.array());
        assertRejected(f, "header length");
    }

    @Test
    void missingFileNamesTheFile() {
        Path f = dir.resolve("nope.safetensors");
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void reservedOrNullNamesCannotBeWritten() {
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(dir.resolve("r"), Map.of(SafeTensors.METADATA_KEY, Tensor.zeros(1))));
    }
}
