package org.dina.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task of a sweep: one normal DINA run (train + evaluate, optionally the baselines) of one grid point on one
 * recording, seed and fold. Plain, serializable values only, so that a cluster can ship it to an executor.
 *
 * @param index     position in the plan's order (sweep.json's order, whatever order the tasks finish in)
 * @param id        unique, file-name-safe: also the name of the task's run folder under the sweep's output folder
 * @param overrides the grid point: config key -> value (as in YAML)
 */
public record SweepTask(int index, String id, String recording, String config, List<String> set, Map<String, String> overrides,
                        long seed, int fold, int folds, boolean compare) implements Serializable {
    public SweepTask {
        set = new ArrayList<>(set);            // ArrayList / LinkedHashMap: serializable and ordered
        overrides = new LinkedHashMap<>(overrides);
    }

    /** The same task at another position in the plan (a plan that gained a recording moves the others). */
    public SweepTask withIndex(int i) {
        return new SweepTask(i, id, recording, config, set, overrides, seed, fold, folds, compare);
    }

    /** Every {@code KEY=VALUE} the task's config gets: the plan's {@code set}, the grid point, then its seed. */
    public List<String> assignments() {
        List<String> all = new ArrayList<>(set);
        overrides.forEach((k, v) -> all.add(k + "=" + v));
        all.add("seed=" + seed);
        return all;
    }
}
