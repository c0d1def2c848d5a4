package org.dina.data;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dina.tensor.Tensor;

/**
 * A SHA-256 of what a dataset holds once it is read: images, responses, which image each trial showed, tiers and
 * categories. A run folder records it so that evaluating or resuming a run on data that changed since training is
 * noticed, whatever files (and whichever reader) the data came from.
 */
public final class DatasetFingerprint {
    private static final int CHUNK = 1 << 20;

    private DatasetFingerprint() {}

    /** Lower-case hex SHA-256 of the dataset's content; its name (the path it came from) is not part of it. */
    public static String of(Dataset d) {
        MessageDigest sha = sha256();
        tensor(sha, d.images());
        tensor(sha, d.responses());
        ints(sha, d.imageIds());
        if (d.hasTiers()) {
            int[] tiers = new int[d.trialCount()];
            for (int t = 0; t < tiers.length; t++) tiers[t] = d.tier(t).ordinal();
            ints(sha, tiers);
        }
        if (d.hasCategories()) {
            int[] labels = new int[d.imageCount()];
            for (int k = 0; k < labels.length; k++) labels[k] = d.category(k);
            ints(sha, labels);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void tensor(MessageDigest sha, Tensor t) {
        Tensor c = t.contiguous();
        // the shape first, so that [2, 6] and [3, 4] of the same bytes differ
        ints(sha, c.shape());
        MemorySegment all = c.segment().asSlice(c.offset() * Float.BYTES, c.numel() * Float.BYTES);
        for (long at = 0; at < all.byteSize(); at += CHUNK) {
            sha.update(all.asSlice(at, Math.min(CHUNK, all.byteSize() - at)).asByteBuffer());
        }
    }

    private static void ints(MessageDigest sha, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(values.length);
        for (int v : values) b.putInt(v);
        sha.update(b.flip());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
