package org.dina.model.neural;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.dina.nn.Parameter;
import org.dina.tensor.Tensor;

/**
 * A bitwise copy of some parameters' values, to tell whether they changed since it was taken: an optimizer step,
 * a checkpoint load or a finite-difference probe all show up without any hook. Comparing costs one pass over the
 * parameters (O(N·d + d²)), negligible next to rebuilding O(N²·d) tables.
 */
final class WeightSnapshot {
    private final List<Parameter> params;
    private MemorySegment copy;

    WeightSnapshot(List<Parameter> params) {
        this.params = List.copyOf(params);
    }

    private static MemorySegment bytesOf(Parameter p) {
        Tensor v = p.value();
        return v.segment().asSlice(v.offset() * Float.BYTES, v.numel() * Float.BYTES);
    }

    /** Copies the current values. */
    void take() {
        long total = 0;
        for (Parameter p : params) total += p.numel();
        if (copy == null) copy = Tensor.zeros((int) Math.max(1, total)).segment();
        long off = 0;
        for (Parameter p : params) {
            MemorySegment src = bytesOf(p);
            MemorySegment.copy(src, 0, copy, off, src.byteSize());
            off += src.byteSize();
        }
    }

    /** True when a snapshot was taken and every value still has the same bits. */
    boolean matches() {
        if (copy == null) return false;
        long off = 0;
        for (Parameter p : params) {
            MemorySegment src = bytesOf(p);
            if (src.mismatch(copy.asSlice(off, src.byteSize())) != -1) return false;
            off += src.byteSize();
        }
        return true;
    }
}
