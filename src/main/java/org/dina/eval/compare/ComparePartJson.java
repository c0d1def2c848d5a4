package org.dina.eval.compare;

/**
 * {@code compare-part.json}, written into every run folder a comparison trains, so that the folder says it is part of
 * one (and what was changed in its data) rather than a normal run.
 */
public sealed interface ComparePartJson {

    /** A training under one condition: which, on which seed and fold of how many, with the fold's split. */
    record ConditionRun(String condition, String description, long seed, int fold, int folds, String split, String note)
            implements ComparePartJson {}

    /** A training on a random subset of the neurons ({@code --neuron-counts}). */
    record SubsetRun(long seed, int fold, int[] neurons, String note) implements ComparePartJson {}
}
