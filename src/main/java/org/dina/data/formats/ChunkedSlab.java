package org.dina.data.formats;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A slab of a chunked (often gzip-compressed) HDF5 dataset, read chunk by chunk: jhdf 0.9.4 returns zeros when asked
 * for a slice of a chunked dataset, and reading the whole dataset would hold an hour-long recording in memory. Only the
 * chunks the slab touches are decompressed, and the most recent ones are kept: presentations follow each other in
 * time, so the next window usually falls in the chunks the last one opened.
 */
final class ChunkedSlab {
    /** Decompressed chunks kept, in bytes: a few rows of chunks of a 10,000-ROI recording. */
    private static final long CACHE_BYTES = 64L << 20;

    private final java.util.LinkedHashMap<String, byte[]> cache = new java.util.LinkedHashMap<>(64, 0.75f, true);
    private long cached;

    /** The elements {@code offset .. offset + shape} of {@code d} as doubles in C order. */
    double[] read(ChunkedDataset d, long[] offset, int[] shape) {
        int rank = shape.length;
        int[] dims = d.getDimensions(), chunk = d.getChunkDimensions();
        DataType type = d.getDataType();
        int size = type.getSize();
        int total = 1;
        for (int s : shape) total = Math.multiplyExact(total, s);
        double[] out = new double[total];
        if (total == 0) return out;
        for (int i = 0; i < rank; i++) {
            if (offset[i] < 0 || offset[i] + shape[i] > dims[i]) {
                throw new IllegalArgumentException("slab outside the dataset " + java.util.Arrays.toString(dims));
            }
        }
        // walk the grid of chunks that intersect the slab
        int[] first = new int[rank], last = new int[rank], at = new int[rank];
        for (int i = 0; i < rank; i++) {
            first[i] = (int) (offset[i] / chunk[i]);
            last[i] = (int) ((offset[i] + shape[i] - 1) / chunk[i]);
            at[i] = first[i];
        }
        while (true) {
            int[] chunkOrigin = new int[rank];
            for (int i = 0; i < rank; i++) chunkOrigin[i] = at[i] * chunk[i];
            ByteBuffer bytes = ByteBuffer.wrap(chunk(d, chunkOrigin)).order(order(type));
            copy(bytes, type, size, chunk, chunkOrigin, offset, shape, out);
            int i = rank - 1;
            while (i >= 0 && at[i] == last[i]) { at[i] = first[i]; i--; }
            if (i < 0) break;
            at[i]++;
        }
        return out;
    }

    private byte[] chunk(ChunkedDataset d, int[] origin) {
        String key = d.getPath() + java.util.Arrays.toString(origin);
        byte[] b = cache.get(key);
        if (b != null) return b;
        b = d.getDecompressedChunk(origin);
        cache.put(key, b);
        cached += b.length;
        var it = cache.entrySet().iterator();
        while (cached > CACHE_BYTES && it.hasNext()) {
            var eldest = it.next();
            if (eldest.getValue() == b) break;
            cached -= eldest.getValue().length;
            it.remove();
        }
        return b;
    }

    /** Copies the part of one chunk that lies inside the slab. */
    private static void copy(ByteBuffer bytes, DataType type, int size, int[] chunk, int[] origin, long[] offset, int[] shape,
                             double[] out) {
        int rank = shape.length;
        int[] lo = new int[rank], hi = new int[rank], idx = new int[rank];
        for (int i = 0; i < rank; i++) {
            lo[i] = (int) Math.max(origin[i], offset[i]);
            hi[i] = (int) Math.min(origin[i] + chunk[i], offset[i] + shape[i]);
            if (hi[i] <= lo[i]) return;
            idx[i] = lo[i];
        }
        while (true) {
            long inChunk = 0, inSlab = 0;
            for (int i = 0; i < rank; i++) {
                inChunk = inChunk * chunk[i] + (idx[i] - origin[i]);
                inSlab = inSlab * shape[i] + (idx[i] - offset[i]);
            }
            out[(int) inSlab] = value(bytes, (int) (inChunk * size), type, size);
            int i = rank - 1;
            while (i >= 0 && idx[i] == hi[i] - 1) { idx[i] = lo[i]; i--; }
            if (i < 0) return;
            idx[i]++;
        }
    }

    private static ByteOrder order(DataType t) {
        if (t instanceof FloatingPoint f) return f.getByteOrder();
        if (t instanceof FixedPoint f) return f.getByteOrder();
        throw new IllegalStateException("not numbers: " + t.getClass().getSimpleName());
    }

    private static double value(ByteBuffer b, int at, DataType t, int size) {
        if (t instanceof FloatingPoint) return size == 4 ? b.getFloat(at) : b.getDouble(at);
        boolean signed = ((FixedPoint) t).isSigned();
        return switch (size) {
            case 1 -> signed ? b.get(at) : b.get(at) & 0xff;
            case 2 -> signed ? b.getShort(at) : b.getShort(at) & 0xffff;
            case 4 -> signed ? b.getInt(at) : b.getInt(at) & 0xffffffffL;
            default -> {
                long x = b.getLong(at);
                yield signed || x >= 0 ? x : (double) (x >>> 1) * 2.0 + (x & 1);
            }
        };
    }
}
