package org.dina.data;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.dina.tensor.Tensor;

/**
 * Per-neuron min–max scaling of responses to [0, 1], fitted on training trials only (the reference code fits on
 * all rows, leaking the test set; this one cannot).
 *
 * <p>Applied to other trials the values may fall outside [0, 1] (below 0 or above 1 where a validation or test
 * response lies outside the training range); they are deliberately not clipped, so no information is hidden. A
 * neuron that is constant on the training trials maps every value to 0.
 */
public final class ResponseNormalizer {
    private final float[] min, max;

    private ResponseNormalizer(float[] min, float[] max) {
        this.min = min;
        this.max = max;
    }

    /** Fits on the given (training) trials of {@code d}. */
    public static ResponseNormalizer fit(Dataset d, int[] trainTrials) {
        return fit(d.responses(), trainTrials);
    }

    /** Fits on rows {@code trainRows} of a [T, N] response tensor. */
    public static ResponseNormalizer fit(Tensor responses, int[] trainRows) {
        if (responses.rank() != 2) throw new IllegalArgumentException("ResponseNormalizer.fit: responses must be [T, N], got " + responses.shapeString());
        if (trainRows.length == 0) throw new IllegalArgumentException("ResponseNormalizer.fit: no training trials");
        Tensor r = responses.contiguous();
        int n = r.dim(1);
        float[] lo = new float[n], hi = new float[n];
        Arrays.fill(lo, Float.POSITIVE_INFINITY);
        Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        MemorySegment seg = r.segment();
        for (int t : trainRows) {
            if (t < 0 || t >= r.dim(0)) throw new IndexOutOfBoundsException("ResponseNormalizer.fit: row " + t + " of " + r.dim(0));
            long o = r.offset() + (long) t * n;
            for (int j = 0; j < n; j++) {
                float v = seg.getAtIndex(Tensor.FLOAT, o + j);
                if (v < lo[j]) lo[j] = v;
                if (v > hi[j]) hi[j] = v;
            }
        }
        return new ResponseNormalizer(lo, hi);
    }

    public int neuronCount() { return min.length; }

    /** Training minimum of neuron {@code j}. */
    public float min(int j) { return min[j]; }

    /** Training maximum of neuron {@code j}. */
    public float max(int j) { return max[j]; }

    /** Scaled value of {@code v} for neuron {@code j}; 0 for a neuron constant in training. */
    public float apply(int j, float v) {
        float range = max[j] - min[j];
        return range > 0f ? (v - min[j]) / range : 0f;
    }

    /** A new [T, N] tensor of scaled responses. */
    public Tensor apply(Tensor responses) {
        Tensor out = responses.copy();
        applyInPlace(out);
        return out;
    }

    /** Scales the given trials of {@code d} into a new [trials.length, N] tensor. */
    public Tensor apply(Dataset d, int[] trials) {
        Tensor out = d.responsesOf(trials);
        applyInPlace(out);
        return out;
    }

    /** Scales a contiguous [T, N] tensor in place. */
    public void applyInPlace(Tensor responses) {
        if (responses.rank() != 2 || responses.dim(1) != min.length) {
            throw new IllegalArgumentException("ResponseNormalizer: fitted for " + min.length + " neurons, got responses "
                    + responses.shapeString());
        }
        if (!responses.isContiguous()) throw new IllegalArgumentException("ResponseNormalizer.applyInPlace: tensor must be contiguous");
        int n = min.length;
        MemorySegment seg = responses.segment();
        long rows = responses.dim(0);
        for (long t = 0; t < rows; t++) {
            long o = responses.offset() + t * n;
            for (int j = 0; j < n; j++) seg.setAtIndex(Tensor.FLOAT, o + j, apply(j, seg.getAtIndex(Tensor.FLOAT, o + j)));
        }
    }

    /** For checkpoints: [min_0 .. min_{N-1}, max_0 .. max_{N-1}] (length 2N). */
    public float[] toArray() {
        float[] a = new float[2 * min.length];
        System.arraycopy(min, 0, a, 0, min.length);
        System.arraycopy(max, 0, a, min.length, max.length);
        return a;
    }

    /** Inverse of {@link #toArray()}. */
    public static ResponseNormalizer fromArray(float[] a) {
        if (a.length == 0 || a.length % 2 != 0) {
            throw new IllegalArgumentException("ResponseNormalizer.fromArray: need 2N values (mins then maxes), got " + a.length);
        }
        int n = a.length / 2;
        float[] lo = Arrays.copyOfRange(a, 0, n), hi = Arrays.copyOfRange(a, n, 2 * n);
        for (int j = 0; j < n; j++) {
            if (!(lo[j] <= hi[j])) throw new IllegalArgumentException("ResponseNormalizer.fromArray: neuron " + j + " has min " + lo[j] + " > max " + hi[j]);
        }
        return new ResponseNormalizer(lo, hi);
    }
}
