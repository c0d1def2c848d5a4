package org.dina.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one task gave: its metrics.json (status ok) or its error (status failed), with the attempts it took.
 *
 * @param metrics the run's metrics.json, as parsed JSON values (empty when the task failed)
 * @param error   one line (null when the task succeeded)
 * @param seconds wall time of the last attempt (0 when the task was already done): a timing field, not a result
 */
public record TaskResult(SweepTask task, String status, int attempts, String error, Map<String, Object> metrics, double seconds)
        implements Serializable {
    public static final String OK = "ok", FAILED = "failed";

    public TaskResult {
        metrics = new LinkedHashMap<>(metrics);
    }

    public boolean ok() { return OK.equals(status); }
}
