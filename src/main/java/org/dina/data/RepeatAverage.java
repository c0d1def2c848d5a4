package org.dina.data;

import java.lang.foreign.MemorySegment;
import org.dina.tensor.Tensor;

/**
 * Responses averaged over the repeats of each image, within one set of trials (one side of a split): row i of
 * {@code responses} is the mean over the {@code counts[i]} trials that showed image {@code images[i]}.
 *
 * @param images    distinct images, ascending
 * @param counts    how many trials were averaged for each
 * @param responses [images.length, N] means
 */
public record RepeatAverage(int[] images, int[] counts, Tensor responses) {

    /** Averages the given trials of {@code d} per image. */
    public static RepeatAverage of(Dataset d, int[] trials) {
        int[] ids = new int[trials.length];
        for (int i = 0; i < trials.length; i++) ids[i] = d.imageId(trials[i]);
        return of(d.responsesOf(trials), ids, d.imageCount());
    }

    /**
     * Averages the rows of {@code rows} [R, N] per image, where {@code rowImageIds[r]} is the image of row r, in
     * [0, imageCount). Use it on responses that were normalised first.
     */
    public static RepeatAverage of(Tensor rows, int[] rowImageIds, int imageCount) {
        if (rows.rank() != 2 || rows.dim(0) != rowImageIds.length) {
            throw new IllegalArgumentException("RepeatAverage: " + rowImageIds.length + " image ids for rows " + rows.shapeString());
        }
        Tensor r = rows.contiguous();
        int n = r.dim(1);
        int[] count = new int[imageCount];
        for (int id : rowImageIds) {
            if (id < 0 || id >= imageCount) throw new IllegalArgumentException("RepeatAverage: image id " + id + " outside [0, " + imageCount + ")");
            count[id]++;
        }
        int[] slot = new int[imageCount];
        int m = 0;
        for (int k = 0; k < imageCount; k++) slot[k] = count[k] > 0 ? m++ : -1;
        int[] images = new int[m], counts = new int[m];
        for (int k = 0; k < imageCount; k++) if (slot[k] >= 0) { images[slot[k]] = k; counts[slot[k]] = count[k]; }
        // sum in double, rows in their given order, so the result does not depend on anything else
        double[] sum = new double[m * n];
        MemorySegment seg = r.segment();
        for (int i = 0; i < rowImageIds.length; i++) {
            long o = r.offset() + (long) i * n;
            int s = slot[rowImageIds[i]] * n;
            for (int j = 0; j < n; j++) sum[s + j] += seg.getAtIndex(Tensor.FLOAT, o + j);
        }
        Tensor out = Tensor.zeros(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) out.setFlat((long) i * n + j, (float) (sum[i * n + j] / counts[i]));
        }
        return new RepeatAverage(images, counts, out);
    }
}
