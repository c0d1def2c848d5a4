package org.dina.data.formats;

import java.nio.file.Path;
import org.dina.tensor.Tensor;

/**
 * What one NWB file contributes before it becomes a dataset: its images, every presentation it lists, and the trial
 * responses of the presentations it keeps (blank ones and those without samples in their window left out).
 *
 * @param file      the file
 * @param subject   {@code general/subject/subject_id}, or null when the file does not say
 * @param images    [K, H, W] in [0, 1]
 * @param onsets    start time of every presentation, seconds
 * @param index     image of every presentation (-1 = blank)
 * @param kept      the presentations that became trials, in increasing order
 * @param rows      the trial responses of the kept presentations, [kept.length, neurons] in C order at its start
 *                  (the array may be longer: what follows is unused)
 * @param neurons   ROIs of all the file's planes
 */
record NwbRecording(Path file, String subject, Tensor images, double[] onsets, long[] index, int[] kept, double[] rows,
                    int neurons) {

    /** The image of kept trial {@code i}. */
    int imageOf(int i) { return (int) index[kept[i]]; }

    /** Whether {@code other} lists the same presentations (same images at the same times, to a millisecond). */
    boolean samePresentations(NwbRecording other) {
        if (other.index.length != index.length) return false;
        for (int t = 0; t < index.length; t++) {
            if (other.index[t] != index[t] || Math.abs(other.onsets[t] - onsets[t]) > 1e-3) return false;
        }
        return true;
    }
}
