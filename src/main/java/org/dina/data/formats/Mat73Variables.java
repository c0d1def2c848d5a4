package org.dina.data.formats;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Variables of a MATLAB 7.3 MAT-file: an HDF5 file behind a 512-byte MATLAB header, read with jhdf. MATLAB writes
 * its column-major arrays as HDF5 datasets with the dimensions reversed ({@code images} [16, 68, 270] is stored as
 * [270, 68, 16]); reversing them back gives MATLAB's shape over the same bytes in column-major order.
 */
final class Mat73Variables extends MatVariables {
    /** Elements per slab when copying a dataset out of jhdf, so its Java arrays stay small. */
    private static final long SLAB_ELEMENTS = 1 << 22;

    private final HdfFile hdf;
    private final long fileSize;
    private final Set<String> names;

    private Mat73Variables(Path file, HdfFile hdf, long fileSize) {
        super(file);
        this.hdf = hdf;
        this.fileSize = fileSize;
        Set<String> n = new LinkedHashSet<>();
        for (String k : hdf.getChildren().keySet()) if (!k.startsWith("#")) n.add(k); // #refs#, #subsystem#
        this.names = n;
    }

    static Mat73Variables open(Path file) throws DataFormatException {
        HdfFile hdf = null;
        try {
            long size = Files.size(file);
            checkLength(file, size);
            hdf = new HdfFile(file);
            return new Mat73Variables(file, hdf, size);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            if (hdf != null) closeQuietly(hdf);
            throw new DataFormatException(file, "corrupt MATLAB 7.3 (HDF5) file: " + Failures.describe(e), e);
        }
    }

    /**
     * Compares the file's length with the end-of-file address in its HDF5 superblock, so that a truncated file is
     * called truncated rather than failing somewhere inside the library.
     */
    static void checkLength(Path file, long size) throws IOException {
        byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            for (long at = 0; at + 64 <= size; at = at == 0 ? 512 : at * 2) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) { }
                if (b.hasRemaining() || !Arrays.equals(Arrays.copyOf(b.array(), 8), sig)) continue;
                int version = b.get(8) & 0xff;
                int o = version <= 1 ? b.get(13) & 0xff : b.get(9) & 0xff;
                if (o != 8) return; // unusual offset size: leave it to the library
                int baseAt = version == 0 ? 24 : version == 1 ? 28 : 12;
                long eof = b.getLong(baseAt + 2 * o);
                if (eof < 0) return; // undefined address
                // the HDF5 library records the end as an absolute offset (the user block included), whatever the
                // base address; the weaker reading never calls a whole file truncated
                if (eof > size) {
                    throw new DataFormatException(file, "truncated MATLAB 7.3 (HDF5) file: its superblock says it ends at byte "
                            + eof + " but the file has " + size + " bytes");
                }
                return;
            }
        }
        throw new DataFormatException(file, "corrupt MATLAB 7.3 file: no HDF5 superblock after the MATLAB header");
    }

    @Override public Version version() { return Version.V73; }
    @Override public Set<String> names() { return names; }

    @Override
    public NdArray array(String name) throws DataFormatException {
        if (!names.contains(name)) throw missing(name);
        return guarded(name, () -> read(name, hdf.getChild(name)));
    }

    @Override
    public boolean hasField(String struct, String field) {
        try {
            return names.contains(struct) && hdf.getChild(struct) instanceof Group g && g.getChildren().containsKey(field);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public NdArray field(String struct, String field) throws DataFormatException {
        if (!names.contains(struct)) throw missing(struct);
        return guarded(struct + "." + field, () -> {
            Node n = hdf.getChild(struct);
            if (!(n instanceof Group g)) {
                throw new DataFormatException(file, "'" + struct + "' is a " + matlabClass(n) + ", expected a struct");
            }
            Node f = g.getChildren().get(field);
            if (f == null) {
                throw new DataFormatException(file, "struct '" + struct + "' has no field '" + field + "' (fields: "
                        + g.getChildren().keySet() + ")");
            }
            return read(struct + "." + field, f);
        });
    }

    @Override
    public List<String> strings(String name) throws DataFormatException {
        throw new DataFormatException(file, "text cell arrays ('" + name + "') are not supported in MATLAB 7.3 files;"
                + " save the file with -v7 (MATLAB 5.0 format)");
    }

    private interface Read {
        NdArray get() throws DataFormatException;
    }

    private NdArray guarded(String name, Read r) throws DataFormatException {
        try {
            return r.get();
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new DataFormatException(file, "cannot read '" + name + "' from the MATLAB 7.3 (HDF5) file: "
                    + Failures.describe(e), e);
        }
    }

    private static String matlabClass(Node n) {
        Attribute a = n.getAttribute("MATLAB_class");
        Object v = a == null ? null : a.getData();
        if (v instanceof String s) return s.strip();
        return n.isGroup() ? "struct" : "dataset";
    }

    private NdArray read(String name, Node n) throws DataFormatException {
        String cls = matlabClass(n);
        if (!(n instanceof Dataset d)) {
            return new Mat5Variables.Opaque(file, name, new int[] {1, 1}, ElementType.OTHER);
        }
        int[] hdims = d.getDimensions();
        int[] shape = new int[Math.max(2, hdims.length)];
        Arrays.fill(shape, 1);
        for (int i = 0; i < hdims.length; i++) shape[i] = hdims[hdims.length - 1 - i];
        if (hdims.length == 1) shape = new int[] {hdims[0], 1};
        Attribute empty = n.getAttribute("MATLAB_empty");
        if (empty != null) {
            // MATLAB stores an empty array as its dimensions, flagged MATLAB_empty
            Arrays.fill(shape, 0);
            return new Mat5Variables.Opaque(file, name, shape, typeOf(cls, d.getDataType()));
        }
        ElementType type = typeOf(cls, d.getDataType());
        if (!type.isNumeric() && type != ElementType.BOOL) return new Mat5Variables.Opaque(file, name, shape, type);
        long count = 1;
        for (int s : hdims) count = Math.multiplyExact(count, (long) s);
        long claimed = count * Math.max(1, d.getDataType().getSize());
        if (claimed > fileSize * Mat5Variables.MAX_INFLATION + (1 << 16)) {
            throw new DataFormatException(file, "corrupt MATLAB 7.3 file: '" + name + "' claims dimensions "
                    + Arrays.toString(shape) + ", more than a " + fileSize + "-byte file can hold");
        }
        MemorySegment values = Arena.ofAuto().allocate(Math.max(1, count) * Double.BYTES, Double.BYTES);
        copyOut(d, hdims, count, values, type);
        return new HdfArray(file, name, shape, type, values);
    }

    /** Copies the dataset into {@code out} as doubles in HDF5 (C) order, slab by slab along the first dimension. */
    private static void copyOut(Dataset d, int[] hdims, long count, MemorySegment out, ElementType type) {
        if (count == 0) return;
        if (hdims.length == 0 || count <= SLAB_ELEMENTS) {
            Object flat = d.getDataFlat();
            fill(flat, out, 0, type);
            return;
        }
        long rowElems = count / hdims[0];
        int rowsPerSlab = (int) Math.max(1, SLAB_ELEMENTS / Math.max(1, rowElems));
        long at = 0;
        for (int r = 0; r < hdims[0]; r += rowsPerSlab) {
            int rows = Math.min(rowsPerSlab, hdims[0] - r);
            long[] offset = new long[hdims.length];
            offset[0] = r;
            int[] dims = hdims.clone();
            dims[0] = rows;
            at = fill(d.getData(offset, dims), out, at, type);
        }
    }

    /** Writes the primitive leaves of a (nested) Java array in order; returns the next index. */
    private static long fill(Object a, MemorySegment out, long at, ElementType type) {
        switch (a) {
            case double[] v -> { for (double x : v) out.setAtIndex(ValueLayout.JAVA_DOUBLE, at++, x); }
            case float[] v -> { for (float x : v) out.setAtIndex(ValueLayout.JAVA_DOUBLE, at++, x); }
            case long[] v -> {
                for (long x : v) {
                    double y = type == ElementType.UINT64 && x < 0 ? (double) (x >>> 1) * 2.0 + (x & 1) : x;
                    out.setAtIndex(ValueLayout.JAVA_DOUBLE, at++, y);
                }
            }
            case int[] v -> {
                for (int x : v) out.setAtIndex(ValueLayout.JAVA_DOUBLE, at++, type == ElementType.UINT32 ? x & 0xffffffffL : x);
            }
            case short[] v -> {
                for (short x : v) out.setAtIndex(ValueLayout.JAVA_DOUBLE, at++, type == ElementType.UINT16 ? x & 0xffff : x);
            }
            case byte[] v -> {
                for (byte x : v) out.setAtIndex(ValueLayout.JAVA_DOUBLE, at++, type == ElementType.UINT8 ? x & 0xff : x);
            }
            case boolean[] v -> { for (boolean x : v) out.setAtIndex(ValueLayout.JAVA_DOUBLE, at++, x ? 1 : 0); }
            case Object[] v -> { for (Object x : v) at = fill(x, out, at, type); }
            case null, default -> throw new IllegalStateException("unexpected HDF5 data " + (a == null ? "null" : a.getClass().getSimpleName()));
        }
        return at;
    }

    private static ElementType typeOf(String matlabClass, DataType t) {
        ElementType fromClass = switch (matlabClass.toLowerCase(Locale.ROOT)) {
            case "double" -> ElementType.FLOAT64;
            case "single" -> ElementType.FLOAT32;
            case "int8" -> ElementType.INT8;
            case "uint8" -> ElementType.UINT8;
            case "int16" -> ElementType.INT16;
            case "uint16" -> ElementType.UINT16;
            case "int32" -> ElementType.INT32;
            case "uint32" -> ElementType.UINT32;
            case "int64" -> ElementType.INT64;
            case "uint64" -> ElementType.UINT64;
            case "logical" -> ElementType.BOOL;
            case "char" -> ElementType.TEXT;
            case "dataset" -> null; // no MATLAB_class: judge by the HDF5 type
            default -> ElementType.OTHER;
        };
        if (fromClass != null) {
            // the stored HDF5 type must be a number too, or the class attribute is lying
            if ((fromClass.isNumeric() || fromClass == ElementType.BOOL)
                    && !(t instanceof FixedPoint) && !(t instanceof FloatingPoint)) {
                return ElementType.OTHER;
            }
            return fromClass;
        }
        if (t instanceof FloatingPoint) return t.getSize() == 4 ? ElementType.FLOAT32 : ElementType.FLOAT64;
        if (t instanceof FixedPoint f) {
            boolean s = f.isSigned();
            return switch (f.getSize()) {
                case 1 -> s ? ElementType.INT8 : ElementType.UINT8;
                case 2 -> s ? ElementType.INT16 : ElementType.UINT16;
                case 4 -> s ? ElementType.INT32 : ElementType.UINT32;
                default -> s ? ElementType.INT64 : ElementType.UINT64;
            };
        }
        return ElementType.OTHER;
    }

    @Override
    public void close() {
        closeQuietly(hdf);
    }

    private static void closeQuietly(HdfFile f) {
        try {
            f.close();
        } catch (RuntimeException ignored) {
            // nothing left to release that matters
        }
    }

    /** A dataset copied out as doubles; storage order is MATLAB's column-major over {@link #shape()}. */
    private record HdfArray(Path file, String name, int[] shape, ElementType type, MemorySegment values) implements NdArray {
        @Override public boolean fortranOrder() { return true; }
        @Override public double getDouble(long i) { return values.getAtIndex(ValueLayout.JAVA_DOUBLE, i); }
        @Override public int[] shape() { return shape.clone(); }
    }
}
