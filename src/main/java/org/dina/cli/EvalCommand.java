package org.dina.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dina.eval.MetricsJson;
import org.dina.eval.RunEvaluation;
import org.dina.train.RunLock;
import org.dina.train.RestoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dina eval}: evaluate a trained run on its test split again and rewrite metrics.json. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a run's checkpoint on held-out test data; writes runs/<name>/metrics.json.")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run folder written by 'dina train'.")
    Path run;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best (default, lowest validation loss) or last.")
    String checkpoint;

    @Option(names = "--allow-changed-data", description = "Evaluate even if the data differs from the data the run was trained on.")
    boolean allowChangedData;

    @Override
    public Integer call() throws Exception {
        if (!checkpoint.equals("best") && !checkpoint.equals("last")) throw new UserError("--checkpoint must be best or last");
        RestoredRun r;
        try {
            r = RestoredRun.open(run, checkpoint, allowChangedData);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        try (RunLock lock = RunLock.acquire(run, "eval")) {
            MetricsJson metrics = RunEvaluation.evaluateAndWrite(r.model(), r.data(), r.folder(), r.state());
            System.out.println(ResultTable.of(metrics));
            System.out.println("metrics: " + r.folder().metricsFile().toAbsolutePath());
        }
        return 0;
    }
}
