package org.dina.data.formats;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import us.hebi.matlab.mat.format.BufferAllocator;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/** Variables of a MATLAB 5.0 MAT-file, parsed by MFL from a {@link MatSource}. */
final class Mat5Variables extends MatVariables {
    /** Deflate never expands data more than about 1032 times; a size claim beyond that is corruption. */
    static final long MAX_INFLATION = 1100;

    private final Mat5File mat;
    private final Set<String> names;

    private Mat5Variables(Path file, Mat5File mat) {
        super(file);
        this.mat = mat;
        Set<String> n = new LinkedHashSet<>();
        for (MatFile.Entry e : mat.getEntries()) n.add(e.getName());
        this.names = n;
    }

    static Mat5Variables read(Path file, Set<String> wanted) throws DataFormatException {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "no such file");
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read: " + e, e);
        }
        prescan(file, fileSize);
        long budget = fileSize * MAX_INFLATION + (1 << 16);
        BufferAllocator allocator = new BudgetAllocator(file, budget);
        try (InputStream raw = Files.newInputStream(file);
             MatSource source = new MatSource(new BufferedInputStream(raw, 1 << 16))) {
            Mat5File mat = Mat5.newReader(source)
                    .setBufferAllocator(allocator)
                    .setEntryFilter(h -> {
                        if (wanted != null && !wanted.contains(h.getName())) return false;
                        long bytes = (long) h.getNumElements() * bytesPer(h.getType());
                        if (h.getNumElements() < 0 || bytes > budget) {
                            throw new Failures.SizeClaimException("variable '" + h.getName() + "' claims dimensions "
                                    + Arrays.toString(h.getDimensions()) + ", more than a " + fileSize + "-byte file can hold");
                        }
                        return true;
                    })
                    .disableSubsystemProcessing()
                    .readMat();
            return new Mat5Variables(file, mat);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "no such file");
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new DataFormatException(file, "corrupt MATLAB 5.0 file: " + Failures.describe(e), e);
        }
    }

    /**
     * Walks the top-level data elements (8-byte tag: type, byte count) and checks that each fits in the file, so
     * that a truncated or corrupt file is named as such before MFL (which prints its own complaints) sees it.
     */
    static void prescan(Path file, long size) throws DataFormatException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer head = ByteBuffer.allocate(128);
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) { }
            if (head.hasRemaining()) throw new DataFormatException(file, "truncated MATLAB 5.0 file: no complete 128-byte header");
            java.nio.ByteOrder order = head.get(126) == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
            long pos = 128;
            ByteBuffer tag = ByteBuffer.allocate(8).order(order);
            while (pos < size) {
                tag.clear();
                while (tag.hasRemaining() && ch.read(tag, pos + tag.position()) > 0) { }
                if (tag.hasRemaining()) {
                    throw new DataFormatException(file, "truncated MATLAB 5.0 file: a variable starts at byte " + pos
                            + " but the file ends " + (size - pos) + " bytes later");
                }
                int type = tag.getInt(0);
                long bytes = tag.getInt(4) & 0xffffffffL;
                if ((type >>> 16) != 0) { // small data element: tag and data in 8 bytes
                    pos += 8;
                    continue;
                }
                if (type != 14 && type != 15) {
                    throw new DataFormatException(file, "corrupt MATLAB 5.0 file: element at byte " + pos + " has type " + type
                            + " (a variable must be a matrix or compressed)");
                }
                long end = pos + 8 + bytes + (type == 14 ? (8 - bytes % 8) % 8 : 0);
                if (pos + 8 + bytes > size) {
                    throw new DataFormatException(file, "truncated MATLAB 5.0 file: the variable at byte " + pos + " claims "
                            + bytes + " bytes but only " + (size - pos - 8) + " follow");
                }
                pos = end;
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read: " + e, e);
        }
    }

    private static int bytesPer(MatlabType t) {
        return switch (t) {
            case Int8, UInt8 -> 1;
            case Int16, UInt16, Character -> 2;
            case Int32, UInt32, Single -> 4;
            default -> 8;
        };
    }

    @Override public Version version() { return Version.V5; }
    @Override public Set<String> names() { return names; }

    @Override
    public NdArray array(String name) throws DataFormatException {
        if (!names.contains(name)) throw missing(name);
        return wrap(name, mat.getArray(name));
    }

    @Override
    public boolean hasField(String struct, String field) {
        if (!names.contains(struct)) return false;
        Array a = mat.getArray(struct);
        return a instanceof Struct s && s.getNumElements() == 1 && s.getFieldNames().contains(field);
    }

    @Override
    public NdArray field(String struct, String field) throws DataFormatException {
        if (!names.contains(struct)) throw missing(struct);
        Array a = mat.getArray(struct);
        if (!(a instanceof Struct s) || a.getType() != MatlabType.Structure) {
            throw new DataFormatException(file, "'" + struct + "' is a " + a.getType() + ", expected a struct");
        }
        if (s.getNumElements() != 1) {
            throw new DataFormatException(file, "'" + struct + "' is a " + Arrays.toString(s.getDimensions())
                    + " struct array, expected a single struct");
        }
        if (!s.getFieldNames().contains(field)) {
            throw new DataFormatException(file, "struct '" + struct + "' has no field '" + field + "' (fields: "
                    + s.getFieldNames() + ")");
        }
        return wrap(struct + "." + field, s.get(field));
    }

    @Override
    public List<String> strings(String name) throws DataFormatException {
        if (!names.contains(name)) throw missing(name);
        Array a = mat.getArray(name);
        List<String> out = new ArrayList<>();
        if (a instanceof Char c) {
            for (int r = 0; r < c.getNumRows(); r++) out.add(c.getRow(r).strip());
            return out;
        }
        if (!(a instanceof Cell cell)) {
            throw new DataFormatException(file, "'" + name + "' is a " + a.getType() + ", expected a cell array of text");
        }
        for (int i = 0; i < cell.getNumElements(); i++) {
            Array el = cell.get(i);
            if (!(el instanceof Char c)) {
                throw new DataFormatException(file, "'" + name + "' element " + i + " is a " + el.getType() + ", expected text");
            }
            out.add(c.getString().strip());
        }
        return out;
    }

    private NdArray wrap(String name, Array a) throws DataFormatException {
        ElementType type = typeOf(a);
        if (!(a instanceof Matrix m) || type == ElementType.OTHER || type == ElementType.TEXT) {
            return new Opaque(file, name, a.getDimensions(), type == ElementType.TEXT ? type : ElementType.OTHER);
        }
        return new MflArray(file, name, m, type);
    }

    private static ElementType typeOf(Array a) {
        if (a instanceof Matrix m) {
            if (m.isComplex()) return ElementType.OTHER;
            if (m.isLogical()) return ElementType.BOOL;
        }
        return switch (a.getType()) {
            case Double -> ElementType.FLOAT64;
            case Single -> ElementType.FLOAT32;
            case Int8 -> ElementType.INT8;
            case UInt8 -> ElementType.UINT8;
            case Int16 -> ElementType.INT16;
            case UInt16 -> ElementType.UINT16;
            case Int32 -> ElementType.INT32;
            case UInt32 -> ElementType.UINT32;
            case Int64 -> ElementType.INT64;
            case UInt64 -> ElementType.UINT64;
            case Character -> ElementType.TEXT;
            default -> ElementType.OTHER;
        };
    }

    @Override
    public void close() {
        try {
            mat.close();
        } catch (IOException | RuntimeException ignored) {
            // buffers are released by the garbage collector anyway
        }
    }

    /** Hands out heap buffers while the total stays within what the file could possibly inflate to. */
    private static final class BudgetAllocator implements BufferAllocator {
        private final Path file;
        private long left;

        BudgetAllocator(Path file, long budget) {
            this.file = file;
            this.left = budget;
        }

        @Override
        public ByteBuffer allocate(int numBytes) {
            if (numBytes < 0 || numBytes > left) {
                throw new Failures.SizeClaimException("an array claims " + numBytes + " bytes, more than the file can hold");
            }
            left -= numBytes;
            return ByteBuffer.allocate(numBytes).order(Mat5.DEFAULT_ORDER);
        }

        @Override
        public void release(ByteBuffer buffer) { }
    }

    /** A numeric MATLAB matrix (column-major). */
    private record MflArray(Path file, String name, Matrix m, ElementType type) implements NdArray {
        @Override public int[] shape() { return m.getDimensions(); }
        @Override public boolean fortranOrder() { return true; }
        @Override public double getDouble(long i) { return m.getDouble((int) i); }
    }

    /** A variable that holds no numbers (struct, cell, text...): its shape and kind, for messages. */
    record Opaque(Path file, String name, int[] shape, ElementType type) implements NdArray {
        @Override public boolean fortranOrder() { return true; }
        @Override public double getDouble(long i) {
            throw new IllegalStateException(file + ": '" + name + "' holds no numbers");
        }
    }
}
