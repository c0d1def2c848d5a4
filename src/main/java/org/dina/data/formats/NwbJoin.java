package org.dina.data.formats;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dina.data.Dataset;
import org.dina.tensor.Tensor;

/**
 * Several NWB files of one subject as one dataset, its neurons side by side.
 *
 * <ul>
 *   <li><b>Planes of one session</b> are files that list the same presentations (the same image at the same time,
 *       to a millisecond). Their ROIs are concatenated; a presentation is a trial when every plane kept it.</li>
 *   <li><b>Sessions</b> are groups of planes with different presentations. They must show the same images (same
 *       count, same pixels). Their neurons were never recorded together, so trials are matched by image identity and
 *       repeat index: the r-th trial of image k in one session is joined with the r-th trial of image k in every
 *       other (a pseudo-population, as in decoding studies that pool sessions). Image k keeps as many trials as the
 *       session that showed it least often; the rest are left out and counted. Trials follow the first session's
 *       order. Their trial-to-trial noise is independent across sessions, so single-trial accuracy on a joined
 *       population is not what a simultaneous recording of as many neurons would give.</li>
 *   <li>Files that name different subjects ({@code general/subject/subject_id}) or show different images are refused
 *       with one line naming the file.</li>
 * </ul>
 * Files are taken in the order given (a folder's in name order); sessions in the order of their first file.
 */
final class NwbJoin {
    private NwbJoin() {}

    /** One session: its planes' recordings, which share presentations, and the trials all of them kept. */
    private record Session(List<NwbRecording> planes, int[] presentations, int[] imageIds, double[] rows, int neurons) {
        String label() {
            return planes.stream().map(p -> p.file().getFileName().toString()).reduce((a, b) -> a + " + " + b).orElseThrow();
        }
    }

    static Dataset join(Path source, List<NwbRecording> files, ReportBuilder report) throws DataFormatException {
        checkSubject(files);
        NwbRecording first = files.get(0);
        for (NwbRecording r : files) checkSameImages(first, r);
        List<List<NwbRecording>> groups = new ArrayList<>();
        for (NwbRecording r : files) {
            List<NwbRecording> home = null;
            for (List<NwbRecording> g : groups) if (g.get(0).samePresentations(r)) home = g;
            if (home == null) groups.add(home = new ArrayList<>());
            home.add(r);
        }
        List<Session> sessions = new ArrayList<>();
        for (List<NwbRecording> g : groups) sessions.add(planes(g, report));
        int n = 0;
        for (Session s : sessions) {
            report.note(String.format(Locale.ROOT, "session %d: %s, %d trials, neurons %d..%d", sessions.indexOf(s) + 1, s.label(),
                    s.imageIds().length, n, n + s.neurons() - 1));
            n += s.neurons();
        }
        double[] rows;
        int[] ids;
        if (sessions.size() == 1) {
            rows = sessions.get(0).rows();
            ids = sessions.get(0).imageIds();
        } else {
            int[][] matched = matchRepeats(sessions, first.images().dim(0), report);
            ids = new int[matched[0].length];
            rows = new double[ids.length * n];
            int col = 0;
            for (int s = 0; s < sessions.size(); s++) {
                Session x = sessions.get(s);
                for (int t = 0; t < ids.length; t++) {
                    System.arraycopy(x.rows(), matched[s][t] * x.neurons(), rows, t * n + col, x.neurons());
                    if (s == 0) ids[t] = x.imageIds()[matched[0][t]];
                }
                col += x.neurons();
            }
        }
        if (ids.length == 0) {
            throw new DataFormatException(source, "the " + sessions.size() + " sessions share no image shown in all of them");
        }
        report.note(String.format(Locale.ROOT, "%d files joined: %d session(s), %d planes, %d neurons, %d trials",
                files.size(), sessions.size(), files.size(), n, ids.length));
        long[] rowBase = new long[ids.length];
        for (int t = 0; t < rowBase.length; t++) rowBase[t] = (long) t * n;
        NdArray responses = new DoubleArray(source, "joined trial responses", new int[] {ids.length, n}, ElementType.FLOAT64, rows);
        String name = "nwb " + (source.getFileName() == null ? source : source.getFileName()) + " (" + files.size() + " files, "
                + sessions.size() + " session" + (sessions.size() == 1 ? "" : "s") + ")";
        return TrialAssembly.build(name, first.images(), responses, rowBase, 1, n, null, ids, null, report).build();
    }

    private static void checkSubject(List<NwbRecording> files) throws DataFormatException {
        NwbRecording named = null;
        for (NwbRecording r : files) {
            if (r.subject() == null) continue;
            if (named == null) named = r;
            else if (!named.subject().equals(r.subject())) {
                throw new DataFormatException(r.file(), "subject '" + r.subject() + "' but " + named.file().getFileName() + " is subject '"
                        + named.subject() + "'; only files of one subject are joined (their neurons go side by side)");
            }
        }
    }

    private static void checkSameImages(NwbRecording first, NwbRecording r) throws DataFormatException {
        Tensor a = first.images().contiguous(), b = r.images().contiguous();
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new DataFormatException(r.file(), "shows images " + b.shapeString() + " but " + first.file().getFileName()
                    + " shows " + a.shapeString() + "; files are joined only when they show the same images");
        }
        long size = a.numel() * Float.BYTES;
        long at = MemorySegment.mismatch(a.segment(), a.offset() * Float.BYTES, a.offset() * Float.BYTES + size,
                b.segment(), b.offset() * Float.BYTES, b.offset() * Float.BYTES + size);
        if (at >= 0) {
            int plane = a.dim(1) * a.dim(2);
            throw new DataFormatException(r.file(), "image " + (at / Float.BYTES / plane) + " differs from the same image in "
                    + first.file().getFileName() + "; files are joined only when they show the same images");
        }
    }

    /** The planes of one session side by side, on the presentations every plane kept. */
    private static Session planes(List<NwbRecording> planes, ReportBuilder report) {
        int presentations = planes.get(0).index().length;
        int[] keptBy = new int[presentations];
        for (NwbRecording p : planes) for (int t : p.kept()) keptBy[t]++;
        int count = 0;
        for (int c : keptBy) if (c == planes.size()) count++;
        int[] kept = new int[count], ids = new int[count];
        int n = 0;
        for (NwbRecording p : planes) n += p.neurons();
        double[] rows = new double[count * n];
        int j = 0;
        for (int t = 0; t < presentations; t++) {
            if (keptBy[t] != planes.size()) continue;
            kept[j] = t;
            ids[j] = (int) planes.get(0).index()[t];
            int col = 0;
            for (NwbRecording p : planes) {
                int i = Arrays.binarySearch(p.kept(), t);
                System.arraycopy(p.rows(), i * p.neurons(), rows, j * n + col, p.neurons());
                col += p.neurons();
            }
            j++;
        }
        int partial = 0;
        for (int c : keptBy) if (c > 0 && c < planes.size()) partial++;
        if (partial > 0) {
            report.excludedTrials += partial;
            report.note(partial + " presentations left out: kept by some planes of " + planes.get(0).file().getFileName() + " but not all");
        }
        return new Session(planes, kept, ids, rows, n);
    }

    /**
     * For every session, which of its trials makes joined trial t: the r-th trial of image k in each session, for r
     * below the fewest repeats of k in any session; ordered as the first session's trials.
     */
    private static int[][] matchRepeats(List<Session> sessions, int images, ReportBuilder report) {
        int[] common = new int[images];
        Arrays.fill(common, Integer.MAX_VALUE);
        for (Session s : sessions) {
            int[] repeats = new int[images];
            for (int id : s.imageIds()) repeats[id]++;
            for (int k = 0; k < images; k++) common[k] = Math.min(common[k], repeats[k]);
        }
        int total = 0;
        for (int c : common) total += c;
        int[][] out = new int[sessions.size()][total];
        for (int s = 0; s < sessions.size(); s++) {
            int[] ids = sessions.get(s).imageIds();
            // the r-th trial of image k in session s, where r counts in the session's own order
            int[] seen = new int[images];
            int[][] nth = new int[images][];
            for (int k = 0; k < images; k++) nth[k] = new int[common[k]];
            for (int t = 0; t < ids.length; t++) {
                int k = ids[t];
                if (seen[k] < common[k]) nth[k][seen[k]] = t;
                seen[k]++;
            }
            int[] taken = new int[images];
            int[] firstIds = sessions.get(0).imageIds();
            int j = 0;
            for (int t = 0; t < firstIds.length; t++) {
                int k = firstIds[t];
                if (taken[k] < common[k]) out[s][j++] = nth[k][taken[k]++];
            }
            int left = ids.length - total;
            if (left > 0) {
                report.excludedTrials += left;
                report.note(left + " trials of session " + (s + 1) + " (" + sessions.get(s).label() + ") left out: their image was "
                        + "shown fewer times in another session, and trials are joined by image and repeat");
            }
        }
        return out;
    }
}
