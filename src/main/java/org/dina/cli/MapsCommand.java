package org.dina.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dina.interop.MapsExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dina maps}: the towers' exact inputs and output maps as .npy files, for comparison with other code. */
@Command(name = "maps", mixinStandardHelpOptions = true,
        description = "Write image_inputs.npy [K,1,H,W], neural_inputs.npy [T,N], image_maps.npy [K,16,64] and "
                + "neural_maps.npy [T,16,64] for a run's test split (or every image and trial).")
public final class MapsCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run folder written by 'dina train' or 'dina import'.")
    Path run;

    @Mixin DataOptions dataOptions;

    @Option(names = "--out", required = true, description = "Folder for the four .npy files (created if needed).")
    Path out;

    @Option(names = "--split", defaultValue = "test", description = "test (default: the run's test images and trials) or all.")
    String split;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best (default) or last.")
    String checkpoint;

    @Override
    public Integer call() throws Exception {
        if (!split.equals("test") && !split.equals("all")) throw new UserError("--split must be test or all, got " + split);
        RunCheckpoint r = RunCheckpoint.open(run, checkpoint);
        // --data defaults to 'simulated': only a path (or an explicit choice differing from the run's) overrides data.json
        boolean override = dataOptions.data != null && !dataOptions.data.equals("simulated");
        var dataset = r.data(override ? dataOptions.source() : null);
        MapsExport.Result res;
        try {
            res = MapsExport.write(r.model(), dataset, r.checkpoint().normalizer(), split.equals("all"), out);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        System.out.println("wrote " + res.imageMaps().dim(0) + " image maps and " + res.neuralMaps().dim(0) + " neural maps to "
                + out.toAbsolutePath());
        return 0;
    }
}
