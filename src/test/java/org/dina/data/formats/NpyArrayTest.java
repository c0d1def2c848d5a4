package org.dina.data.formats;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyArrayTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"<f4", "<f8", "<i4", "<i8", "|u1", "<u2", ">f4", ">f8", ">i4", "<i2", "|i1", "<u4", "<u8"})
    void everyNumericDtypeReadsBack(String descr) throws IOException {
        double[] v = {0, 1, 2, 3, 4, 5, 100, 7};
        for (int version = 1; version <= 3; version++) {
            Path f = NpyTestFiles.write(dir.resolve("a" + version + ".npy"), descr, false, new int[] {2, 4}, v, version);
            NpyArray a = NpyArray.open(f);
            assertArrayEquals(new int[] {2, 4}, a.shape());
            assertFalse(a.fortranOrder());
            for (int i = 0; i < v.length; i++) assertEquals(v[i], a.getDouble(i), descr + " v" + version);
        }
    }

    @Test
    void unsignedAndNegativeValues() throws IOException {
        NpyArray u8 = NpyArray.open(NpyTestFiles.write(dir.resolve("u8.npy"), "|u1", new int[] {2}, new double[] {255, 128}));
        assertEquals(255, u8.getDouble(0));
        assertEquals(ElementType.UINT8, u8.type());
        NpyArray u2 = NpyArray.open(NpyTestFiles.write(dir.resolve("u2.npy"), "<u2", new int[] {1}, new double[] {65535}));
        assertEquals(65535, u2.getDouble(0));
        NpyArray i8 = NpyArray.open(NpyTestFiles.write(dir.resolve("i8.npy"), "<i8", new int[] {1}, new double[] {-3}));
        assertEquals(-3, i8.getDouble(0));
    }

    @Test
    void fortranOrderMapsLogicalIndices() throws IOException {
        // logical [[0, 1, 2], [3, 4, 5]] stored column by column
        double[] storage = {0, 3, 1, 4, 2, 5};
        NpyArray a = NpyArray.open(NpyTestFiles.write(dir.resolve("f.npy"), "<f8", true, new int[] {2, 3}, storage, 1));
        assertTrue(a.fortranOrder());
        long[] st = a.strides();
        assertArrayEquals(new long[] {1, 2}, st);
        assertEquals(5, a.getDouble(1 * st[0] + 2 * st[1]));
        assertEquals(1, a.getDouble(0 * st[0] + 1 * st[1]));
    }

    @Test
    void unicodeAndBool() throws IOException {
        NpyArray s = NpyArray.open(NpyTestFiles.writeStrings(dir.resolve("s.npy"), "train", "validation", "final_test"));
        assertEquals(ElementType.TEXT, s.type());
        assertEquals("validation", s.getString(1));
        assertEquals("final_test", s.getString(2));
        NpyArray b = NpyArray.open(NpyTestFiles.write(dir.resolve("b.npy"), "|b1", new int[] {3}, new double[] {1, 0, 1}));
        assertEquals(ElementType.BOOL, b.type());
        assertEquals(1, b.getDouble(2));
        assertFalse(b.type().isNumeric());
    }

    @Test
    void scalarAndEmptyShapes() throws IOException {
        NpyArray scalar = NpyArray.open(NpyTestFiles.write(dir.resolve("s.npy"), "<f8", false, new int[0], new double[] {4.5}, 1));
        assertEquals(0, scalar.rank());
        assertEquals(4.5, scalar.getDouble(0));
        NpyArray empty = NpyArray.open(NpyTestFiles.write(dir.resolve("e.npy"), "<f4", new int[] {0, 5}, new double[0]));
        assertEquals(0, empty.size());
    }

    @Test
    void largeFloat32FileIsMappedWithoutCopy() throws IOException {
        int rows = 600, cols = 500; // 1.2 MB: above the mapping threshold
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = i * 0.5f;
        NpyArray a = NpyArray.open(NpyTestFiles.writeFloats(dir.resolve("big.npy"), new int[] {rows, cols}, v));
        assertTrue(a.isMapped());
        Tensor t = a.mappedFloatTensor();
        assertNotNull(t);
        assertTrue(t.segment().isMapped());
        assertEquals(v[12345], t.getFlat(12345));
        assertEquals(v[v.length - 1], t.get(rows - 1, cols - 1));
    }

    @Test
    void smallFilesAreReadNotMapped() throws IOException {
        NpyArray a = NpyArray.open(NpyTestFiles.writeFloats(dir.resolve("small.npy"), new int[] {2}, new float[] {1, 2}));
        assertFalse(a.isMapped());
        assertNull(a.mappedFloatTensor());
    }

    @Test
    void headerClaimingTrillionElementsInOneKilobyteFails() throws IOException {
        Path f = NpyTestFiles.writeRaw(dir.resolve("huge.npy"),
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }", new byte[900], 1);
        assertTrue(Files.size(f) < 1100);
        DataFormatException e = assertThrows(DataFormatException.class, () -> NpyArray.open(f));
        assertOneLineAbout(e, f, "truncated");
    }

    @Test
    void overflowingShapeFails() throws IOException {
        Path f = NpyTestFiles.writeRaw(dir.resolve("of.npy"),
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647), }", new byte[8], 1);
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(f)), f, "more elements");
    }

    @Test
    void truncatedDataFails() throws IOException {
        Path f = NpyTestFiles.write(dir.resolve("t.npy"), "<f8", new int[] {10}, NpyTestFiles.range(10));
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 3));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(f)), f, "truncated");
    }

    @Test
    void truncatedHeaderFails() throws IOException {
        Path f = NpyTestFiles.write(dir.resolve("h.npy"), "<f8", new int[] {10}, NpyTestFiles.range(10));
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, 30));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(f)), f, "truncated");
    }

    @Test
    void notNpyAndUnsupportedDtypesFail() throws IOException {
        Path text = Files.writeString(dir.resolve("x.npy"), "hello, this is not numpy");
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(text)), text, "magic");
        Path obj = NpyTestFiles.writeRaw(dir.resolve("o.npy"), "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", new byte[16], 1);
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(obj)), obj, "pickled");
        Path structured = NpyTestFiles.writeRaw(dir.resolve("st.npy"),
                "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }", new byte[16], 1);
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(structured)), structured, "structured");
        Path half = NpyTestFiles.writeRaw(dir.resolve("f2.npy"), "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", new byte[4], 1);
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(half)), half, "unsupported numpy dtype");
        Path complex = NpyTestFiles.writeRaw(dir.resolve("c.npy"), "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", new byte[16], 1);
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(complex)), complex, "complex");
        Path badVersion = NpyTestFiles.writeRaw(dir.resolve("v9.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4], 1);
        byte[] b = Files.readAllBytes(badVersion);
        b[6] = 9;
        Files.write(badVersion, b);
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(badVersion)), badVersion, "version 9");
    }

    @Test
    void corruptHeaderTextFails() throws IOException {
        for (String dict : new String[] {"{'descr': '<f4', 'fortran_order': False}", "{'descr': '<f4', 'fortran_order': 3, 'shape': (1,)}",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", "[1, 2, 3]", "{'descr': '<f4'",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } trailing", "((((((((((((((((((((((((((1))))))))))))))))))))))))))"}) {
            Path f = NpyTestFiles.writeRaw(dir.resolve("bad.npy"), dict, new byte[8], 1);
            assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(f), dict), f, "");
        }
    }

    @Test
    void missingFileFails() {
        Path f = dir.resolve("nope.npy");
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> NpyArray.open(f)), f, "no such file");
    }

    /** The message is one line, starts with the path and mentions {@code what}. */
    static void assertOneLineAbout(DataFormatException e, Path file, String what) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), "message should start with " + file + ": " + m);
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        assertTrue(m.toLowerCase(java.util.Locale.ROOT).contains(what.toLowerCase(java.util.Locale.ROOT)),
                "message should mention '" + what + "': " + m);
    }
}
