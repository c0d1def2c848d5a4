package org.dina.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dina.cli.ProgressBar;
import org.dina.cli.UserError;
import org.dina.kernels.Parallel;
import org.dina.model.image.ImageBackbone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dina bench train}: training throughput and peak memory for the default and paper-sized models. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Time DINA training steps on random inputs of the right shapes (no data, no epochs): "
                + "zero grads, forward + backward of both towers and the loss, both optimizer steps.",
                "Cases: default (built-in config, 500 neurons), default-maps (the same plus the RMSE and SSIM loss terms), paper-1k (d 512, 1,000 neurons), "
                        + "paper-10k (d 512, 10,000 neurons, a natimg2800-sized recording), joint (configs/joint.yaml: the whole image tower trains on 68x270 images).",
                "Reports seconds per step (median after warm-up), samples/s, peak memory (process RSS, heap, off-heap) "
                        + "and where the time goes."})
public final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--case", defaultValue = "all", description = "default | default-maps | paper-1k | paper-10k | joint | all (default: ${DEFAULT-VALUE}).")
    String caseName;

    @Option(names = "--steps", description = "Timed steps per case (default: 10, 10, 5, 3, 2 for default, default-maps, paper-1k, paper-10k, joint).")
    Integer steps;

    @Option(names = "--warmup", description = "Untimed steps before timing (default: 5, 5, 2, 1, 1).")
    Integer warmup;

    @Option(names = "--threads", description = "Worker threads (default: all cores, or -Ddina.threads).")
    Integer threads;

    @Option(names = "--recompute", description = "Joint case: recompute the image backbone's activations in backward "
            + "(less memory, more time, the same gradients; like DINA_RECOMPUTE=1 for train).")
    boolean recompute;

    @Option(names = "--json", description = "Print one JSON object per line per case instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (threads != null) {
            if (threads < 1) throw new UserError("--threads must be >= 1, got " + threads);
            Parallel.setThreads(threads);
        }
        if (recompute) System.setProperty(ImageBackbone.RECOMPUTE_PROPERTY, "true");
        if (steps != null && steps < 1) throw new UserError("--steps must be >= 1, got " + steps);
        if (warmup != null && warmup < 0) throw new UserError("--warmup must be >= 0, got " + warmup);
        List<TrainBenchCase> cases = new ArrayList<>();
        try {
            for (String name : caseName.equals("all") ? TrainBenchCase.NAMES : List.of(caseName)) {
                TrainBenchCase c = TrainBenchCase.named(name);
                cases.add(c.withSteps(warmup != null ? warmup : c.warmupSteps(), steps != null ? steps : c.steps()));
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        for (TrainBenchCase c : cases) {
            TrainBenchResult r;
            try (ProgressBar bar = new ProgressBar("bench " + c.name(), TrainStepBenchmark.progressUnits(c))) {
                r = TrainStepBenchmark.measure(c, bar);
            }
            System.out.print(json ? r.toJson() + System.lineSeparator() : r.toText());
            System.out.flush();
        }
        return 0;
    }
}
