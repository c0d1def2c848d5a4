package org.dina.data.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Writes small .npy files the way numpy does, for tests (any version, dtype, byte and storage order). */
final class NpyTestFiles {
    private NpyTestFiles() {}

    /** Writes {@code values} (in storage order) as dtype {@code descr} (e.g. '<f4', '>i8', '|u1', '|b1'). */
    static Path write(Path file, String descr, boolean fortran, int[] shape, double[] values, int version) throws IOException {
        char kind = descr.charAt(1);
        int size = Integer.parseInt(descr.substring(2));
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer data = ByteBuffer.allocate(values.length * size).order(order);
        for (double v : values) {
            switch (kind) {
                case 'f' -> { if (size == 4) data.putFloat((float) v); else data.putDouble(v); }
                case 'i', 'u' -> {
                    switch (size) {
                        case 1 -> data.put((byte) (long) v);
                        case 2 -> data.putShort((short) (long) v);
                        case 4 -> data.putInt((int) (long) v);
                        default -> data.putLong((long) v);
                    }
                }
                case 'b' -> data.put((byte) (v != 0 ? 1 : 0));
                default -> throw new IllegalArgumentException(descr);
            }
        }
        return writeRaw(file, header(descr, fortran, shape), data.array(), version);
    }

    static Path write(Path file, String descr, int[] shape, double[] values) throws IOException {
        return write(file, descr, false, shape, values, 1);
    }

    static Path writeFloats(Path file, int[] shape, float[] values) throws IOException {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return write(file, "<f4", false, shape, d, 1);
    }

    /** A '<U n' array of strings. */
    static Path writeStrings(Path file, String... strings) throws IOException {
        int n = Arrays.stream(strings).mapToInt(String::length).max().orElse(1);
        ByteBuffer data = ByteBuffer.allocate(strings.length * n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (String s : strings) {
            for (int i = 0; i < n; i++) data.putInt(i < s.length() ? s.charAt(i) : 0);
        }
        return writeRaw(file, header("<U" + n, false, new int[] {strings.length}), data.array(), 1);
    }

    static String header(String descr, boolean fortran, int[] shape) {
        String dims = switch (shape.length) {
            case 0 -> "()";
            case 1 -> "(" + shape[0] + ",)";
            default -> "(" + String.join(", ", Arrays.stream(shape).mapToObj(String::valueOf).toList()) + ")";
        };
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + dims + ", }";
    }

    /** Writes a header dictionary text and data bytes with numpy's preamble and 64-byte padding. */
    static Path writeRaw(Path file, String dict, byte[] data, int version) throws IOException {
        int pre = version == 1 ? 10 : 12;
        byte[] text = dict.getBytes(version == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int total = pre + text.length + 1;
        int pad = (64 - total % 64) % 64;
        int hlen = text.length + pad + 1;
        ByteBuffer b = ByteBuffer.allocate(pre + hlen + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) b.putShort((short) hlen);
        else b.putInt(hlen);
        b.put(text);
        for (int i = 0; i < pad; i++) b.put((byte) ' ');
        b.put((byte) '\n');
        b.put(data);
        Files.write(file, b.array());
        return file;
    }

    static double[] range(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return d;
    }
}
