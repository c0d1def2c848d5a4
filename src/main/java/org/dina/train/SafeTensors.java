package org.dina.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dina.tensor.Tensor;

/**
 * Reads and writes float32 tensors in the safetensors format, so checkpoints open in Python with
 * {@code safetensors.numpy.load_file} and files from Python open here.
 *
 * <p>Layout: an 8-byte little-endian header length N, N bytes of JSON (padded with spaces so the data starts at a
 * multiple of 8), then the raw little-endian data. The JSON maps each tensor name to its {@code dtype}, {@code shape}
 * and {@code data_offsets} (begin and end byte, relative to the data); an optional {@code __metadata__} maps strings
 * to strings. Tensors are written in name order (as the reference implementation orders tensors of one dtype) and
 * metadata in key order, so the same tensors always give the same bytes. Reading checks every claim of the header
 * against the file before touching data and fails with one line naming the file and the problem.
 */
public final class SafeTensors {
    /** The header key reserved for the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";
    /** Largest header accepted, as in the reference implementation: guards against a corrupt length field. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final int ALIGNMENT = 8;
    /** Largest slice handed to one channel call (a ByteBuffer holds at most 2 GiB). */
    private static final long IO_CHUNK = 1L << 30;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * An int64 tensor ({@code I64}), such as PyTorch's BatchNorm {@code num_batches_tracked} counter (shape []): read
     * and written so that state dicts from PyTorch load and ours are complete, never used in arithmetic here.
     */
    public record Int64(int[] shape, long[] values) {
        public Int64 {
            if (Tensor.count(shape) != values.length) {
                throw new IllegalArgumentException("int64 tensor of shape " + Arrays.toString(shape) + " needs " + Tensor.count(shape) + " values, got " + values.length);
            }
        }

        /** A 0-dimensional int64 holding {@code v}. */
        public static Int64 scalar(long v) { return new Int64(new int[0], new long[] {v}); }
    }

    /** Float32 tensors and int64 tensors, each in file order, and the file's metadata (empty when it has none). */
    public record Contents(LinkedHashMap<String, Tensor> tensors, LinkedHashMap<String, Int64> int64, Map<String, String> metadata) {
        public Tensor get(String name) {
            Tensor t = tensors.get(name);
            if (t == null) throw new IllegalArgumentException("no tensor named '" + name + "'; have " + tensors.keySet());
            return t;
        }
    }

    private SafeTensors() {}

    /** Writes {@code tensors} (any strides) without metadata, atomically. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Writes {@code tensors} (any strides) and {@code metadata}, atomically ({@link AtomicFiles}). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, Map.of(), metadata);
    }

    /** Writes float32 {@code tensors}, {@code int64} tensors and {@code metadata}, atomically ({@link AtomicFiles}). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, Int64> int64, Map<String, String> metadata)
            throws IOException {
        List<String> names = new ArrayList<>(tensors.keySet());
        names.addAll(int64.keySet());
        Collections.sort(names);
        List<Object> data = new ArrayList<>(names.size());
        for (String name : names) {
            if (name == null || name.equals(METADATA_KEY) || (tensors.containsKey(name) && int64.containsKey(name))) {
                throw new IllegalArgumentException(file + ": '" + name + "' cannot name a tensor");
            }
            data.add(tensors.containsKey(name) ? tensors.get(name).contiguous() : int64.get(name));
        }
        byte[] header = header(names, data, metadata);
        AtomicFiles.write(file, ch -> {
            ByteBuffer len = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            AtomicFiles.writeFully(ch, len);
            AtomicFiles.writeFully(ch, ByteBuffer.wrap(header));
            for (Object o : data) {
                if (o instanceof Int64 ints) {
                    ByteBuffer buf = ByteBuffer.allocate(ints.values().length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    for (long v : ints.values()) buf.putLong(v);
                    AtomicFiles.writeFully(ch, buf.flip());
                    continue;
                }
                Tensor t = (Tensor) o;
                // Tensor memory is little-endian float32 already: the bytes go out as they are
                MemorySegment seg = t.segment().asSlice(t.offset() * Float.BYTES, t.numel() * Float.BYTES);
                for (long at = 0; at < seg.byteSize(); at += IO_CHUNK) {
                    AtomicFiles.writeFully(ch, seg.asSlice(at, Math.min(IO_CHUNK, seg.byteSize() - at)).asByteBuffer());
                }
            }
        });
    }

    private static byte[] header(List<String> names, List<Object> data, Map<String, String> metadata) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long at = 0;
        for (int i = 0; i < names.size(); i++) {
            ObjectNode e = root.putObject(names.get(i));
            int[] dims;
            long bytes;
            if (data.get(i) instanceof Int64 ints) {
                e.put("dtype", "I64");
                dims = ints.shape();
                bytes = (long) ints.values().length * Long.BYTES;
            } else {
                Tensor t = (Tensor) data.get(i);
                e.put("dtype", "F32");
                dims = t.shape();
                bytes = t.numel() * Float.BYTES;
            }
            ArrayNode shape = e.putArray("shape");
            for (int d : dims) shape.add(d);
            long end = at + bytes;
            e.putArray("data_offsets").add(at).add(end);
            at = end;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /** Reads a file into fresh memory (owned by the garbage collector); the file is closed on return. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            Layout layout = Layout.parse(file, ch);
            LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
            LinkedHashMap<String, Int64> ints = new LinkedHashMap<>();
            for (Entry e : layout.entries) {
                if (e.int64) {
                    ByteBuffer buf = ByteBuffer.allocate((int) e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                    Layout.readFully(file, ch, buf, layout.dataStart + e.begin);
                    ints.put(e.name, int64(e, buf.flip()));
                    continue;
                }
                Tensor t = Tensor.zeros(e.shape);
                MemorySegment dst = t.segment().asSlice(0, e.bytes());
                for (long at = 0; at < e.bytes(); at += IO_CHUNK) {
                    ByteBuffer buf = dst.asSlice(at, Math.min(IO_CHUNK, e.bytes() - at)).asByteBuffer();
                    long pos = layout.dataStart + e.begin + at;
                    while (buf.hasRemaining()) {
                        int r = ch.read(buf, pos);
                        if (r < 0) throw new IOException(file + ": file ended while reading tensor '" + e.name + "'");
                        pos += r;
                    }
                }
                out.put(e.name, t);
            }
            return new Contents(out, ints, layout.metadata);
        }
    }

    /**
     * Memory-maps a file without copying its data: the tensors are read-only views of the file that stay valid as
     * long as {@code arena} is open.
     */
    public static Contents map(Path file, Arena arena) throws IOException {
        try (FileChannel ch = open(file)) {
            Layout layout = Layout.parse(file, ch);
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
            LinkedHashMap<String, Int64> ints = new LinkedHashMap<>();
            for (Entry e : layout.entries) {
                if (e.int64) {
                    ints.put(e.name, int64(e, all.asSlice(layout.dataStart + e.begin, e.bytes()).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN)));
                    continue;
                }
                // a slice per tensor: the data of a file from elsewhere need not start at a multiple of 4
                out.put(e.name, Tensor.wrap(all.asSlice(layout.dataStart + e.begin, e.bytes()), 0, e.shape));
            }
            return new Contents(out, ints, layout.metadata);
        }
    }

    private static Int64 int64(Entry e, ByteBuffer buf) {
        long[] v = new long[(int) (e.bytes() / Long.BYTES)];
        for (int i = 0; i < v.length; i++) v[i] = buf.getLong(i * Long.BYTES);
        return new Int64(e.shape, v);
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such safetensors file");
        }
    }

    /** One tensor's place in the file, checked. */
    private record Entry(String name, int[] shape, long begin, long end, boolean int64) {
        long bytes() { return end - begin; }
    }

    /** A validated header: where the data starts, the tensors in file order and the metadata. */
    private record Layout(long dataStart, List<Entry> entries, Map<String, String> metadata) {
        static Layout parse(Path file, FileChannel ch) throws IOException {
            long size = ch.size();
            if (size < Long.BYTES) throw bad(file, "only " + size + " bytes, too short for the 8-byte header length");
            ByteBuffer lenBuf = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, lenBuf, 0);
            long n = lenBuf.getLong(0);
            if (n <= 0 || n > size - Long.BYTES) {
                throw bad(file, "header length " + Long.toUnsignedString(n) + " does not fit in the file of " + size + " bytes");
            }
            if (n > MAX_HEADER_BYTES) throw bad(file, "header length " + n + " exceeds the limit of " + MAX_HEADER_BYTES);
            ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
            readFully(file, ch, headerBuf, Long.BYTES);
            byte[] header = headerBuf.array();
            if (header[0] != '{') throw bad(file, "header does not start with '{'");
            JsonNode root;
            try {
                root = JSON.readTree(header);
            } catch (JacksonException e) {
                throw bad(file, "header is not valid JSON: " + oneLine(e.getOriginalMessage()));
            }
            if (root == null || !root.isObject()) throw bad(file, "header is not a JSON object");
            long dataLen = size - Long.BYTES - n;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> f : root.properties()) {
                if (f.getKey().equals(METADATA_KEY)) readMetadata(file, f.getValue(), metadata);
                else entries.add(entry(file, f.getKey(), f.getValue(), dataLen));
            }
            // the tensors must tile the data exactly: no gap, no overlap, nothing after the last one
            entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            long at = 0;
            for (Entry e : entries) {
                if (e.begin != at) {
                    throw bad(file, "tensor '" + e.name + "' starts at data byte " + e.begin + " but the previous one ends at " + at);
                }
                at = e.end;
            }
            if (at != dataLen) throw bad(file, "tensors cover " + at + " data bytes but the file holds " + dataLen);
            return new Layout(Long.BYTES + n, entries, Collections.unmodifiableMap(metadata));
        }

        private static void readMetadata(Path file, JsonNode meta, Map<String, String> out) throws IOException {
            if (!meta.isObject()) throw bad(file, METADATA_KEY + " is not a JSON object");
            for (Map.Entry<String, JsonNode> m : meta.properties()) {
                if (!m.getValue().isTextual()) throw bad(file, METADATA_KEY + " value of '" + m.getKey() + "' is not a string");
                out.put(m.getKey(), m.getValue().textValue());
            }
        }

        private static Entry entry(Path file, String name, JsonNode node, long dataLen) throws IOException {
            String what = "tensor '" + name + "'";
            if (!node.isObject()) throw bad(file, what + " is not a JSON object");
            JsonNode dtype = node.get("dtype"), shapeNode = node.get("shape"), offsets = node.get("data_offsets");
            if (dtype == null || !dtype.isTextual()) throw bad(file, what + " has no dtype");
            if (!dtype.textValue().equals("F32") && !dtype.textValue().equals("I64")) {
                throw bad(file, what + " has dtype " + dtype.textValue() + "; only F32 (and I64 counters) are supported");
            }
            boolean int64 = dtype.textValue().equals("I64");
            int itemSize = int64 ? Long.BYTES : Float.BYTES;
            if (shapeNode == null || !shapeNode.isArray()) throw bad(file, what + " has no shape array");
            int[] shape = new int[shapeNode.size()];
            long numel = 1;
            boolean empty = false;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                    throw bad(file, what + " has an invalid dimension " + d + " in shape " + shapeNode);
                }
                shape[i] = d.intValue();
                empty |= shape[i] == 0;
                // stop multiplying once past the limit, so the product cannot overflow
                if (numel <= Integer.MAX_VALUE) numel *= shape[i];
            }
            if (empty) numel = 0;
            if (numel > Integer.MAX_VALUE) {
                throw bad(file, what + " has shape " + shapeNode + ", more than the " + Integer.MAX_VALUE + " elements a tensor holds");
            }
            if (offsets == null || !offsets.isArray() || offsets.size() != 2) throw bad(file, what + " has no [begin, end] data_offsets");
            long[] be = new long[2];
            for (int i = 0; i < 2; i++) {
                JsonNode o = offsets.get(i);
                if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                    throw bad(file, what + " has invalid data_offsets " + offsets);
                }
                be[i] = o.longValue();
            }
            if (be[0] > be[1]) throw bad(file, what + " has data_offsets " + offsets + " that end before they begin");
            if (be[1] > dataLen) {
                throw bad(file, what + " has data_offsets " + offsets + " outside the " + dataLen + " data bytes of the file");
            }
            if (be[1] - be[0] != numel * itemSize) {
                throw bad(file, what + " has shape " + shapeNode + " (" + numel * itemSize + " bytes) but data_offsets "
                        + offsets + " span " + (be[1] - be[0]) + " bytes");
            }
            return new Entry(name, shape, be[0], be[1], int64);
        }

        private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long pos) throws IOException {
            while (buf.hasRemaining()) {
                int r = ch.read(buf, pos);
                if (r < 0) throw bad(file, "file ended inside the header");
                pos += r;
            }
        }
    }

    private static IOException bad(Path file, String problem) {
        return new IOException(file + ": not a valid safetensors file: " + problem);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
