package org.dina.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batches for contrastive training. Rows are shuffled from (seed, epoch) alone, so a resumed run sees the same
 * batches as an uninterrupted one; and no image appears twice in a batch, since two repeats of one image in a
 * batch would be scored as each other's negatives.
 */
public final class Batches {
    private Batches() {}

    /** Row indices grouped in batches of at most {@code size}; batches of fewer than 2 rows are left out. */
    public static List<int[]> shuffled(int[] imageIds, int size, long seed, int epoch) {
        int n = imageIds.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        return pack(order, imageIds, size);
    }

    /** Rows in their given order, grouped without duplicate images (validation and evaluation). */
    public static List<int[]> inOrder(int[] imageIds, int size) {
        int[] order = new int[imageIds.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        return pack(order, imageIds, size);
    }

    /** Greedy first fit: each row joins the first open batch that lacks its image. */
    private static List<int[]> pack(int[] order, int[] imageIds, int size) {
        List<List<Integer>> open = new ArrayList<>();
        List<java.util.Set<Integer>> images = new ArrayList<>();
        List<int[]> done = new ArrayList<>();
        for (int row : order) {
            int img = imageIds[row];
            int b = 0;
            while (b < open.size() && images.get(b).contains(img)) b++;
            if (b == open.size()) {
                open.add(new ArrayList<>());
                images.add(new java.util.HashSet<>());
            }
            open.get(b).add(row);
            images.get(b).add(img);
            if (open.get(b).size() == size) {
                done.add(open.remove(b).stream().mapToInt(Integer::intValue).toArray());
                images.remove(b);
            }
        }
        for (List<Integer> rest : open) {
            if (rest.size() >= 2) done.add(rest.stream().mapToInt(Integer::intValue).toArray());
        }
        return done;
    }
}
