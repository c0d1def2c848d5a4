package org.dina.data.formats;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An NWB file (HDF5) opened with jhdf, with the few lookups the NWB reader needs: nodes by path, the string value of
 * attributes such as {@code neurodata_type}, and datasets as doubles, whole or a slab at a time. Every failure is a
 * {@link DataFormatException} naming the file.
 */
final class NwbFile implements AutoCloseable {
    private final Path file;
    private final HdfFile hdf;
    private final long fileSize;
    private final ChunkedSlab chunks = new ChunkedSlab();

    private NwbFile(Path file, HdfFile hdf, long fileSize) {
        this.file = file;
        this.hdf = hdf;
        this.fileSize = fileSize;
    }

    static NwbFile open(Path file) throws DataFormatException {
        HdfFile hdf = null;
        try {
            long size = Files.size(file);
            Mat73Variables.checkLength(file, size);
            hdf = new HdfFile(file);
            return new NwbFile(file, hdf, size);
        } catch (DataFormatException e) {
            // checkLength speaks of MATLAB files; an NWB file gets the same finding in its own words
            throw new DataFormatException(file, e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                    .replace("MATLAB 7.3 (HDF5)", "NWB (HDF5)").replace("MATLAB 7.3", "NWB (HDF5)")
                    .replace(" after the MATLAB header", ""));
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            if (hdf != null) hdf.close();
            throw new DataFormatException(file, "not a readable NWB (HDF5) file: " + Failures.describe(e), e);
        }
    }

    Path path() { return file; }

    /** The node at {@code path} (slash-separated, no leading slash needed), following soft links; empty if absent. */
    Optional<Node> node(String path) {
        Node n = hdf;
        for (String part : path.split("/")) {
            if (part.isEmpty()) continue;
            if (!(n instanceof Group g)) return Optional.empty();
            n = g.getChildren().get(part);
            if (n == null) return Optional.empty();
            n = resolve(n);
            if (n == null) return Optional.empty();
        }
        return Optional.of(n);
    }

    Optional<Group> group(String path) {
        return node(path).filter(n -> n instanceof Group).map(n -> (Group) n);
    }

    /** A soft link's target, or null for a broken one; other nodes as they are. */
    static Node resolve(Node n) {
        if (n instanceof Link l) return l.isBrokenLink() ? null : l.getTarget();
        return n;
    }

    /** Where a soft link child of {@code g} points, or null. */
    static String linkTarget(Group g, String child) {
        Node n = g.getChildren().get(child);
        return n instanceof Link l ? l.getTargetPath() : null;
    }

    /** Children of a group with links resolved (broken ones left out), in the file's order. */
    static List<Node> children(Group g) {
        List<Node> out = new ArrayList<>();
        for (Node n : g.getChildren().values()) {
            Node r = resolve(n);
            if (r != null) out.add(r);
        }
        return out;
    }

    /** A string attribute (scalar, or the first element of an array), or null. */
    static String text(Node n, String attribute) {
        Attribute a = n.getAttribute(attribute);
        if (a == null) return null;
        Object v = a.getData();
        if (v instanceof String s) return s;
        if (v != null && v.getClass().isArray() && Array.getLength(v) > 0 && Array.get(v, 0) instanceof String s) return s;
        return null;
    }

    /** Every string of a string-array attribute ({@code colnames}, {@code ancestry}), or an empty list. */
    static List<String> texts(Node n, String attribute) {
        Attribute a = n.getAttribute(attribute);
        if (a == null) return List.of();
        Object v = a.getData();
        if (v instanceof String s) return List.of(s);
        if (v instanceof String[] s) return Arrays.asList(s);
        return List.of();
    }

    /** A numeric attribute, or {@code otherwise}. */
    static double number(Node n, String attribute, double otherwise) {
        Attribute a = n.getAttribute(attribute);
        if (a == null) return otherwise;
        Object v = a.getData();
        if (v instanceof Number x) return x.doubleValue();
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1 && Array.get(v, 0) instanceof Number x) {
            return x.doubleValue();
        }
        return otherwise;
    }

    /** The NWB type of a node: {@code neurodata_type} (NWB 2 and 1), or the last entry of NWB 1's {@code ancestry}. */
    static String neurodataType(Node n) {
        List<String> ancestry = texts(n, "ancestry");
        if (!ancestry.isEmpty()) return ancestry.get(ancestry.size() - 1);
        String t = text(n, "neurodata_type");
        return t == null ? "" : t;
    }

    /** True for the NWB 1 files (the Allen Brain Observatory cache), which keep traces as [ROIs, time]. */
    boolean isNwb1() {
        String v = text(hdf, "nwb_version");
        if (v == null && hdf.getChildren().get("nwb_version") instanceof Dataset d) {
            Object o = d.getData();
            if (o instanceof String s) v = s;
            else if (o instanceof String[] s && s.length > 0) v = s[0];
        }
        return v != null && (v.startsWith("NWB-1") || v.startsWith("1."));
    }

    /** The subject the file says it recorded ({@code general/subject/subject_id}), or null. */
    String subjectId() {
        if (node("general/subject/subject_id").orElse(null) instanceof Dataset d) {
            String[] s = strings(d);
            if (s != null && s.length == 1 && !s[0].isBlank()) return s[0].strip();
        }
        return null;
    }

    /** The whole dataset as doubles in C order, refusing sizes the file cannot hold. */
    double[] doubles(Dataset d) throws DataFormatException {
        long n = d.getSize();
        checkClaim(d, n);
        if (d.isScalar()) return new double[] {toDouble(d.getData(), d)};
        double[] out = new double[Math.toIntExact(n)];
        if (n > 0) flatten(d.getData(), out, 0, unsigned(d));
        return out;
    }

    /** A slab of a dataset as doubles in C order. */
    double[] slab(Dataset d, long[] offset, int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        if (d instanceof io.jhdf.api.dataset.ChunkedDataset c) return chunks.read(c, offset, shape);
        double[] out = new double[Math.toIntExact(n)];
        if (n > 0) flatten(d.getData(offset, shape), out, 0, unsigned(d));
        return out;
    }

    /** Strings of a text dataset, or null when it holds no text. */
    static String[] strings(Dataset d) {
        Object v = d.getData();
        if (v instanceof String s) return new String[] {s};
        if (v instanceof String[] s) return s;
        return null;
    }

    private void checkClaim(Dataset d, long n) throws DataFormatException {
        long bytes = n * Math.max(1, d.getDataType().getSize());
        // compressed data can be far larger than the file, but not beyond what gzip ever reaches
        if (bytes > fileSize * 1100L + (1 << 16)) {
            throw new DataFormatException(file, d.getPath() + " claims " + Arrays.toString(d.getDimensions())
                    + " elements, more than a " + fileSize + "-byte file can hold (corrupt?)");
        }
    }

    private static boolean unsigned(Dataset d) {
        return d.getDataType() instanceof FixedPoint f && !f.isSigned();
    }

    private static double toDouble(Object v, Dataset d) {
        if (v instanceof Number x) return unsigned(d) ? unsignedValue(x) : x.doubleValue();
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) return toDouble(Array.get(v, 0), d);
        throw new IllegalStateException(d.getPath() + " is not a number");
    }

    private static double unsignedValue(Number x) {
        return switch (x) {
            case Byte b -> b & 0xff;
            case Short s -> s & 0xffff;
            case Integer i -> i & 0xffffffffL;
            case Long l -> l < 0 ? (double) (l >>> 1) * 2.0 + (l & 1) : l;
            default -> x.doubleValue();
        };
    }

    private static int flatten(Object a, double[] out, int at, boolean unsigned) {
        switch (a) {
            case double[] v -> { for (double x : v) out[at++] = x; }
            case float[] v -> { for (float x : v) out[at++] = x; }
            case long[] v -> { for (long x : v) out[at++] = unsigned && x < 0 ? (double) (x >>> 1) * 2.0 + (x & 1) : x; }
            case int[] v -> { for (int x : v) out[at++] = unsigned ? x & 0xffffffffL : x; }
            case short[] v -> { for (short x : v) out[at++] = unsigned ? x & 0xffff : x; }
            case byte[] v -> { for (byte x : v) out[at++] = unsigned ? x & 0xff : x; }
            case boolean[] v -> { for (boolean x : v) out[at++] = x ? 1 : 0; }
            case Object[] v -> { for (Object x : v) at = flatten(x, out, at, unsigned); }
            case null, default -> throw new IllegalStateException("not numbers: "
                    + (a == null ? "null" : a.getClass().getSimpleName().toLowerCase(Locale.ROOT)));
        }
        return at;
    }

    /** The node whose object header is at {@code address} (what an HDF5 object reference holds), or null. */
    Node byAddress(long address) {
        try {
            return hdf.getNodeByAddress(address);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            hdf.close();
        } catch (RuntimeException ignored) {
            // nothing left to release that matters
        }
    }
}
