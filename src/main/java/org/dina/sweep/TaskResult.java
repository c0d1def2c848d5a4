package org.dina.sweep;

import java.io.Serializable;
import org.dina.eval.MetricsJson;

/**
 * What one task gave: its metrics.json (status ok) or its error (status failed), with the attempts it took.
 *
 * @param metrics the run's metrics.json (null when the task failed)
 * @param error   one line (null when the task succeeded)
 * @param seconds wall time of the last attempt (0 when the task was already done): a timing field, not a result
 */
public record TaskResult(SweepTask task, String status, int attempts, String error, MetricsJson metrics, double seconds)
        implements Serializable {
    public static final String OK = "ok", FAILED = "failed";

    public boolean ok() { return OK.equals(status); }
}
