package org.dina.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep runs: every recording x every grid point x every seed x every fold, each one normal DINA run.
 *
 * @param file       the plan file (named in error messages)
 * @param recordings "simulated" or absolute paths, in plan order
 * @param config     a built-in config name or an absolute path to a config file
 * @param set        {@code KEY=VALUE} overrides applied to every task before the grid point's
 * @param grid       config key -> the values (written as in YAML) the sweep tries, in plan order
 * @param folds      1 = the config's own split; K >= 2 = K-fold cross-validation, one task per fold
 * @param seeds      the config seeds, one task per seed
 * @param compare    also fit the baselines of {@code dina compare} on each task's split
 */
public record SweepPlan(Path file, List<String> recordings, String config, List<String> set, Map<String, List<String>> grid,
                        int folds, List<Long> seeds, boolean compare) {
    public SweepPlan {
        recordings = List.copyOf(recordings);
        set = List.copyOf(set);
        grid = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        seeds = List.copyOf(seeds);
    }

    /** The grid points in a fixed order: the cartesian product of the grid, the last key varying fastest. */
    public List<Map<String, String>> gridPoints() {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String value : axis.getValue()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(axis.getKey(), value);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    /** Every task of the plan, in the order sweep.json lists them (recording, grid point, seed, fold). */
    public List<SweepTask> tasks() {
        List<SweepTask> tasks = new ArrayList<>();
        List<Map<String, String>> points = gridPoints();
        for (String recording : recordings) {
            for (int g = 0; g < points.size(); g++) {
                for (long seed : seeds) {
                    for (int fold = 1; fold <= folds; fold++) {
                        String id = RecordingLabel.of(recording) + "-g" + (g + 1) + "-seed" + seed + "-fold" + fold;
                        tasks.add(new SweepTask(tasks.size(), id, recording, config, set, points.get(g), seed, fold, folds, compare));
                    }
                }
            }
        }
        return tasks;
    }
}
