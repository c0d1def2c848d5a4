package org.dina.data.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Checks shared by the readers; each failure is a {@link DataFormatException} naming the file. */
final class Readers {
    private Readers() {}

    static void requireNumeric(NdArray a, String role) throws DataFormatException {
        if (!a.type().isNumeric()) {
            throw new DataFormatException(a.file(), a.name() + ": " + role + " must be numbers, got "
                    + a.type().name().toLowerCase(java.util.Locale.ROOT) + " " + Arrays.toString(a.shape()));
        }
    }

    /** Numeric, non-empty, and one of the given ranks. */
    static void require(NdArray a, String role, int... ranks) throws DataFormatException {
        requireNumeric(a, role);
        int[] s = a.shape();
        boolean rankOk = false;
        for (int r : ranks) rankOk |= s.length == r;
        if (!rankOk) {
            throw new DataFormatException(a.file(), a.name() + ": " + role + " must have " + ranksText(ranks)
                    + " dimensions, got shape " + Arrays.toString(s));
        }
        for (int d : s) {
            if (d == 0) throw new DataFormatException(a.file(), a.name() + ": " + role + " is empty, shape " + Arrays.toString(s));
        }
    }

    private static String ranksText(int... ranks) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ranks.length; i++) sb.append(i == 0 ? "" : i == ranks.length - 1 ? " or " : ", ").append(ranks[i]);
        return sb.toString();
    }

    /** Whether {@code path} is a folder holding every one of {@code files} (how folder readers recognise theirs). */
    static boolean folderWith(Path path, String... files) {
        if (!Files.isDirectory(path)) return false;
        for (String f : files) if (!Files.isRegularFile(path.resolve(f))) return false;
        return true;
    }

    static Path requireFile(Path dir, String name) throws DataFormatException {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) throw new DataFormatException(p, "missing (expected next to the other files of " + dir + ")");
        return p;
    }

    /** Reads a 1-D integer array (any numeric type holding whole numbers). */
    static long[] wholeNumbers(NdArray a, String role) throws DataFormatException {
        requireNumeric(a, role);
        int[] s = a.shape();
        long n = a.size();
        int nonSingleton = 0;
        for (int d : s) if (d != 1) nonSingleton++;
        if (nonSingleton > 1) {
            throw new DataFormatException(a.file(), a.name() + ": " + role + " must be a vector, got shape " + Arrays.toString(s));
        }
        if (n == 0) throw new DataFormatException(a.file(), a.name() + ": " + role + " is empty");
        long[] out = new long[Math.toIntExact(n)];
        for (int i = 0; i < out.length; i++) {
            double v = a.getDouble(i);
            if (v != Math.rint(v) || Math.abs(v) > 1e15) {
                throw new DataFormatException(a.file(), a.name() + ": " + role + " must be whole numbers; element " + i + " is " + v);
            }
            out[i] = (long) v;
        }
        return out;
    }

    /** Neuron positions (x, y) from the first two columns of an [N, 2+] array, or null when the shape does not fit. */
    static org.dina.tensor.Tensor positions(NdArray a, int neurons, ReportBuilder report) throws DataFormatException {
        if (!a.type().isNumeric() || a.rank() != 2 || a.dim(0) != neurons || a.dim(1) < 2) {
            report.note("neuron positions " + a.describe() + " ignored: expected [" + neurons + ", 2 or 3]");
            return null;
        }
        return firstColumns(a, neurons, 2, "neuron positions", report);
    }

    /** Cell centres (x, y, depth) from the first three columns of an [N, 3+] array, or null (with a note) when one is not finite. */
    static org.dina.tensor.Tensor centres(NdArray a, int neurons, ReportBuilder report) {
        return firstColumns(a, neurons, 3, "3-D cell centres", report);
    }

    /** The first {@code columns} columns of an [N, columns+] array as [N, columns], or null (with a note) when one is not finite. */
    private static org.dina.tensor.Tensor firstColumns(NdArray a, int neurons, int columns, String what, ReportBuilder report) {
        long[] st = a.strides();
        float[] v = new float[neurons * columns];
        for (int i = 0; i < neurons; i++) {
            for (int c = 0; c < columns; c++) {
                double x = a.getDouble(i * st[0] + c * st[1]);
                if (!Double.isFinite(x)) {
                    report.note(what + " " + a.describe() + " ignored: neuron " + i + " has " + x);
                    return null;
                }
                v[columns * i + c] = (float) x;
            }
        }
        return org.dina.tensor.Tensor.of(v, neurons, columns);
    }
}
