package org.dina.data.formats;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dina.data.Dataset;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;

/**
 * Sensorium 2022 folders: {@code data/images/<t>.npy} ([1, H, W]) and {@code data/responses/<t>.npy} ([N]) per
 * trial t, {@code meta/trials/frame_image_id.npy} [T] and {@code meta/trials/tiers.npy} [T] (strings), and
 * {@code meta/neurons/*.npy}.
 *
 * <p>Trials that showed the same {@code frame_image_id} are repeats of one image (stored once, from its first
 * trial). Tiers: train → TRAIN, validation → VALIDATION, test / final_test / live_test (any *test*) → TEST;
 * trials with tier 'none' are left out. {@code cell_motor_coordinates.npy} [N, 3], when present, gives CORTICAL
 * positions (x, y). Behaviour and pupil data are not read.
 */
final class SensoriumReader extends GuardedReader {
    @Override public String name() { return "sensorium"; }

    @Override
    public String description() {
        return "Sensorium 2022 folder: data/{images,responses}/<t>.npy, meta/trials/{frame_image_id,tiers}.npy, meta/neurons";
    }

    @Override
    public boolean canRead(Path path) {
        return Files.isDirectory(path.resolve("data").resolve("responses"))
                && Files.isRegularFile(path.resolve("meta").resolve("trials").resolve("frame_image_id.npy"));
    }

    @Override
    protected Dataset readDataset(Path dir, ReadOptions options, ReportBuilder report) throws DataFormatException {
        Path trials = dir.resolve("meta").resolve("trials");
        long[] frameIds = Readers.wholeNumbers(NpyArray.open(Readers.requireFile(trials, "frame_image_id.npy")), "frame_image_id");
        int t = frameIds.length;
        Tier[] tiers = null;
        Path tiersFile = trials.resolve("tiers.npy");
        if (Files.isRegularFile(tiersFile)) {
            tiers = NpyFolderReader.readTiers(NpyArray.open(tiersFile), t);
        } else {
            report.note("no meta/trials/tiers.npy: no tiers");
        }

        // trials in file order; images numbered by first appearance of their frame_image_id
        Map<Long, Integer> imageOf = new LinkedHashMap<>();
        int[] firstTrial = new int[t];
        int[] ids = new int[t];
        int included = 0;
        int[] trialOf = new int[t];
        for (int i = 0; i < t; i++) {
            if (tiers != null && tiers[i] == null) continue;
            Integer k = imageOf.get(frameIds[i]);
            if (k == null) {
                k = imageOf.size();
                imageOf.put(frameIds[i], k);
                firstTrial[k] = i;
            }
            ids[included] = k;
            trialOf[included++] = i;
        }
        if (included < t) {
            report.excludedTrials += t - included;
            report.note((t - included) + " trials with tier 'none' left out");
        }
        if (included == 0) throw new DataFormatException(tiersFile, "no trial belongs to a tier");
        int k = imageOf.size();

        Path imageDir = dir.resolve("data").resolve("images"), responseDir = dir.resolve("data").resolve("responses");
        ImageStack stack = null;
        for (int i = 0; i < k; i++) {
            NpyArray img = NpyArray.open(Readers.requireFile(imageDir, firstTrial[i] + ".npy"));
            Readers.require(img, "image", 2, 3);
            int[] s = img.shape();
            long[] st = img.strides();
            int r = s.length - 2;
            if (s.length == 3 && s[0] != 1) {
                throw new DataFormatException(img.file(), "image must be [1, H, W] (one channel), got " + Arrays.toString(s));
            }
            if (stack == null) stack = new ImageStack(imageDir, k, s[r], s[r + 1]);
            else if (s[r] != stack.height() || s[r + 1] != stack.width()) {
                throw new DataFormatException(img.file(), "image is " + s[r] + "x" + s[r + 1] + " but earlier images are "
                        + stack.height() + "x" + stack.width());
            }
            stack.put(i, img, 0, st[r], st[r + 1]);
        }
        Tensor images = stack.finish(imageDir, options.scaling(), report);

        int n = -1;
        Tensor resp = null;
        MemorySegment seg = null;
        int kept = 0, dropped = 0;
        int[] keptIds = new int[included];
        Tier[] keptTiers = tiers == null ? null : new Tier[included];
        for (int j = 0; j < included; j++) {
            int trial = trialOf[j];
            NpyArray r = NpyArray.open(Readers.requireFile(responseDir, trial + ".npy"));
            Readers.requireNumeric(r, "responses");
            long len = r.size();
            if (n < 0) {
                if (len < 1 || len > Integer.MAX_VALUE) throw new DataFormatException(r.file(), "responses are empty");
                n = (int) len;
                resp = Tensor.zeros(included, n);
                seg = resp.segment();
            } else if (len != n) {
                throw new DataFormatException(r.file(), "holds " + len + " responses but earlier trials have " + n + " neurons");
            }
            boolean missing = false;
            long base = (long) kept * n;
            for (int c = 0; c < n; c++) {
                double v = r.getDouble(c);
                if (Double.isNaN(v)) {
                    missing = true;
                    break;
                }
                if (Double.isInfinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                    throw new DataFormatException(r.file(), "neuron " + c + " is " + v + " (responses must be finite; NaN marks a missing trial)");
                }
                seg.setAtIndex(Tensor.FLOAT, base + c, (float) v);
            }
            if (missing) {
                dropped++;
                continue;
            }
            keptIds[kept] = ids[j];
            if (keptTiers != null) keptTiers[kept] = tiers[trial];
            kept++;
        }
        if (kept == 0) throw new DataFormatException(responseDir, "every trial has NaN responses");
        report.nanTrialsDropped += dropped;
        if (dropped > 0) report.note(dropped + " of " + included + " trials dropped: their responses hold NaN (missing trials)");
        if (kept < included) {
            resp = resp.slice(0, 0, kept).contiguous();
            keptIds = Arrays.copyOf(keptIds, kept);
            if (keptTiers != null) keptTiers = Arrays.copyOf(keptTiers, kept);
        }
        Dataset.Builder b = Dataset.builder("sensorium " + dir, images, resp, keptIds);
        if (keptTiers != null) b.tiers(keptTiers);
        Path coords = dir.resolve("meta").resolve("neurons").resolve("cell_motor_coordinates.npy");
        if (Files.isRegularFile(coords)) {
            Tensor pos = Readers.positions(NpyArray.open(coords), n, report);
            if (pos != null) b.neuronPositions(pos, Dataset.PositionKind.CORTICAL);
        }
        report.note(k + " distinct frame_image_id values among " + included + " trials");
        return b.build();
    }
}
