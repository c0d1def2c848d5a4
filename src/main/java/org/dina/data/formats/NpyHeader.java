package org.dina.data.formats;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a numpy {@code .npy} file (format versions 1, 2 and 3): element type, byte order, storage order and
 * shape, parsed from the Python dictionary literal numpy writes, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}.
 *
 * @param type        element type
 * @param order       byte order of multi-byte elements
 * @param itemSize    bytes per element
 * @param textLength  characters per element for text ({@code <U n}), else 0
 * @param fortranOrder storage order
 * @param shape       logical shape
 * @param dataOffset  byte offset of the first element in the file
 * @param dataBytes   bytes of element data the header promises
 */
public record NpyHeader(ElementType type, ByteOrder order, int itemSize, int textLength, boolean fortranOrder,
                        int[] shape, long dataOffset, long dataBytes) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** A longer header than this is a corrupt length field (numpy itself refuses headers over 10 kB by default). */
    static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int MAX_NESTING = 16;

    /** {@return the number of elements} */
    public long count() {
        long n = 1;
        for (int d : shape) n *= d; // checked to fit when parsed
        return n;
    }

    /**
     * Parses the header at the start of {@code bytes} (which must hold at least the whole header) of a file of
     * {@code fileSize} bytes, checking every claim against the file size.
     */
    static NpyHeader parse(Path file, byte[] bytes, long fileSize) throws DataFormatException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new DataFormatException(file, "not a numpy .npy file (no \\x93NUMPY magic at the start)");
        }
        int major = bytes[6] & 0xff;
        int preamble;
        long headerLength;
        if (major == 1) {
            preamble = 10;
            headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new DataFormatException(file, "truncated .npy header");
            preamble = 12;
            headerLength = (bytes[8] & 0xffL) | (bytes[9] & 0xffL) << 8 | (bytes[10] & 0xffL) << 16 | (bytes[11] & 0xffL) << 24;
        } else {
            throw new DataFormatException(file, "unsupported .npy format version " + major + "." + (bytes[7] & 0xff)
                    + " (supported: 1, 2, 3)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new DataFormatException(file, "corrupt .npy header: claims a header of " + headerLength + " bytes");
        }
        long dataOffset = preamble + headerLength;
        if (dataOffset > fileSize || dataOffset > bytes.length) {
            throw new DataFormatException(file, "truncated .npy file: the header needs " + dataOffset
                    + " bytes but the file has " + fileSize);
        }
        String text = new String(bytes, preamble, (int) headerLength,
                major == 3 ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.StandardCharsets.ISO_8859_1);
        Object parsed = new LiteralParser(file, text).parseAll();
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw new DataFormatException(file, "corrupt .npy header: not a dictionary: " + abbreviate(text));
        }
        Object descr = dict.get("descr"), fortran = dict.get("fortran_order"), shapeValue = dict.get("shape");
        if (descr == null || fortran == null || shapeValue == null) {
            throw new DataFormatException(file, "corrupt .npy header: needs 'descr', 'fortran_order' and 'shape': "
                    + abbreviate(text));
        }
        if (!(descr instanceof String d)) {
            throw new DataFormatException(file, "structured numpy dtypes are not supported (descr " + abbreviate(String.valueOf(descr)) + ")");
        }
        if (!(fortran instanceof Boolean fortranOrder)) {
            throw new DataFormatException(file, "corrupt .npy header: fortran_order is " + fortran);
        }
        if (!(shapeValue instanceof List<?> dims)) {
            throw new DataFormatException(file, "corrupt .npy header: shape is " + shapeValue);
        }
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long v) || v < 0) {
                throw new DataFormatException(file, "corrupt .npy header: shape " + dims);
            }
            if (v > Integer.MAX_VALUE) {
                throw new DataFormatException(file, "shape " + dims + ": dimension " + v + " is too large");
            }
            shape[i] = (int) (long) v;
            count = multiplyOrFail(file, count, v, dims);
        }
        NpyHeader h = fromDescr(file, d, fortranOrder, shape, dataOffset, 0);
        long dataBytes = multiplyOrFail(file, count, h.itemSize, dims);
        if (dataBytes > fileSize - dataOffset) {
            throw new DataFormatException(file, "truncated .npy file: the header promises " + count + " elements of '" + d
                    + "' (" + dataBytes + " bytes) in shape " + dims + " but only " + (fileSize - dataOffset)
                    + " bytes of data follow the header");
        }
        return new NpyHeader(h.type, h.order, h.itemSize, h.textLength, fortranOrder, shape, dataOffset, dataBytes);
    }

    private static long multiplyOrFail(Path file, long a, long b, List<?> dims) throws DataFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new DataFormatException(file, "shape " + dims + " holds more elements than any file can");
        }
    }

    private static NpyHeader fromDescr(Path file, String d, boolean fortran, int[] shape, long off, long bytes)
            throws DataFormatException {
        if (d.length() >= 2 && d.charAt(1) == 'O') {
            throw new DataFormatException(file, "unsupported numpy dtype '" + d + "' (pickled Python objects are not supported)");
        }
        if (d.length() < 3) throw new DataFormatException(file, "unsupported numpy dtype '" + d + "'");
        char bo = d.charAt(0);
        ByteOrder order = switch (bo) {
            case '<', '|', '=' -> ByteOrder.LITTLE_ENDIAN; // '=' is native; numpy only writes it on little-endian hosts here
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> throw new DataFormatException(file, "unsupported numpy dtype '" + d + "'");
        };
        char kind = d.charAt(1);
        int size;
        try {
            size = Integer.parseInt(d.substring(2));
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, "unsupported numpy dtype '" + d + "'");
        }
        ElementType type = null;
        int textLength = 0;
        switch (kind) {
            case 'b' -> type = size == 1 ? ElementType.BOOL : null;
            case 'i' -> type = switch (size) {
                case 1 -> ElementType.INT8; case 2 -> ElementType.INT16; case 4 -> ElementType.INT32; case 8 -> ElementType.INT64;
                default -> null;
            };
            case 'u' -> type = switch (size) {
                case 1 -> ElementType.UINT8; case 2 -> ElementType.UINT16; case 4 -> ElementType.UINT32; case 8 -> ElementType.UINT64;
                default -> null;
            };
            case 'f' -> type = switch (size) {
                case 4 -> ElementType.FLOAT32; case 8 -> ElementType.FLOAT64; default -> null;
            };
            case 'U' -> {
                if (size >= 0 && size <= (1 << 20)) {
                    type = ElementType.TEXT;
                    textLength = size;
                    size = Math.max(1, size) * 4; // numpy stores '<U0' with one (empty) code point
                    if (textLength == 0) size = 4;
                }
            }
            default -> { }
        }
        if (type == null) {
            String why = kind == 'O' ? " (pickled Python objects are not supported)"
                    : kind == 'c' ? " (complex numbers are not supported)" : "";
            throw new DataFormatException(file, "unsupported numpy dtype '" + d + "'" + why);
        }
        return new NpyHeader(type, order, size, textLength, fortran, shape, off, bytes);
    }

    static String abbreviate(String s) {
        s = s.strip();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && type == h.type && order.equals(h.order) && itemSize == h.itemSize
                && textLength == h.textLength && fortranOrder == h.fortranOrder && Arrays.equals(shape, h.shape)
                && dataOffset == h.dataOffset && dataBytes == h.dataBytes;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Long.hashCode(dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + type + ", " + order + ", shape " + Arrays.toString(shape) + (fortranOrder ? ", F order" : "") + "]";
    }

    /** Parses the small subset of Python literals numpy writes: dicts, tuples, lists, strings, ints, booleans. */
    private static final class LiteralParser {
        private final Path file;
        private final String s;
        private int pos;

        LiteralParser(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        Object parseAll() throws DataFormatException {
            Object v = value(0);
            skipSpace();
            if (pos != s.length()) throw fail("unexpected text after the dictionary");
            return v;
        }

        private Object value(int depth) throws DataFormatException {
            if (depth > MAX_NESTING) throw fail("nested too deeply");
            skipSpace();
            if (pos >= s.length()) throw fail("ends early");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> dict(depth);
                case '(' -> sequence(')', depth);
                case '[' -> sequence(']', depth);
                case '\'', '"' -> string();
                default -> {
                    if (c == '-' || Character.isDigit(c)) yield integer();
                    if (Character.isLetter(c)) yield word();
                    throw fail("unexpected character '" + c + "'");
                }
            };
        }

        private Map<Object, Object> dict(int depth) throws DataFormatException {
            pos++;
            Map<Object, Object> m = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (peek() == '}') { pos++; return m; }
                Object key = value(depth + 1);
                skipSpace();
                if (peek() != ':') throw fail("expected ':'");
                pos++;
                m.put(key, value(depth + 1));
                skipSpace();
                if (peek() == ',') pos++;
                else if (peek() != '}') throw fail("expected ',' or '}'");
            }
        }

        private List<Object> sequence(char close, int depth) throws DataFormatException {
            pos++;
            List<Object> l = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == close) { pos++; return l; }
                l.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') pos++;
                else if (peek() != close) throw fail("expected ',' or '" + close + "'");
            }
        }

        private String string() throws DataFormatException {
            char q = s.charAt(pos++);
            int end = s.indexOf(q, pos);
            if (end < 0) throw fail("unterminated string");
            String v = s.substring(pos, end);
            pos = end + 1;
            return v;
        }

        private Long integer() throws DataFormatException {
            int start = pos;
            if (peek() == '-') pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) pos++; // Python 2 long
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw fail("bad integer '" + digits + "'");
            }
        }

        private Object word() throws DataFormatException {
            int start = pos;
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) pos++;
            String w = s.substring(start, pos);
            return switch (w) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> "None";
                default -> throw fail("unexpected word '" + w + "'");
            };
        }

        private char peek() { return pos < s.length() ? s.charAt(pos) : '\0'; }

        private void skipSpace() {
            while (pos < s.length() && (Character.isWhitespace(s.charAt(pos)) || s.charAt(pos) == '\0')) pos++;
        }

        private DataFormatException fail(String what) {
            return new DataFormatException(file, "corrupt .npy header (" + what + " at character " + pos + "): " + abbreviate(s));
        }
    }
}
