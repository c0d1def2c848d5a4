package org.dina.data.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.dina.data.Dataset;
import org.dina.tensor.Tensor;

/**
 * Stringer, Pachitariu et al. natimg2800 recordings (MATLAB 5.0 or 7.3): a recording file {@code natimg2800_*.mat}
 * with struct {@code stim} ({@code resp} [presentations, neurons], {@code istim} [presentations] 1-based image
 * index, {@code spont} spontaneous activity) and {@code med} (cell centres [neurons, 3 or 2]), plus the image file
 * {@code images_natimg2800_all.mat} ({@code imgs} [68, 270, K] uint8) in the same folder or given in the options.
 *
 * <p>Presentations with {@code istim} = K + 1 (one past the last image: the largest value) showed a gray screen and
 * are left out; every other presentation is a trial of image istim - 1, so repeats pair up by istim. Images are
 * divided by 255. The first two columns of {@code med} become CORTICAL neuron positions; all three, and the interneuron
 * labels of {@code redcell} (one 0/1 per neuron) when present, the dataset's {@link org.dina.data.NeuronInfo}. With {@code --spont-pcs K}
 * the top K principal components of {@code stim.spont} are projected out of every trial ({@link SpontaneousProjection}).
 */
final class Natimg2800Reader extends GuardedReader {
    static final String IMAGES_FILE = "images_natimg2800_all.mat";

    @Override public String name() { return "natimg2800"; }

    @Override
    public String description() {
        return "natimg2800_*.mat recording (stim.resp, stim.istim, med) + " + IMAGES_FILE + " (imgs [68,270,K])";
    }

    @Override
    public boolean canRead(Path path) {
        if (Files.isRegularFile(path)) return isRecordingName(path);
        if (!Files.isDirectory(path)) return false;
        try {
            return !recordings(path).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isRecordingName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.startsWith("natimg2800") && n.endsWith(".mat");
    }

    private static List<Path> recordings(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && isRecordingName(p)).sorted().toList();
        }
    }

    @Override
    protected Dataset readDataset(Path path, ReadOptions options, ReportBuilder report) throws DataFormatException {
        Path rec = path;
        if (Files.isDirectory(path)) {
            List<Path> recs;
            try {
                recs = recordings(path);
            } catch (IOException e) {
                throw new DataFormatException(path, "cannot list: " + e, e);
            }
            if (recs.isEmpty()) throw new DataFormatException(path, "no natimg2800_*.mat recording in this folder");
            if (recs.size() > 1) {
                throw new DataFormatException(path, recs.size() + " recordings in this folder (" + recs.get(0).getFileName()
                        + ", " + recs.get(1).getFileName() + (recs.size() > 2 ? ", ..." : "") + "); give one file");
            }
            rec = recs.get(0);
        }
        Path imagesFile = options.imagesFile() != null ? options.imagesFile()
                : (rec.toAbsolutePath().getParent() == null ? Path.of(IMAGES_FILE) : rec.toAbsolutePath().getParent().resolve(IMAGES_FILE));
        if (!Files.isRegularFile(imagesFile)) {
            throw new DataFormatException(imagesFile, "missing: the natimg2800 images (variable imgs) must sit next to the "
                    + "recording or be given explicitly");
        }

        Tensor images;
        int k;
        try (MatVariables im = MatVariables.open(imagesFile, Set.of("imgs"))) {
            NdArray imgs = im.array("imgs");
            Readers.require(imgs, "images", 2, 3);
            int[] s = imgs.shape();
            long[] st = imgs.strides();
            k = s.length == 3 ? s[2] : 1;
            ImageStack stack = new ImageStack(imagesFile, k, s[0], s[1]);
            for (int i = 0; i < k; i++) stack.put(i, imgs, i * (s.length == 3 ? st[2] : 0), st[0], st[1]);
            images = stack.finish(imagesFile, options.scaling(), report);
        }

        try (MatVariables mat = MatVariables.open(rec, Set.of("stim", "med", "redcell"))) {
            NdArray resp = mat.field("stim", "resp");
            NdArray istimArray = mat.field("stim", "istim");
            Readers.require(resp, "stim.resp", 2);
            long[] istim = Readers.wholeNumbers(istimArray, "stim.istim");
            int p = resp.dim(0), n = resp.dim(1);
            if (istim.length != p) {
                throw new DataFormatException(rec, "stim.istim has " + istim.length + " entries but stim.resp "
                        + Arrays.toString(resp.shape()) + " has " + p + " presentations");
            }
            long gray = k + 1L;
            int grayCount = 0;
            for (int t = 0; t < p; t++) {
                if (istim[t] < 1 || istim[t] > gray) {
                    throw new DataFormatException(rec, "presentation " + t + " has istim " + istim[t] + " but " + imagesFile.getFileName()
                            + " has " + k + " images (istim runs 1.." + k + ", " + gray + " = gray screen)");
                }
                if (istim[t] == gray) grayCount++;
            }
            long[] st = resp.strides();
            long[] rowBase = new long[p - grayCount];
            int[] ids = new int[p - grayCount];
            int j = 0;
            for (int t = 0; t < p; t++) {
                if (istim[t] == gray) continue;
                rowBase[j] = t * st[0];
                ids[j++] = (int) (istim[t] - 1);
            }
            report.excludedTrials += grayCount;
            report.note(grayCount > 0 ? grayCount + " gray-screen presentations (istim = " + gray + ") left out"
                    : "no gray-screen presentations (istim never reaches " + gray + ")");
            Dataset.Builder b = TrialAssembly.build("natimg2800 " + rec.getFileName(), images, resp, rowBase, st[1], n, null,
                    ids, null, report);
            Tensor centres = null;
            if (mat.has("med")) {
                Tensor pos = Readers.positions(mat.array("med"), n, report);
                if (pos != null) b.neuronPositions(pos, Dataset.PositionKind.CORTICAL);
                if (pos != null && mat.array("med").dim(1) >= 3) centres = Readers.centres(mat.array("med"), n, report);
            } else {
                report.note("no 'med' (cell positions) in the recording");
            }
            boolean[] red = mat.has("redcell") ? interneuronLabels(mat.array("redcell"), n, report) : null;
            if (centres != null || red != null) b.neuronInfo(new org.dina.data.NeuronInfo(centres, red));
            if (centres != null) report.note("med: 3-D cell centres kept (dataset neuron info)");
            Dataset d = b.build();
            // in place on the dataset's own (fresh, contiguous) response tensor; the projection keeps values finite
            projectSpontaneous(mat, rec, n, options.spontPcs(), d.responses(), report);
            return d;
        }
    }

    /** {@code redcell}: one 0/1 (or logical) per neuron, 1 = a red-labelled interneuron; null (with a note) if it does not fit. */
    private static boolean[] interneuronLabels(NdArray a, int neurons, ReportBuilder report) {
        if (!a.type().isNumeric() || a.size() != neurons) {
            report.note("redcell " + a.describe() + " ignored: expected one 0/1 label per neuron (" + neurons + ")");
            return null;
        }
        boolean[] red = new boolean[neurons];
        int count = 0;
        for (int j = 0; j < neurons; j++) {
            double v = a.getDouble(j);
            if (v != 0 && v != 1) {
                report.note("redcell " + a.describe() + " ignored: neuron " + j + " has " + v + ", not 0 or 1");
                return null;
            }
            red[j] = v == 1;
            if (red[j]) count++;
        }
        report.note("redcell: " + count + " of " + neurons + " neurons labelled interneurons (dataset neuron info)");
        return red;
    }

    private static void projectSpontaneous(MatVariables mat, Path rec, int n, int k, Tensor responses, ReportBuilder report)
            throws DataFormatException {
        if (k == 0) {
            if (mat.hasField("stim", "spont")) report.note("stim.spont (spontaneous activity) not used; --spont-pcs K projects out its top K PCs");
            return;
        }
        if (!mat.hasField("stim", "spont")) {
            throw new DataFormatException(rec, "--spont-pcs " + k + " needs stim.spont (spontaneous activity), which this recording lacks");
        }
        NdArray spont = mat.field("stim", "spont");
        SpontaneousProjection.fit(spont, n, k).apply(responses);
        report.note("top " + k + " principal components of stim.spont " + Arrays.toString(spont.shape())
                + " projected out of every trial (responses z-scored by spontaneous mean and SD)");
    }
}
