package org.dina.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code timing.json}: what varies from one execution of a sweep to the next: the master, the wall time, how many
 * tasks ran and were skipped, and per task its attempts (0: finished earlier, skipped) and seconds.
 */
public record TimingJson(String master, double wallSeconds, long run, long skipped, List<Task> tasks) {

    /**
     * One task of the sweep: how often it was attempted in this execution and how long that took.
     *
     * @param trainSeconds the run's training time from its metrics.json; absent when the task failed
     */
    public record Task(String id, int attempts, double seconds, @JsonInclude(JsonInclude.Include.NON_NULL) Double trainSeconds) {}
}
