package org.dina.tensor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A float32 tensor over off-heap memory: a {@link MemorySegment}, an element offset, a shape and strides.
 *
 * <p>Views (reshape, slice, transpose) share memory. Kernels take the raw segment plus an element offset and
 * leading dimensions, BLAS-style, so that a tensor never has to be copied to be computed on.
 */
public final class Tensor {
    /** Little-endian float, unaligned so that memory-mapped files at any offset work. */
    public static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Alignment of fresh allocations: one AVX-512 register / cache line. */
    public static final long ALIGNMENT = 64;

    // running totals of fresh allocations, so that tests and benchmarks can check that a warm step allocates nothing
    private static final AtomicLong ALLOCATIONS = new AtomicLong(), ALLOCATED_BYTES = new AtomicLong();

    private final MemorySegment data;
    private final long offset;
    private final int[] shape;
    private final long[] strides;

    private Tensor(MemorySegment data, long offset, int[] shape, long[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /** A zero-filled contiguous tensor whose lifetime is that of {@code arena}. */
    public static Tensor zeros(Arena arena, int... shape) {
        long n = count(shape);
        MemorySegment seg = arena.allocate(Math.max(1, n) * Float.BYTES, ALIGNMENT);
        ALLOCATIONS.incrementAndGet();
        ALLOCATED_BYTES.addAndGet(seg.byteSize());
        return new Tensor(seg, 0, shape.clone(), contiguousStrides(shape));
    }

    /** A zero-filled tensor freed by the garbage collector once unreachable. */
    public static Tensor zeros(int... shape) {
        return zeros(Arena.ofAuto(), shape);
    }

    /** A contiguous tensor holding a copy of {@code values}. */
    public static Tensor of(float[] values, int... shape) {
        if (count(shape) != values.length) {
            throw new IllegalArgumentException("Tensor.of: " + values.length + " values for shape " + Arrays.toString(shape));
        }
        Tensor t = zeros(shape);
        MemorySegment.copy(values, 0, t.data, FLOAT, 0, values.length);
        return t;
    }

    /** How many tensors {@link #zeros(Arena, int...)} (and everything built on it) allocated so far, all threads. */
    public static long allocations() { return ALLOCATIONS.get(); }

    /** Bytes those allocations took so far, all threads. */
    public static long allocatedBytes() { return ALLOCATED_BYTES.get(); }

    /** Wraps an existing segment (contiguous, starting at element {@code offset}). */
    public static Tensor wrap(MemorySegment segment, long offset, int... shape) {
        long need = (offset + count(shape)) * Float.BYTES;
        if (need > segment.byteSize()) {
            throw new IllegalArgumentException("Tensor.wrap: shape " + Arrays.toString(shape) + " at offset " + offset
                    + " needs " + need + " bytes, segment has " + segment.byteSize());
        }
        return new Tensor(segment, offset, shape.clone(), contiguousStrides(shape));
    }

    /**
     * Memory-maps little-endian float32 values stored in a file, without copying them (read-only).
     * The mapping lives as long as {@code arena}.
     */
    public static Tensor mapFile(Arena arena, Path file, long byteOffset, int... shape) throws IOException {
        long bytes = count(shape) * Float.BYTES;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (byteOffset + bytes > ch.size()) {
                throw new IOException(file + ": needs " + (byteOffset + bytes) + " bytes for shape "
                        + Arrays.toString(shape) + " but the file has " + ch.size());
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, byteOffset, bytes, arena);
            return new Tensor(seg, 0, shape.clone(), contiguousStrides(shape));
        }
    }

    public static long count(int... shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    static long[] contiguousStrides(int[] shape) {
        long[] st = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    public MemorySegment segment() { return data; }
    /** Element offset of index (0,...,0) in {@link #segment()}. */
    public long offset() { return offset; }
    public int[] shape() { return shape.clone(); }
    public int dim(int i) { return shape[i < 0 ? shape.length + i : i]; }
    public int rank() { return shape.length; }
    public long stride(int i) { return strides[i < 0 ? strides.length + i : i]; }
    public long numel() { return count(shape); }

    public boolean isContiguous() {
        return Arrays.equals(strides, contiguousStrides(shape)) || numel() <= 1;
    }

    public boolean hasShape(int... s) { return Arrays.equals(shape, s); }

    public String shapeString() { return Arrays.toString(shape); }

    /** Throws with a message naming {@code where} and both shapes unless this tensor has shape {@code s}. */
    public Tensor requireShape(String where, int... s) {
        if (!Arrays.equals(shape, s)) {
            throw new IllegalArgumentException(where + ": expected shape " + Arrays.toString(s) + " but got " + Arrays.toString(shape));
        }
        return this;
    }

    private long index(int... idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + idx.length + " into tensor of shape " + shapeString());
        }
        long p = offset;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " out of shape " + shapeString());
            }
            p += idx[i] * strides[i];
        }
        return p;
    }

    public float get(int... idx) { return data.getAtIndex(FLOAT, index(idx)); }

    public void set(float v, int... idx) { data.setAtIndex(FLOAT, index(idx), v); }

    /** Element {@code i} in row-major order of a contiguous tensor. */
    public float getFlat(long i) { return data.getAtIndex(FLOAT, offset + i); }

    public void setFlat(long i, float v) { data.setAtIndex(FLOAT, offset + i, v); }

    /** Same memory seen with another shape; the tensor must be contiguous. One dimension may be -1. */
    public Tensor reshape(int... newShape) {
        if (!isContiguous()) throw new IllegalStateException("reshape of a non-contiguous tensor " + shapeString());
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("two -1 in reshape " + Arrays.toString(newShape));
                infer = i;
            } else known *= s[i];
        }
        if (infer >= 0) s[infer] = (int) (numel() / Math.max(1, known));
        if (count(s) != numel()) {
            throw new IllegalArgumentException("reshape " + shapeString() + " to " + Arrays.toString(newShape));
        }
        return new Tensor(data, offset, s, contiguousStrides(s));
    }

    /** The sub-range [from, to) along dimension {@code d}, sharing memory. */
    public Tensor slice(int d, int from, int to) {
        if (from < 0 || to > shape[d] || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + "," + to + ") of dim " + d + " in " + shapeString());
        }
        int[] s = shape.clone();
        s[d] = to - from;
        return new Tensor(data, offset + from * strides[d], s, strides.clone());
    }

    /** Dimensions {@code a} and {@code b} swapped, sharing memory. */
    public Tensor transpose(int a, int b) {
        int[] s = shape.clone();
        long[] st = strides.clone();
        s[a] = shape[b]; s[b] = shape[a];
        st[a] = strides[b]; st[b] = strides[a];
        return new Tensor(data, offset, s, st);
    }

    /** A contiguous copy (or this tensor when already contiguous). */
    public Tensor contiguous() {
        if (isContiguous()) return this;
        Tensor out = zeros(shape);
        copyTo(out);
        return out;
    }

    /** Copies the values into {@code dst}, which must have the same shape; handles any strides. */
    public void copyTo(Tensor dst) {
        if (!Arrays.equals(shape, dst.shape)) {
            throw new IllegalArgumentException("copyTo: shape " + shapeString() + " into " + dst.shapeString());
        }
        if (isContiguous() && dst.isContiguous()) {
            MemorySegment.copy(data, offset * Float.BYTES, dst.data, dst.offset * Float.BYTES, numel() * Float.BYTES);
            return;
        }
        int[] idx = new int[shape.length];
        long n = numel();
        for (long k = 0; k < n; k++) {
            long src = offset, dd = dst.offset;
            for (int i = 0; i < idx.length; i++) {
                src += idx[i] * strides[i];
                dd += idx[i] * dst.strides[i];
            }
            dst.data.setAtIndex(FLOAT, dd, data.getAtIndex(FLOAT, src));
            for (int i = idx.length - 1; i >= 0; i--) {
                if (++idx[i] < shape[i]) break;
                idx[i] = 0;
            }
        }
    }

    public Tensor copy() {
        Tensor out = zeros(shape);
        copyTo(out);
        return out;
    }

    public void fill(float v) {
        if (isContiguous()) {
            long n = numel();
            for (long i = 0; i < n; i++) data.setAtIndex(FLOAT, offset + i, v);
        } else {
            Tensor c = zeros(shape);
            c.fill(v);
            c.copyTo(this);
        }
    }

    public void zero() {
        if (isContiguous()) data.asSlice(offset * Float.BYTES, numel() * Float.BYTES).fill((byte) 0);
        else fill(0f);
    }

    /** Values in row-major order (copies). */
    public float[] toArray() {
        Tensor c = contiguous();
        float[] out = new float[Math.toIntExact(c.numel())];
        MemorySegment.copy(c.data, FLOAT, c.offset * Float.BYTES, out, 0, out.length);
        return out;
    }

    /** Overwrites a contiguous tensor with {@code values} in row-major order. */
    public Tensor copyFrom(float[] values) {
        if (values.length != numel()) {
            throw new IllegalArgumentException("copyFrom: " + values.length + " values into " + shapeString());
        }
        if (!isContiguous()) throw new IllegalStateException("copyFrom into non-contiguous " + shapeString());
        MemorySegment.copy(values, 0, data, FLOAT, offset * Float.BYTES, values.length);
        return this;
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString();
    }
}
