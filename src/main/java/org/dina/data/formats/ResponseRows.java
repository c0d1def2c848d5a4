package org.dina.data.formats;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.dina.tensor.Tensor;

/**
 * Gathers trial responses (one row of N neurons per trial) from any array layout into a [T', N] float tensor,
 * dropping trials whose row holds a NaN (a missing trial, as datasets mark them) and refusing infinities.
 * A memory-mapped little-endian float32 array whose rows are all kept is used as it is, without a copy.
 *
 * @param responses [kept, N]
 * @param kept      for each output row, the index of the input row it came from
 * @param nanDropped rows dropped for NaN
 */
record ResponseRows(Tensor responses, int[] kept, int nanDropped) {

    /**
     * Row {@code i} of the input is at storage positions {@code rowBase[i] + j * colStride}, j &lt; n.
     * {@code mapped}, when not null, is a [rows, n] zero-copy view of the same rows in the same order.
     */
    static ResponseRows gather(NdArray a, long[] rowBase, long colStride, int n, Tensor mapped) throws DataFormatException {
        Readers.requireNumeric(a, "responses");
        if (n < 1) throw new DataFormatException(a.file(), a.name() + ": responses of no neurons");
        if (rowBase.length == 0) throw new DataFormatException(a.file(), a.name() + ": no trials");
        boolean[] drop = new boolean[rowBase.length];
        int dropped = 0;
        for (int i = 0; i < rowBase.length; i++) {
            for (int j = 0; j < n; j++) {
                double v = a.getDouble(rowBase[i] + j * colStride);
                if (Double.isNaN(v)) {
                    drop[i] = true;
                } else if (Double.isInfinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                    throw new DataFormatException(a.file(), a.name() + ": trial " + i + ", neuron " + j + " is " + v
                            + " (responses must be finite; NaN marks a missing trial)");
                }
            }
            if (drop[i]) dropped++;
        }
        int keep = rowBase.length - dropped;
        if (keep == 0) {
            int deadNeuron = firstNeuronNaNOnEveryTrial(a, rowBase, colStride, n);
            // one dead column drops every trial: name it, since dropping the neuron is what the user should do
            throw new DataFormatException(a.file(), a.name() + ": every one of the " + rowBase.length + " trials has NaN responses"
                    + (deadNeuron >= 0 ? "; neuron " + deadNeuron + " is NaN on every trial (remove that neuron)" : ""));
        }
        if (dropped == 0 && mapped != null) {
            int[] all = new int[rowBase.length];
            Arrays.setAll(all, i -> i);
            return new ResponseRows(mapped, all, 0);
        }
        Tensor out = Tensor.zeros(keep, n);
        MemorySegment seg = out.segment();
        int[] kept = new int[keep];
        long o = 0;
        int t = 0;
        for (int i = 0; i < rowBase.length; i++) {
            if (drop[i]) continue;
            kept[t++] = i;
            for (int j = 0; j < n; j++) seg.setAtIndex(Tensor.FLOAT, o++, (float) a.getDouble(rowBase[i] + j * colStride));
        }
        return new ResponseRows(out, kept, dropped);
    }

    private static int firstNeuronNaNOnEveryTrial(NdArray a, long[] rowBase, long colStride, int n) {
        for (int j = 0; j < n; j++) {
            boolean allNaN = true;
            for (int i = 0; i < rowBase.length && allNaN; i++) allNaN = Double.isNaN(a.getDouble(rowBase[i] + j * colStride));
            if (allNaN) return j;
        }
        return -1;
    }
}
