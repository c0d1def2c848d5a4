package org.dina.data.formats;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.dina.tensor.Tensor;

/**
 * A numpy {@code .npy} file opened for reading. Files above {@link #MAP_THRESHOLD} bytes are memory-mapped, so a
 * 10,000-neuron by 5,600-trial float array costs no Java heap; smaller ones are read into memory.
 */
public final class NpyArray implements NdArray {
    /** Files larger than this are memory-mapped rather than read. */
    public static final long MAP_THRESHOLD = 1 << 20;
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_BE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE_BE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final Path file;
    private final NpyHeader header;
    private final MemorySegment data; // element data only
    private final boolean mapped;
    private final boolean little;

    private NpyArray(Path file, NpyHeader header, MemorySegment data, boolean mapped) {
        this.file = file;
        this.header = header;
        this.data = data;
        this.mapped = mapped;
        this.little = header.order() == ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Opens a {@code .npy} file, checking the header against the file size before any data is touched.
     *
     * @param file the file
     * @return the array, memory-mapped above {@link #MAP_THRESHOLD} bytes
     * @throws DataFormatException naming the file when it is missing, truncated, or its header is not a valid one
     */
    public static NpyArray open(Path file) throws DataFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int headRead = (int) Math.min(size, NpyHeader.MAX_HEADER_BYTES + 16L);
            ByteBuffer head = ByteBuffer.allocate(Math.min(headRead, 4096));
            readFully(ch, head, 0);
            byte[] first = head.array();
            // the header length sits in bytes 8..11; read the whole header only when it is longer than 4 kB
            if (first.length >= 12 && headerEnd(first) > first.length && headerEnd(first) <= size) {
                ByteBuffer all = ByteBuffer.allocate((int) headerEnd(first));
                readFully(ch, all, 0);
                first = all.array();
            }
            NpyHeader h = NpyHeader.parse(file, first, size);
            MemorySegment seg;
            boolean mapped = size > MAP_THRESHOLD;
            if (h.dataBytes() == 0) {
                seg = MemorySegment.ofArray(new byte[0]);
                mapped = false;
            } else if (mapped) {
                seg = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset(), h.dataBytes(), Arena.ofAuto());
            } else {
                ByteBuffer buf = ByteBuffer.allocate((int) h.dataBytes());
                readFully(ch, buf, h.dataOffset());
                seg = MemorySegment.ofArray(buf.array());
            }
            return new NpyArray(file, h, seg, mapped);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "no such file");
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read: " + e, e);
        }
    }

    /** Byte offset where the header ends, from the preamble (0 when unknown). */
    private static long headerEnd(byte[] b) {
        int major = b[6] & 0xff;
        if (major == 1) return 10 + ((b[8] & 0xff) | (b[9] & 0xff) << 8);
        if (major == 2 || major == 3) {
            long len = (b[8] & 0xffL) | (b[9] & 0xffL) << 8 | (b[10] & 0xffL) << 16 | (b[11] & 0xffL) << 24;
            return len > NpyHeader.MAX_HEADER_BYTES ? 0 : 12 + len;
        }
        return 0;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) break;
            p += n;
        }
        buf.flip();
        if (buf.limit() < buf.capacity()) {
            // the caller sized the buffer from the file size, so a short read means the file shrank under us
            throw new IOException("file ended early");
        }
    }

    /** {@return the parsed header} */
    public NpyHeader header() { return header; }

    /** {@return whether the data is memory-mapped (large file) rather than read into memory} */
    public boolean isMapped() { return mapped; }

    @Override public Path file() { return file; }
    @Override public String name() { return file.getFileName().toString(); }
    @Override public int[] shape() { return header.shape().clone(); }
    @Override public boolean fortranOrder() { return header.fortranOrder(); }
    @Override public ElementType type() { return header.type(); }
    @Override public long size() { return header.count(); }

    @Override
    public double getDouble(long i) {
        long b = i * header.itemSize();
        return switch (header.type()) {
            case BOOL -> data.get(ValueLayout.JAVA_BYTE, b) != 0 ? 1 : 0;
            case INT8 -> data.get(ValueLayout.JAVA_BYTE, b);
            case UINT8 -> data.get(ValueLayout.JAVA_BYTE, b) & 0xff;
            case INT16 -> data.get(little ? SHORT_LE : SHORT_BE, b);
            case UINT16 -> data.get(little ? SHORT_LE : SHORT_BE, b) & 0xffff;
            case INT32 -> data.get(little ? INT_LE : INT_BE, b);
            case UINT32 -> data.get(little ? INT_LE : INT_BE, b) & 0xffffffffL;
            case INT64 -> data.get(little ? LONG_LE : LONG_BE, b);
            case UINT64 -> unsignedToDouble(data.get(little ? LONG_LE : LONG_BE, b));
            case FLOAT32 -> data.get(little ? Tensor.FLOAT : FLOAT_BE, b);
            case FLOAT64 -> data.get(little ? DOUBLE_LE : DOUBLE_BE, b);
            case TEXT, OTHER -> throw new IllegalStateException(file + ": " + describe() + " holds no numbers");
        };
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /**
     * One element of a text ({@code <U n}) array.
     *
     * @param i its storage position
     * @return the text, trailing NULs removed
     * @throws IllegalStateException when the array holds no text
     */
    public String getString(long i) {
        if (header.type() != ElementType.TEXT) throw new IllegalStateException(file + ": " + describe() + " holds no text");
        int n = header.textLength();
        long b = i * header.itemSize();
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            int cp = data.get(little ? INT_LE : INT_BE, b + 4L * k);
            if (cp == 0) break;
            if (Character.isValidCodePoint(cp)) sb.appendCodePoint(cp);
            else sb.append('\uFFFD');
        }
        return sb.toString();
    }

    /**
     * The array as a float32 tensor of its logical shape without copying, when it is stored as little-endian
     * float32 in C order and memory-mapped.
     *
     * @return a tensor over the mapped file, or null otherwise (the caller then converts)
     */
    public Tensor mappedFloatTensor() {
        if (!mapped || header.type() != ElementType.FLOAT32 || !little || header.fortranOrder()) return null;
        return Tensor.wrap(data, 0, header.shape());
    }

    @Override
    public String toString() {
        return file + " " + describe() + (mapped ? " (mapped)" : "") + " " + Arrays.toString(strides());
    }
}
