package org.dina.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep.json}: the plan, how many tasks finished, one row per task in the plan's order, then mean ± sd of the
 * test metrics per recording and grid point. Results only (timings go to {@link TimingJson}), so the same plan gives
 * the same bytes whatever ran it.
 */
public record SweepJson(String plan, int tasks, long ok, long failed, List<Row> rows, List<GridPoint> summary) {

    /**
     * One task.
     *
     * @param error   one line; absent when the task finished
     * @param metrics the run's metrics.json as written, without its timing fields (empty when the task failed)
     */
    public record Row(String id, String run, String recording, Map<String, String> overrides, long seed, int fold, int folds,
                      String status, @JsonInclude(JsonInclude.Include.NON_NULL) String error, JsonNode metrics) {}

    /**
     * Test neural-to-image metrics over the finished tasks of one recording and grid point: each mean is null without a
     * finished task, each sd (sample) null below two.
     */
    public record GridPoint(String recording, Map<String, String> overrides, int runs, int failed, Double top1Mean, Double top1Sd,
                            Double top5Mean, Double top5Sd, Double chanceTop1Mean, Double chanceTop1Sd) {}
}
