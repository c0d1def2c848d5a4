package org.dina.model.neural;

import java.lang.foreign.MemorySegment;

/**
 * The six N×N tables of the rank-1 shortcut (docs/rank-one-shortcut.md), one segment each, rows of a padded stride.
 *
 * <p>For query neuron i and key neuron j of one head, with the attention scale folded into the score tables:
 * score s_ij = r_i r_j a_ij + r_i b_ij + r_j c_ij + d_ij and value term v_ij = r_j h_ij + hPrime_ij, so that the
 * head's contribution to y_i is Σ_j softmax_j(s_ij) v_ij. The same record holds the gradients of the tables.
 */
record RankOneTableSet(MemorySegment a, MemorySegment b, MemorySegment c, MemorySegment d,
                       MemorySegment h, MemorySegment hPrime) {
}
