package org.dina.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dina.sweep.Sweep;
import org.dina.sweep.SweepEngine;
import org.dina.sweep.SweepEngines;
import org.dina.sweep.SweepJson;
import org.dina.sweep.SweepPlan;
import org.dina.sweep.SweepPlanFile;
import org.dina.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dina sweep}: many normal runs (recordings x grid x seeds x folds) from a plan, in this JVM or on Spark. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a plan of DINA runs (recordings x config grid x seeds x folds), each into its own run folder under "
                + "--out, and summarise them in sweep.json. Finished runs are skipped when the sweep runs again.")
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--plan", required = true, description = "The sweep plan (YAML; see the README).")
    Path plan;

    @Option(names = "--master", defaultValue = "local",
            description = "local (default: one task after another in this JVM), local[N] or spark://host:port (Spark module).")
    String master;

    @Option(names = "--out", description = "Output folder (default: runs/<plan name>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        SweepPlan p;
        SweepEngine engine;
        try {
            p = SweepPlanFile.read(plan);
            engine = SweepEngines.forMaster(master);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        String name = plan.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path folder = out != null ? out : Path.of("runs", name);
        SweepJson summary = Sweep.run(p, engine, folder, System.out);
        System.out.print(SweepSummary.table(summary));
        System.out.println("sweep.json: " + folder.resolve(SweepSummary.FILE).toAbsolutePath());
        return summary.failed() == 0 ? 0 : 1;
    }
}
