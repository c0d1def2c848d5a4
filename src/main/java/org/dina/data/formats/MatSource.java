package org.dina.data.formats;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import us.hebi.matlab.mat.types.Source;

/**
 * A sequential byte source for the MFL MAT-file parser, over a stream, with an exact position and a hard stop at
 * the end of the data.
 *
 * <p>Why not MFL's own sources: they load {@code sun.misc.Unsafe}, which JDK 25 answers with a warning on stderr,
 * and they inflate compressed variables into one buffer of whatever size the file claims. Here compressed variables
 * are inflated as a stream from the parent's bytes, so a corrupt size claim meets the end of the data instead of
 * an allocation.
 */
final class MatSource implements Source {
    private final InputStream in;
    private final MatSource parent; // the source whose bytes a child inflates; null for the file itself
    private final Inflater inflater;
    private long remainingInParent; // compressed bytes of the parent this child may still consume
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private long position;
    private final byte[] scratch = new byte[8];
    private boolean closed;

    /** A source over {@code in}, position 0 at its first byte. */
    MatSource(InputStream in) {
        this.in = in;
        this.parent = null;
        this.inflater = null;
    }

    private MatSource(MatSource parent, long compressedBytes) {
        this.parent = parent;
        this.remainingInParent = compressedBytes;
        this.inflater = new Inflater();
        this.in = new InflaterInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remainingInParent <= 0) return -1;
                int n = (int) Math.min(len, remainingInParent);
                int got = parent.readSome(b, off, n);
                if (got > 0) remainingInParent -= got;
                return got;
            }
        }, inflater, 8192);
        this.order = parent.order;
    }

    /** Reads up to {@code len} bytes (at least one unless at the end), advancing the position. */
    private int readSome(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) position += n;
        return n;
    }

    @Override public Source order(ByteOrder byteOrder) { this.order = byteOrder; return this; }
    @Override public ByteOrder order() { return order; }
    @Override public long getPosition() { return position; }
    @Override public boolean isMutatedByChildren() { return true; }

    @Override
    public void readBytes(byte[] buffer, int offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new IOException("invalid read of " + length + " bytes");
        }
        int done = 0;
        while (done < length) {
            int n = readSome(buffer, offset + done, length - done);
            if (n < 0) throw new EOFException("the data ends early (needed " + (length - done) + " more bytes)");
            done += n;
        }
    }

    @Override
    public byte readByte() throws IOException {
        readBytes(scratch, 0, 1);
        return scratch[0];
    }

    private ByteBuffer scratch(int n) throws IOException {
        readBytes(scratch, 0, n);
        return ByteBuffer.wrap(scratch, 0, n).order(order);
    }

    @Override public short readShort() throws IOException { return scratch(2).getShort(); }
    @Override public int readInt() throws IOException { return scratch(4).getInt(); }
    @Override public long readLong() throws IOException { return scratch(8).getLong(); }
    @Override public float readFloat() throws IOException { return scratch(4).getFloat(); }
    @Override public double readDouble() throws IOException { return scratch(8).getDouble(); }

    @Override
    public void readShorts(short[] buffer, int offset, int length) throws IOException {
        for (int i = 0; i < length; i++) buffer[offset + i] = readShort();
    }

    @Override
    public void readInts(int[] buffer, int offset, int length) throws IOException {
        for (int i = 0; i < length; i++) buffer[offset + i] = readInt();
    }

    @Override
    public void readLongs(long[] buffer, int offset, int length) throws IOException {
        for (int i = 0; i < length; i++) buffer[offset + i] = readLong();
    }

    @Override
    public void readFloats(float[] buffer, int offset, int length) throws IOException {
        for (int i = 0; i < length; i++) buffer[offset + i] = readFloat();
    }

    @Override
    public void readDoubles(double[] buffer, int offset, int length) throws IOException {
        for (int i = 0; i < length; i++) buffer[offset + i] = readDouble();
    }

    @Override
    public void readByteBuffer(ByteBuffer buffer) throws IOException {
        if (buffer.hasArray()) {
            int n = buffer.remaining();
            readBytes(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
            buffer.position(buffer.position() + n);
            return;
        }
        byte[] chunk = new byte[(int) Math.min(buffer.remaining(), 1 << 16)];
        while (buffer.hasRemaining()) {
            int n = Math.min(chunk.length, buffer.remaining());
            readBytes(chunk, 0, n);
            buffer.put(chunk, 0, n);
        }
    }

    @Override
    public void skip(long numBytes) throws IOException {
        if (numBytes < 0) throw new IOException("negative skip of " + numBytes + " bytes");
        byte[] chunk = new byte[(int) Math.min(numBytes, 1 << 16)];
        long left = numBytes;
        while (left > 0) {
            int n = readSome(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) throw new EOFException("the data ends early (skipping " + left + " more bytes)");
            left -= n;
        }
    }

    @Override
    public Source readInflated(int numBytes, int inflateBufferSize) throws IOException {
        if (numBytes < 0) throw new IOException("compressed variable claims " + numBytes + " bytes");
        return new MatSource(this, numBytes);
    }

    /** A child gives back the compressed bytes it did not use, so the parent continues after them. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        if (parent != null) {
            inflater.end();
            if (remainingInParent > 0) parent.skip(remainingInParent);
            remainingInParent = 0;
        } else {
            in.close();
        }
    }
}
