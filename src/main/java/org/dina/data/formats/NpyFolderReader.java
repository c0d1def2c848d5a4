package org.dina.data.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dina.data.Dataset;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;

/**
 * A folder of numpy arrays: {@code images.npy} ([K, H, W], [K, 1, H, W] or flattened [K, H*W]) and
 * {@code responses.npy}, one of
 * <ul>
 *   <li>[K, N]: trial k showed image k (no repeats);</li>
 *   <li>[T, N] with {@code image_ids.npy} [T]: trial t showed image image_ids[t] (0-based), repeats allowed;</li>
 *   <li>[R, K, N]: R repeats of the K images; trial r*K + k showed image k.</li>
 * </ul>
 * An optional {@code tiers.npy} [T] of strings (train / validation / test) gives the trials' tiers. Rows with NaN
 * are missing trials: dropped and counted.
 */
final class NpyFolderReader extends GuardedReader {
    @Override public String name() { return "npy"; }

    @Override
    public String description() {
        return "folder with images.npy and responses.npy (+ image_ids.npy, tiers.npy)";
    }

    @Override
    public boolean canRead(Path path) {
        return Readers.folderWith(path, "images.npy", "responses.npy");
    }

    @Override
    protected Dataset readDataset(Path dir, ReadOptions options, ReportBuilder report) throws DataFormatException {
        NpyArray img = NpyArray.open(Readers.requireFile(dir, "images.npy"));
        ImageLayout layout = ImageLayout.imageFirst(img, options);
        ImageStack stack = new ImageStack(img.file(), layout.count(), layout.height(), layout.width());
        layout.copyInto(stack, img, 0);
        Tensor images = stack.finish(img.file(), options.scaling(), report);
        int k = layout.count();

        NpyArray resp = NpyArray.open(Readers.requireFile(dir, "responses.npy"));
        Readers.require(resp, "responses", 2, 3);
        int[] s = resp.shape();
        long[] st = resp.strides();
        Path idsFile = dir.resolve("image_ids.npy");
        boolean hasIds = Files.isRegularFile(idsFile);
        long[] rowBase;
        int[] ids;
        int n;
        Tensor mapped = resp.mappedFloatTensor();
        if (s.length == 3) {
            if (hasIds) {
                throw new DataFormatException(idsFile, "image_ids.npy cannot go with 3-D responses " + Arrays.toString(s)
                        + " ([repeats, images, neurons] already says which image each trial showed)");
            }
            if (s[1] != k) {
                throw new DataFormatException(resp.file(), "responses " + Arrays.toString(s) + " are [repeats, images, neurons] but "
                        + "images.npy has " + k + " images");
            }
            int t = Math.multiplyExact(s[0], s[1]);
            n = s[2];
            rowBase = new long[t];
            ids = new int[t];
            for (int r = 0; r < s[0]; r++) {
                for (int i = 0; i < k; i++) {
                    rowBase[r * k + i] = r * st[0] + i * st[1];
                    ids[r * k + i] = i;
                }
            }
            if (mapped != null) mapped = mapped.reshape(t, n);
            report.note("responses [repeats, images, neurons] = " + Arrays.toString(s) + ": trial r*" + k + " + k showed image k");
        } else {
            int t = s[0];
            n = s[1];
            rowBase = new long[t];
            for (int i = 0; i < t; i++) rowBase[i] = i * st[0];
            if (hasIds) {
                long[] raw = Readers.wholeNumbers(NpyArray.open(idsFile), "image ids");
                if (raw.length != t) {
                    throw new DataFormatException(idsFile, raw.length + " image ids for " + t + " trials of responses " + Arrays.toString(s));
                }
                ids = new int[t];
                for (int i = 0; i < t; i++) {
                    if (raw[i] < 0 || raw[i] >= k) {
                        throw new DataFormatException(idsFile, "trial " + i + " shows image " + raw[i] + " but images.npy has "
                                + k + " images (ids are 0-based)");
                    }
                    ids[i] = (int) raw[i];
                }
            } else {
                if (t != k) {
                    throw new DataFormatException(resp.file(), "responses " + Arrays.toString(s) + " have " + t + " rows but images.npy has "
                            + k + " images; add image_ids.npy to say which image each trial showed");
                }
                ids = new int[t];
                Arrays.setAll(ids, i -> i);
            }
        }
        Tier[] tiers = null;
        Path tiersFile = dir.resolve("tiers.npy");
        if (Files.isRegularFile(tiersFile)) {
            tiers = readTiers(NpyArray.open(tiersFile), rowBase.length);
            // trials without a tier are left out before gathering, so that mapped rows stay aligned only when none is
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < tiers.length; i++) if (tiers[i] != null) keep.add(i);
            if (keep.size() < tiers.length) {
                report.excludedTrials += tiers.length - keep.size();
                report.note((tiers.length - keep.size()) + " trials without a tier ('none') left out");
                long[] rb = new long[keep.size()];
                int[] id2 = new int[keep.size()];
                Tier[] t2 = new Tier[keep.size()];
                for (int i = 0; i < rb.length; i++) {
                    rb[i] = rowBase[keep.get(i)];
                    id2[i] = ids[keep.get(i)];
                    t2[i] = tiers[keep.get(i)];
                }
                rowBase = rb;
                ids = id2;
                tiers = t2;
                mapped = null;
            }
        }
        return TrialAssembly.build("npy " + dir, images, resp, rowBase, st[st.length - 1], n, mapped, ids, tiers, report).build();
    }

    /** A tier per trial from a text (or whole-number 0/1/2 = train/validation/test) array. */
    static Tier[] readTiers(NpyArray a, int trials) throws DataFormatException {
        if (a.rank() != 1 || a.dim(0) != trials) {
            throw new DataFormatException(a.file(), "tiers must be a vector of " + trials + " entries, got " + Arrays.toString(a.shape()));
        }
        Tier[] out = new Tier[trials];
        for (int i = 0; i < trials; i++) {
            if (a.type() == ElementType.TEXT) {
                try {
                    out[i] = TierNames.parse(a.getString(i));
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(a.file(), "trial " + i + ": " + e.getMessage());
                }
            } else if (a.type().isInteger() && a.type() != ElementType.BOOL) {
                double v = a.getDouble(i);
                if (v < 0 || v > 2) throw new DataFormatException(a.file(), "trial " + i + " has tier " + v + " (0 train, 1 validation, 2 test)");
                out[i] = Tier.values()[(int) v];
            } else {
                throw new DataFormatException(a.file(), "tiers must be text or 0/1/2, got " + a.describe());
            }
        }
        return out;
    }
}
