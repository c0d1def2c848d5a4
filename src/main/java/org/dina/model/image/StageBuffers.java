package org.dina.model.image;

import java.util.HashMap;
import java.util.Map;
import org.dina.nn.Buffer;

/**
 * Buffer slots that MixBlocks share, by role: forward transients (outputs consumed within the block's own forward,
 * or written again by its backward) and every gradient except the one a block hands to the block before it. Blocks
 * run one at a time in each direction, so one block's transients are dead before the next block writes them;
 * sharing keeps one copy instead of one per block (the backbone's activation memory at batch 128 is gigabytes). The
 * backbone's two stages share one set too: a slot then takes the larger stage's size and is viewed with the shape
 * of the block at hand, unzeroed, since every holder writes a buffer whole before reading it.
 */
final class StageBuffers {
    private final Map<String, Buffer> slots = new HashMap<>();
    private final boolean recompute;
    private int blocks;

    /** Slots for blocks that keep their own activations until their backward. */
    StageBuffers() {
        this(false);
    }

    /**
     * @param recompute the blocks keep only their outputs and run their forward again just before their backward,
     *     so all their other activations can live in shared slots too (see {@link MixBlock#backward})
     */
    StageBuffers(boolean recompute) {
        this.recompute = recompute;
    }

    /** Whether the blocks recompute their activations in backward. */
    boolean recompute() {
        return recompute;
    }

    /** The slot for {@code role} when the blocks recompute their activations, else a buffer of the caller's own. */
    Buffer replayable(String role) {
        return recompute ? slot("replayed." + role) : new Buffer();
    }

    /** The slot for {@code role}, the same object for every block of the stage. */
    Buffer slot(String role) {
        return slots.computeIfAbsent(role, r -> new Buffer(true));
    }

    /** Counts a block that uses these slots; returns its place among them, from 0 in the order they joined. */
    int join() {
        return blocks++;
    }

    /** Whether more than one block writes these slots (then a block's transients are gone by its backward). */
    boolean shared() {
        return blocks > 1;
    }
}
