package org.dina.data.formats;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which image was shown when: from a {@code TimeIntervals} table under {@code intervals/} (columns
 * {@code start_time} and an image index column, listed in the table's {@code colnames}), or from an
 * {@code IndexSeries} under {@code stimulus/presentation} ({@code data} = index per presentation, with
 * {@code timestamps} or {@code starting_time} + rate). The Allen Visual Coding files keep natural scenes in an NWB 1
 * IndexSeries, {@code stimulus/presentation/natural_scenes_stimulus}, whose index is -1 for a blank sweep
 * (AllenSDK, {@code brain_observatory_nwb_data_set.py} and its {@code natural_scenes} stimulus table).
 *
 * @param path          where in the file
 * @param kind          "TimeIntervals" or "IndexSeries"
 * @param onsets        presentation start times, seconds
 * @param index         image index per presentation (-1 = blank)
 * @param column        the table's image index column, or "data" for an IndexSeries
 * @param templateLink  the template an IndexSeries links to ({@code indexed_images} / {@code indexed_timeseries}), or null
 */
record NwbPresentations(String path, String kind, double[] onsets, long[] index, String column, String templateLink) {

    /** Image index columns of presentation tables, in the order they are looked for. */
    static final List<String> IMAGE_COLUMNS = List.of("image_index", "stimulus_index", "frame", "image_id", "image");

    /** Every usable presentation source of the file: tables first, then IndexSeries, in file order. */
    static List<NwbPresentations> find(NwbFile f, List<String> notes) throws DataFormatException {
        List<NwbPresentations> out = new ArrayList<>();
        var intervals = f.group("intervals");
        if (intervals.isPresent()) {
            for (Node n : NwbFile.children(intervals.get())) {
                if (!(n instanceof Group t)) continue;
                String column = imageColumn(t);
                if (column == null) {
                    notes.add("table " + path(t) + " passed over: no image index column (" + String.join(", ", IMAGE_COLUMNS)
                            + "); columns " + NwbFile.texts(t, "colnames"));
                    continue;
                }
                out.add(fromTable(f, t, column));
            }
        }
        var presentation = f.group("stimulus/presentation");
        if (presentation.isPresent()) {
            for (Node n : NwbFile.children(presentation.get())) {
                if (!(n instanceof Group s)) continue;
                if (!isIndexSeries(s)) {
                    notes.add("stimulus " + path(s) + " (" + NwbFile.neurodataType(s) + ") passed over: not an IndexSeries of images");
                    continue;
                }
                out.add(fromIndexSeries(f, s));
            }
        }
        return out;
    }

    static String path(Node n) {
        return n.getPath().replaceAll("^/+|/+$", "");
    }

    /** The first image index column the table has, as listed in colnames (or present, when colnames is missing). */
    private static String imageColumn(Group t) {
        if (!(t.getChildren().get("start_time") instanceof Dataset)) return null;
        List<String> colnames = NwbFile.texts(t, "colnames");
        for (String c : IMAGE_COLUMNS) {
            if ((colnames.isEmpty() || colnames.contains(c)) && t.getChildren().get(c) instanceof Dataset) return c;
        }
        return null;
    }

    private static boolean isIndexSeries(Group s) {
        String type = NwbFile.neurodataType(s);
        if (!(s.getChildren().get("data") instanceof Dataset d) || d.getDimensions().length != 1) return false;
        if (type.equals("IndexSeries")) return true;
        // an NWB 1 TimeSeries with a link to its templates is indexed too
        return NwbFile.linkTarget(s, "indexed_timeseries") != null || NwbFile.linkTarget(s, "indexed_images") != null;
    }

    private static NwbPresentations fromTable(NwbFile f, Group t, String column) throws DataFormatException {
        String where = path(t);
        double[] start = f.doubles((Dataset) t.getChildren().get("start_time"));
        long[] index = wholeNumbers(f, where + "/" + column, cells(f, t, column, start.length));
        if (index.length != start.length) {
            throw new DataFormatException(f.path(), where + ": column " + column + " has " + index.length + " rows but start_time has "
                    + start.length);
        }
        return new NwbPresentations(where, "TimeIntervals", start, index, column, null);
    }

    /**
     * The values of one column, one per row. A ragged column {@code c} is stored flat with {@code c_index} holding
     * where each row ends; here every row must then hold exactly one value.
     */
    private static double[] cells(NwbFile f, Group t, String column, int rows) throws DataFormatException {
        double[] flat = f.doubles((Dataset) t.getChildren().get(column));
        if (!(t.getChildren().get(column + "_index") instanceof Dataset idx)) return flat;
        double[] ends = f.doubles(idx);
        double[] out = new double[ends.length];
        long begin = 0;
        for (int r = 0; r < ends.length; r++) {
            long end = (long) ends[r];
            if (end < begin || end > flat.length) {
                throw new DataFormatException(f.path(), path(t) + "/" + column + "_index: row " + r + " ends at " + end
                        + ", outside the column's " + flat.length + " values (or before the previous row)");
            }
            if (end - begin != 1) {
                throw new DataFormatException(f.path(), path(t) + "/" + column + ": row " + r + " holds " + (end - begin)
                        + " image indices; a presentation must show one image");
            }
            out[r] = flat[(int) begin];
            begin = end;
        }
        return out;
    }

    private static NwbPresentations fromIndexSeries(NwbFile f, Group s) throws DataFormatException {
        String where = path(s);
        long[] index = wholeNumbers(f, where + "/data", f.doubles((Dataset) s.getChildren().get("data")));
        double[] onsets;
        if (NwbFile.resolve(s.getChildren().get("timestamps")) instanceof Dataset ts) {
            onsets = f.doubles(ts);
        } else if (NwbFile.resolve(s.getChildren().get("starting_time")) instanceof Dataset st) {
            double rate = NwbFile.number(st, "rate", Double.NaN), start = f.doubles(st)[0];
            if (!(rate > 0)) throw new DataFormatException(f.path(), where + "/starting_time has no positive rate");
            onsets = new double[index.length];
            for (int i = 0; i < onsets.length; i++) onsets[i] = start + i / rate;
        } else {
            throw new DataFormatException(f.path(), where + " has neither timestamps nor starting_time: its presentations have no times");
        }
        if (onsets.length != index.length) {
            throw new DataFormatException(f.path(), where + ": " + index.length + " presentations but " + onsets.length + " timestamps");
        }
        String link = NwbFile.linkTarget(s, "indexed_images");
        if (link == null) link = NwbFile.linkTarget(s, "indexed_timeseries");
        return new NwbPresentations(where, "IndexSeries", onsets, index, "data",
                link == null ? null : link.replaceAll("^/+|/+$", ""));
    }

    private static long[] wholeNumbers(NwbFile f, String where, double[] v) throws DataFormatException {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > 1e15) {
                throw new DataFormatException(f.path(), where + ": image index " + i + " is " + v[i] + ", not a whole number");
            }
            out[i] = (long) v[i];
        }
        return out;
    }

    /** The largest image index, -1 when every presentation is blank. */
    long maxIndex() {
        long m = -1;
        for (long i : index) m = Math.max(m, i);
        return m;
    }

    /** Whether {@code name} (a path or its last part) picks this source. */
    boolean isNamed(String name) {
        String n = name.strip().replaceAll("^/+|/+$", "");
        return path.equals(n) || path.endsWith("/" + n);
    }

    /** The name a template would share with this source ({@code natural_scenes} for natural_scenes_stimulus). */
    String stem() {
        String last = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return last.replaceAll("_(stimulus|presentations?|table|index|intervals)$", "");
    }

    String describe() {
        return String.format(Locale.ROOT, "%s %s, %d presentations, image column %s, indices %d..%d", path, kind, onsets.length,
                column, java.util.Arrays.stream(index).min().orElse(0), maxIndex());
    }
}
