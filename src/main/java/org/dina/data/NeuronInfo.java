package org.dina.data;

import java.util.Optional;
import org.dina.tensor.Tensor;

/**
 * What a recording says about each neuron beyond its responses, for analyses that split or place neurons: the cell
 * centres in 3-D (natimg2800 {@code med}: x, y in the imaging plane and depth, in the recording's units) and which
 * cells are labelled interneurons (natimg2800 {@code redcell}: red, GAD-positive cells). Either may be absent.
 */
public final class NeuronInfo {
    private final Tensor centres;
    private final boolean[] interneuron;

    /**
     * @param centres     [N, 3] cell centres, or null
     * @param interneuron one flag per neuron, or null
     */
    public NeuronInfo(Tensor centres, boolean[] interneuron) {
        if (centres == null && interneuron == null) throw new IllegalArgumentException("NeuronInfo: neither centres nor labels");
        if (centres != null && (centres.rank() != 2 || centres.dim(1) != 3)) {
            throw new IllegalArgumentException("NeuronInfo: centres must be [N, 3], got " + centres.shapeString());
        }
        if (centres != null && interneuron != null && centres.dim(0) != interneuron.length) {
            throw new IllegalArgumentException("NeuronInfo: " + centres.dim(0) + " centres but " + interneuron.length + " labels");
        }
        this.centres = centres == null ? null : centres.contiguous();
        this.interneuron = interneuron == null ? null : interneuron.clone();
    }

    /** How many neurons it describes. */
    public int neuronCount() { return centres != null ? centres.dim(0) : interneuron.length; }

    /** Cell centres [N, 3] (x, y, depth), if the recording has them. */
    public Optional<Tensor> centres() { return Optional.ofNullable(centres); }

    public boolean hasInterneuronLabels() { return interneuron != null; }

    /** Whether neuron {@code j} is a labelled interneuron; only when {@link #hasInterneuronLabels()}. */
    public boolean isInterneuron(int j) {
        if (interneuron == null) throw new IllegalStateException("NeuronInfo: no interneuron labels");
        return interneuron[j];
    }

    /** The labelled interneurons, in increasing order (empty without labels). */
    public int[] interneurons() {
        if (interneuron == null) return new int[0];
        int c = 0;
        for (boolean b : interneuron) if (b) c++;
        int[] out = new int[c];
        for (int j = 0, i = 0; j < interneuron.length; j++) if (interneuron[j]) out[i++] = j;
        return out;
    }
}
