package org.dina.data.formats;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One RoiResponseSeries of an NWB file: a trace per ROI on its own clock. NWB 2 stores {@code data} as [time, ROIs]
 * (pynwb's convention); the NWB 1 files of the Allen Brain Observatory store [ROIs, time] (the AllenSDK's
 * {@code get_dff_traces} returns {@code data} as cells by time). Sample times come from {@code timestamps} or, when
 * the series is regularly sampled, from {@code starting_time} and its {@code rate} attribute. Values are
 * {@code data * conversion + offset}, the attributes NWB 2 puts on {@code data} to give the stated unit.
 *
 * @param path       where the series is in the file
 * @param data       the dataset, read later a window at a time
 * @param times      the time of every sample, checked to never go back
 * @param roisFirst  whether {@code data} is [ROIs, time]
 * @param rois       how many ROIs (neurons) the series has
 * @param conversion multiplier from stored values to the unit
 * @param offset     added after the conversion
 * @param clock      how the times were given, in words
 */
record NwbTraces(String path, Dataset data, double[] times, boolean roisFirst, int rois, double conversion, double offset,
                 String clock) {

    /** Containers of RoiResponseSeries, in the order they are preferred: ΔF/F first, raw fluorescence last. */
    static final List<String> CONTAINERS = List.of("DfOverF", "Fluorescence");

    /**
     * Every RoiResponseSeries under {@code processing/<module>/<container>}, grouped by container in preference
     * order; the caller takes the first non-empty group.
     */
    static List<List<Group>> find(NwbFile f) {
        List<List<Group>> byContainer = new ArrayList<>();
        for (String c : CONTAINERS) byContainer.add(new ArrayList<>());
        f.group("processing").ifPresent(processing -> {
            for (Node module : NwbFile.children(processing)) {
                if (!(module instanceof Group m)) continue;
                for (Node container : NwbFile.children(m)) {
                    if (!(container instanceof Group g)) continue;
                    int which = containerKind(g);
                    if (which < 0) continue;
                    for (Node s : NwbFile.children(g)) {
                        if (s instanceof Group series && series.getChildren().get("data") instanceof Dataset) {
                            byContainer.get(which).add(series);
                        }
                    }
                }
            }
        });
        return byContainer;
    }

    private static int containerKind(Group g) {
        String type = NwbFile.neurodataType(g);
        for (int i = 0; i < CONTAINERS.size(); i++) {
            if (CONTAINERS.get(i).equals(type) || CONTAINERS.get(i).equals(g.getName())) return i;
        }
        return -1;
    }

    /** Reads the series' clock and shape, checking both. */
    static NwbTraces open(NwbFile f, Group g, boolean nwb1) throws DataFormatException {
        String path = g.getPath().replaceAll("^/+|/+$", "");
        Dataset data = (Dataset) g.getChildren().get("data");
        int[] dims = data.getDimensions();
        if (dims.length < 1 || dims.length > 2) {
            throw new DataFormatException(f.path(), path + "/data must be [time, ROIs], got shape " + java.util.Arrays.toString(dims));
        }
        double[] times;
        String clock;
        Node ts = NwbFile.resolve(g.getChildren().get("timestamps"));
        Node st = NwbFile.resolve(g.getChildren().get("starting_time"));
        if (ts instanceof Dataset t) {
            times = f.doubles(t);
            clock = "timestamps";
        } else if (st instanceof Dataset s) {
            double rate = NwbFile.number(s, "rate", Double.NaN);
            double start = f.doubles(s)[0];
            if (!(rate > 0) || !Double.isFinite(rate) || !Double.isFinite(start)) {
                throw new DataFormatException(f.path(), path + "/starting_time needs a positive 'rate' attribute, got rate "
                        + rate + " and start " + start);
            }
            int samples = dims.length == 1 ? dims[0] : dims[nwb1 ? 1 : 0];
            times = new double[samples];
            for (int i = 0; i < samples; i++) times[i] = start + i / rate;
            clock = String.format(Locale.ROOT, "starting_time %g s + rate %g Hz", start, rate);
        } else {
            throw new DataFormatException(f.path(), path + " has neither timestamps nor starting_time (with a rate): "
                    + "its samples have no times");
        }
        requireMonotonic(f, path, times);
        boolean roisFirst = nwb1;
        if (dims.length == 2) {
            int timeDim = roisFirst ? 1 : 0;
            if (dims[timeDim] != times.length && dims[1 - timeDim] == times.length) roisFirst = !roisFirst;
            else if (dims[timeDim] != times.length) {
                throw new DataFormatException(f.path(), path + "/data has shape " + java.util.Arrays.toString(dims) + " but "
                        + times.length + " sample times: no dimension is time");
            }
        } else if (dims[0] != times.length) {
            throw new DataFormatException(f.path(), path + "/data has " + dims[0] + " samples but " + times.length + " sample times");
        }
        int rois = dims.length == 1 ? 1 : dims[roisFirst ? 0 : 1];
        if (rois < 1 || times.length < 1) throw new DataFormatException(f.path(), path + " is empty");
        double conversion = NwbFile.number(data, "conversion", 1.0), offset = NwbFile.number(data, "offset", 0.0);
        return new NwbTraces(path, data, times, roisFirst, rois, conversion, offset, clock);
    }

    private static void requireMonotonic(NwbFile f, String path, double[] t) throws DataFormatException {
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(t[i])) {
                throw new DataFormatException(f.path(), path + ": sample time " + i + " is " + t[i]);
            }
            if (i > 0 && t[i] < t[i - 1]) {
                throw new DataFormatException(f.path(), path + ": timestamps are not monotonic (sample " + i + " at "
                        + t[i] + " s comes after " + t[i - 1] + " s)");
            }
        }
    }

    /** Samples [from, to) of every ROI, as [to - from, rois] in C order, converted to the unit. */
    double[] window(NwbFile f, int from, int to) {
        int len = to - from;
        int[] dims = data.getDimensions();
        double[] raw;
        if (dims.length == 1) raw = f.slab(data, new long[] {from}, new int[] {len});
        else if (roisFirst) raw = f.slab(data, new long[] {0, from}, new int[] {rois, len});
        else raw = f.slab(data, new long[] {from, 0}, new int[] {len, rois});
        double[] out = new double[len * rois];
        for (int s = 0; s < len; s++) {
            for (int j = 0; j < rois; j++) {
                double v = roisFirst ? raw[j * len + s] : raw[s * rois + j];
                out[s * rois + j] = v * conversion + offset;
            }
        }
        return out;
    }

    /** First sample at or after time {@code t}. */
    int firstAtOrAfter(double t) {
        int lo = 0, hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    String describe() {
        return String.format(Locale.ROOT, "%s %s [%d samples x %d ROIs%s], %s, %.4g..%.4g s", path,
                NwbFile.neurodataType(data.getParent()).isEmpty() ? "series" : NwbFile.neurodataType(data.getParent()),
                times.length, rois, roisFirst ? ", stored ROIs first" : "", clock, times[0], times[times.length - 1]);
    }
}
