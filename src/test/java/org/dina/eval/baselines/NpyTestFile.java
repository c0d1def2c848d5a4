package org.dina.eval.baselines;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only reader of the small real recordings stored as NumPy {@code .npy} files: C-order, little-endian float64
 * ('<f8') or float32 ('<f4'), format versions 1 to 3. Anything else is refused with the header in the message.
 */
record NpyTestFile(int[] shape, double[] data) {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    static NpyTestFile read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 10 || (all[0] & 0xFF) != 0x93 || !new String(all, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(file + ": not a .npy file (bad magic)");
        }
        int major = all[6];
        int headerLen, start;
        if (major == 1) { headerLen = b.getShort(8) & 0xFFFF; start = 10; }
        else if (major == 2 || major == 3) { headerLen = b.getInt(8); start = 12; }
        else throw new IOException(file + ": unsupported .npy version " + major);
        String header = new String(all, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file), fortran = group(FORTRAN, header, file), shapeText = group(SHAPE, header, file);
        if (!fortran.equals("False")) throw new IOException(file + ": Fortran-order arrays are not supported: " + header);
        int width = switch (descr) {
            case "<f8" -> 8;
            case "<f4" -> 4;
            default -> throw new IOException(file + ": only '<f8' and '<f4' are supported, header says " + header);
        };
        String[] parts = shapeText.split(",");
        int count = 0;
        for (String p : parts) if (!p.isBlank()) count++;
        int[] shape = new int[count];
        long n = 1;
        for (int i = 0, k = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) continue;
            shape[k] = Integer.parseInt(parts[i].trim());
            n *= shape[k++];
        }
        int dataStart = start + headerLen;
        if (all.length - dataStart != n * width) {
            throw new IOException(file + ": " + (all.length - dataStart) + " data bytes for shape " + shapeText + " of " + descr);
        }
        double[] data = new double[(int) n];
        for (int i = 0; i < n; i++) data[i] = width == 8 ? b.getDouble(dataStart + 8 * i) : b.getFloat(dataStart + 4 * i);
        return new NpyTestFile(shape, data);
    }

    private static String group(Pattern p, String header, Path file) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IOException(file + ": header lacks " + p.pattern() + ": " + header);
        return m.group(1);
    }
}
