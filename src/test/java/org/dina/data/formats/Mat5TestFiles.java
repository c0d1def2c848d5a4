package org.dina.data.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes small uncompressed MATLAB 5.0 files byte by byte (the layout of the MAT-File Format document), for tests
 * that need exact control: numeric matrices, structs and cells of text.
 */
final class Mat5TestFiles {
    static final int MI_INT8 = 1, MI_UINT8 = 2, MI_UINT16 = 4, MI_INT32 = 5, MI_UINT32 = 6, MI_SINGLE = 7, MI_DOUBLE = 9, MI_MATRIX = 14;
    static final int MX_CELL = 1, MX_STRUCT = 2, MX_CHAR = 4, MX_DOUBLE = 6, MX_SINGLE = 7, MX_UINT8 = 9;

    private Mat5TestFiles() {}

    /** A value to write: numeric (class and column-major values), struct (fields) or cell (strings). */
    sealed interface Value permits Numeric, Struct, TextCell { }

    record Numeric(int mxClass, int[] dims, double[] values) implements Value { }

    record Struct(Map<String, Value> fields) implements Value { }

    record TextCell(String... strings) implements Value { }

    static Numeric doubles(int[] dims, double... columnMajor) { return new Numeric(MX_DOUBLE, dims, columnMajor); }
    static Numeric singles(int[] dims, double... columnMajor) { return new Numeric(MX_SINGLE, dims, columnMajor); }
    static Numeric uint8(int[] dims, double... columnMajor) { return new Numeric(MX_UINT8, dims, columnMajor); }

    static Struct struct(Object... nameValue) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) m.put((String) nameValue[i], (Value) nameValue[i + 1]);
        return new Struct(m);
    }

    /** Writes variables (name, value, name, value...) to {@code file}. */
    static Path write(Path file, Object... nameValue) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[128];
        Arrays.fill(header, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 5.0 MAT-file, written by a test".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        header[124] = 0;
        header[125] = 1;
        header[126] = 'I';
        header[127] = 'M';
        out.writeBytes(header);
        for (int i = 0; i < nameValue.length; i += 2) out.writeBytes(matrix((String) nameValue[i], (Value) nameValue[i + 1]));
        Files.write(file, out.toByteArray());
        return file;
    }

    static byte[] matrix(String name, Value v) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        switch (v) {
            case Numeric n -> {
                body.writeBytes(flags(n.mxClass()));
                body.writeBytes(dims(n.dims()));
                body.writeBytes(element(MI_INT8, name.getBytes(StandardCharsets.US_ASCII)));
                body.writeBytes(numericData(n));
            }
            case Struct s -> {
                body.writeBytes(flags(MX_STRUCT));
                body.writeBytes(dims(new int[] {1, 1}));
                body.writeBytes(element(MI_INT8, name.getBytes(StandardCharsets.US_ASCII)));
                body.writeBytes(element(MI_INT32, le(4).putInt(32).array()));
                byte[] names = new byte[32 * s.fields().size()];
                int f = 0;
                for (String field : s.fields().keySet()) {
                    byte[] b = field.getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(b, 0, names, 32 * f++, b.length);
                }
                body.writeBytes(element(MI_INT8, names));
                for (Value fv : s.fields().values()) body.writeBytes(matrix("", fv));
            }
            case TextCell c -> {
                body.writeBytes(flags(MX_CELL));
                body.writeBytes(dims(new int[] {1, c.strings().length}));
                body.writeBytes(element(MI_INT8, name.getBytes(StandardCharsets.US_ASCII)));
                for (String s : c.strings()) {
                    ByteArrayOutputStream ch = new ByteArrayOutputStream();
                    ch.writeBytes(flags(MX_CHAR));
                    ch.writeBytes(dims(new int[] {1, s.length()}));
                    ch.writeBytes(element(MI_INT8, new byte[0]));
                    ByteBuffer u = le(2 * s.length());
                    for (char x : s.toCharArray()) u.putChar(x);
                    ch.writeBytes(element(MI_UINT16, u.array()));
                    body.writeBytes(element(MI_MATRIX, ch.toByteArray()));
                }
            }
        }
        return element(MI_MATRIX, body.toByteArray());
    }

    private static byte[] numericData(Numeric n) {
        double[] v = n.values();
        return switch (n.mxClass()) {
            case MX_DOUBLE -> {
                ByteBuffer b = le(8 * v.length);
                for (double x : v) b.putDouble(x);
                yield element(MI_DOUBLE, b.array());
            }
            case MX_SINGLE -> {
                ByteBuffer b = le(4 * v.length);
                for (double x : v) b.putFloat((float) x);
                yield element(MI_SINGLE, b.array());
            }
            case MX_UINT8 -> {
                byte[] b = new byte[v.length];
                for (int i = 0; i < v.length; i++) b[i] = (byte) (int) v[i];
                yield element(MI_UINT8, b);
            }
            default -> throw new IllegalArgumentException("class " + n.mxClass());
        };
    }

    private static byte[] flags(int mxClass) {
        return element(MI_UINT32, le(8).putInt(mxClass).putInt(0).array());
    }

    private static byte[] dims(int[] d) {
        ByteBuffer b = le(4 * d.length);
        for (int x : d) b.putInt(x);
        return element(MI_INT32, b.array());
    }

    /** A data element: 8-byte tag (type, byte count), the bytes, padding to 8. */
    static byte[] element(int type, byte[] data) {
        int pad = (8 - data.length % 8) % 8;
        ByteBuffer b = le(8 + data.length + pad).putInt(type).putInt(data.length).put(data);
        return b.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static double[] range(int n, double scale) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = i * scale;
        return d;
    }
}
