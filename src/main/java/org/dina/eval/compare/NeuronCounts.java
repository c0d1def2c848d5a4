package org.dina.eval.compare;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which neuron-subset sizes {@code compare} scores, and how many random subsets of each ({@code --neuron-counts
 * 32,64,128,all --neuron-draws K}). A size of 0 stands for all neurons. Off when absent, so the default compare costs
 * nothing more.
 *
 * @param sizes  subset sizes in increasing order, 0 (all) last when asked for
 * @param draws  random subsets per size (each size below the recording's neuron count)
 */
public record NeuronCounts(int[] sizes, int draws) {
    public NeuronCounts {
        if (sizes == null || sizes.length == 0) throw new IllegalArgumentException("--neuron-counts needs at least one size");
        if (draws < 1) throw new IllegalArgumentException("--neuron-draws must be >= 1, got " + draws);
        sizes = sizes.clone();
    }

    /** Parses {@code 32,64,128,all}; throws IllegalArgumentException with a message a user can act on. */
    public static NeuronCounts parse(String text, int draws) {
        String[] parts = text.strip().split(",");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            try {
                sizes[i] = p.equals("all") ? 0 : Integer.parseInt(p);
            } catch (NumberFormatException e) {
                sizes[i] = -1;
            }
            if (sizes[i] < 0 || (sizes[i] == 0 && !p.equals("all"))) {
                throw new IllegalArgumentException("--neuron-counts must list positive numbers of neurons or 'all' (e.g. 32,64,128,all), got '"
                        + parts[i].strip() + "'");
            }
        }
        return new NeuronCounts(sizes, draws);
    }

    /** The sizes for a recording of {@code neurons}: capped at it ('all' = it), without repeats, in increasing order. */
    public int[] resolve(int neurons) {
        return Arrays.stream(sizes).map(s -> s == 0 ? neurons : Math.min(s, neurons)).distinct().sorted().toArray();
    }
}
