package org.dina.data.formats;

import io.jhdf.api.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dina.data.Dataset;
import org.dina.tensor.Tensor;

/**
 * Two-photon recordings in NWB (Neurodata Without Borders), version 2 as DANDI and OpenScope distribute them and
 * version 1 as the Allen Brain Observatory's AllenSDK cache keeps them ({@code ophys_experiment_*.nwb}).
 *
 * <p>It takes three things from the file: the ROI traces ({@link NwbTraces}; every series of the first of
 * {@code DfOverF}, {@code Fluorescence} that has any, planes side by side), the presentations ({@link NwbPresentations};
 * a TimeIntervals table before an IndexSeries, natural-image names first, or the one {@code --stimulus} names) and the
 * images ({@link NwbTemplates}; the one the presentations link to, or share a name with, or the only one). Each
 * presentation becomes a trial whose response is the trace averaged over a {@link TrialWindow}. Blank presentations
 * (index -1) and presentations outside the recording are left out and counted. The report lists everything found
 * and what was chosen, which is what {@code dina inspect} prints.
 *
 * <p>A folder of .nwb files, or a comma-separated list of them, is read file by file and joined by {@link NwbJoin}
 * (planes and sessions of one subject).
 */
final class NwbReader extends GuardedReader {

    @Override public String name() { return "nwb"; }

    @Override
    public String description() {
        return "a .nwb file (NWB 2 or the Allen Brain Observatory's NWB 1): RoiResponseSeries, presentation tables, stimulus templates";
    }

    @Override
    public boolean canRead(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                return s.anyMatch(NwbReader::isNwbFile);
            } catch (IOException e) {
                return false;
            }
        }
        List<Path> named = DataPaths.split(path);
        for (Path p : named) if (!isNwbFile(p)) return false;
        return true;
    }

    @Override
    protected Dataset readDataset(Path path, ReadOptions options, ReportBuilder report) throws DataFormatException {
        List<Path> files = files(path);
        if (files.size() == 1) {
            NwbRecording r = read(files.get(0), options, report);
            int n = r.neurons();
            long[] rowBase = new long[r.kept().length];
            int[] ids = new int[rowBase.length];
            for (int i = 0; i < rowBase.length; i++) {
                rowBase[i] = (long) i * n;
                ids[i] = r.imageOf(i);
            }
            NdArray responses = new DoubleArray(r.file(), "trial responses", new int[] {rowBase.length, n}, ElementType.FLOAT64, r.rows());
            return TrialAssembly.build("nwb " + r.file().getFileName(), r.images(), responses, rowBase, 1, n, null, ids, null, report).build();
        }
        List<NwbRecording> recordings = new ArrayList<>();
        for (Path f : files) {
            ReportBuilder own = new ReportBuilder(name(), f);
            recordings.add(read(f, options, own));
            report.absorb(own, f.getFileName() + ": ");
        }
        return NwbJoin.join(path, recordings, report);
    }

    /** The NWB files {@code path} names: itself, the .nwb files of a folder (by name), or a comma-separated list. */
    static List<Path> files(Path path) throws DataFormatException {
        if (Files.isDirectory(path)) {
            List<Path> found;
            try (Stream<Path> s = Files.list(path)) {
                found = s.filter(NwbReader::isNwbFile).sorted().toList();
            } catch (IOException e) {
                throw new DataFormatException(path, "cannot list: " + Failures.describe(e), e);
            }
            if (found.isEmpty()) throw new DataFormatException(path, "no .nwb files in this folder");
            return found;
        }
        List<Path> named = DataPaths.split(path);
        for (Path p : named) {
            if (!isNwbFile(p)) throw new DataFormatException(p, "not an .nwb file; several files are read together only when all are NWB");
        }
        return named;
    }

    private static boolean isNwbFile(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nwb");
    }

    /** One file's images, presentations and trial responses. */
    private static NwbRecording read(Path path, ReadOptions options, ReportBuilder report) throws DataFormatException {
        try (NwbFile f = NwbFile.open(path)) {
            boolean nwb1 = f.isNwb1();
            report.note("NWB " + (nwb1 ? "1 (Allen Brain Observatory layout: traces stored ROIs first)" : "2"));
            List<NwbTraces> planes = chooseTraces(f, nwb1, report);
            List<String> passedOver = new ArrayList<>();
            List<NwbPresentations> sources = NwbPresentations.find(f, passedOver);
            List<NwbTemplates> templates = NwbTemplates.find(f, passedOver);
            NwbPresentations shown = choosePresentations(f, sources, options.stimulus(), report);
            NwbTemplates stack = chooseTemplates(f, templates, shown, report);
            passedOver.forEach(report::note);

            int p = shown.onsets().length, blank = 0, outsideCount = 0;
            boolean[] outside = new boolean[p];
            for (int t = 0; t < p; t++) {
                long k = shown.index()[t];
                if (k == -1) {
                    outside[t] = true; // blank sweep: nothing to pair with
                    blank++;
                } else if (k < 0 || k >= stack.count()) {
                    throw new DataFormatException(path, shown.path() + ": presentation " + t + " shows image " + k + " but "
                            + stack.path() + " has " + stack.count() + " images (0.." + (stack.count() - 1) + ")");
                } else if (!Double.isFinite(shown.onsets()[t])) {
                    throw new DataFormatException(path, shown.path() + ": presentation " + t + " starts at " + shown.onsets()[t]);
                }
            }
            TrialWindow w = options.trialWindow();
            double[] values = NwbTrialResponses.compute(f, planes, shown.onsets(), w, outside);
            for (boolean o : outside) if (o) outsideCount++;
            outsideCount -= blank;
            int n = values.length / Math.max(1, p);
            int kept = p - blank - outsideCount;
            if (kept == 0) {
                throw new DataFormatException(path, "none of the " + p + " presentations of " + shown.path() + " has samples in its "
                        + w + " (blank: " + blank + "); do the traces and the presentations share a clock?");
            }
            report.excludedTrials += blank + outsideCount;
            if (blank > 0) report.note(blank + " blank presentations (image index -1) left out");
            if (outsideCount > 0) report.note(outsideCount + " presentations left out: no samples in their window (outside the recording)");
            report.note("trial response: mean over " + w + " after each onset, per ROI");

            Tensor images = stack.read(f, options.scaling(), report);
            // kept rows move up in place (j <= t): a 10,000-ROI hour holds ~300 MB of responses, not worth twice
            int[] keptRows = new int[kept];
            int j = 0;
            for (int t = 0; t < p; t++) {
                if (outside[t]) continue;
                if (j != t) System.arraycopy(values, t * n, values, j * n, n);
                keptRows[j++] = t;
            }
            return new NwbRecording(path, f.subjectId(), images, shown.onsets(), shown.index(), keptRows, values, n);
        }
    }

    private static List<NwbTraces> chooseTraces(NwbFile f, boolean nwb1, ReportBuilder report) throws DataFormatException {
        List<List<Group>> found = NwbTraces.find(f);
        List<NwbTraces> chosen = null;
        for (int c = 0; c < found.size(); c++) {
            if (found.get(c).isEmpty()) continue;
            if (chosen == null) {
                chosen = new ArrayList<>();
                for (Group g : found.get(c)) {
                    NwbTraces t = NwbTraces.open(f, g, nwb1);
                    chosen.add(t);
                    report.note("responses (chosen): " + t.describe());
                }
                if (c > 0) report.note("no DfOverF series: raw " + NwbTraces.CONTAINERS.get(c) + " traces used as responses");
            } else {
                for (Group g : found.get(c)) {
                    report.note("responses passed over: " + NwbPresentations.path(g) + " (" + NwbTraces.CONTAINERS.get(c)
                            + "; " + NwbTraces.CONTAINERS.get(0) + " preferred)");
                }
            }
        }
        if (chosen == null) {
            throw new DataFormatException(f.path(), "no RoiResponseSeries: expected one under processing/<module>/DfOverF or "
                    + "processing/<module>/Fluorescence");
        }
        return chosen;
    }

    private static NwbPresentations choosePresentations(NwbFile f, List<NwbPresentations> sources, String wanted,
                                                        ReportBuilder report) throws DataFormatException {
        if (sources.isEmpty()) {
            throw new DataFormatException(f.path(), "no stimulus presentations: no intervals/* table with an image index column ("
                    + String.join(", ", NwbPresentations.IMAGE_COLUMNS) + ") and no IndexSeries in stimulus/presentation");
        }
        NwbPresentations chosen = null;
        if (wanted != null) {
            for (NwbPresentations s : sources) if (s.isNamed(wanted)) chosen = s;
            if (chosen == null) {
                throw new DataFormatException(f.path(), "no presentation table or IndexSeries named '" + wanted + "' (found: "
                        + String.join(", ", sources.stream().map(NwbPresentations::path).toList()) + ")");
            }
        } else {
            // natural images are what DINA decodes; a table before an IndexSeries, else file order
            for (String hint : new String[] {"natural_scene", "natural_image", "scene", "image"}) {
                for (NwbPresentations s : sources) {
                    if (chosen == null && s.path().toLowerCase(Locale.ROOT).contains(hint)) chosen = s;
                }
            }
            if (chosen == null) chosen = sources.get(0);
        }
        for (NwbPresentations s : sources) {
            report.note("presentations" + (s == chosen ? " (chosen): " : ": ") + s.describe());
        }
        return chosen;
    }

    private static NwbTemplates chooseTemplates(NwbFile f, List<NwbTemplates> templates, NwbPresentations shown,
                                                ReportBuilder report) throws DataFormatException {
        if (templates.isEmpty()) {
            throw new DataFormatException(f.path(), "no images: stimulus/templates holds no Images group or image stack");
        }
        NwbTemplates chosen = null;
        for (NwbTemplates t : templates) if (t.path().equals(shown.templateLink())) chosen = t;
        if (chosen == null) {
            String stem = shown.stem();
            for (NwbTemplates t : templates) {
                String name = t.path().substring(t.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).replaceAll("_image_stack$", "");
                if (chosen == null && name.equals(stem)) chosen = t;
            }
        }
        if (chosen == null && templates.size() == 1) chosen = templates.get(0);
        if (chosen == null) {
            for (NwbTemplates t : templates) if (chosen == null && t.count() > shown.maxIndex()) chosen = t;
            if (chosen == null) chosen = templates.get(0); // the index check then names the problem
        }
        for (NwbTemplates t : templates) report.note("templates" + (t == chosen ? " (chosen): " : ": ") + t.describe());
        return chosen;
    }
}
