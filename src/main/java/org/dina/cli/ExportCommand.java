package org.dina.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dina.interop.ReleaseExport;
import org.dina.interop.ReleaseLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dina export}: a run's towers as the released PyTorch DINA's state dicts. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a run's towers as the release's PyTorch state dicts: DIR/image_tower.safetensors "
                + "(DSNetSingleStage(stage=2, block=4), load with strict=False) and DIR/neural_tower.safetensors (AttentionWithNoDeconvPos).")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run folder written by 'dina train' or 'dina import'.")
    Path run;

    @Option(names = "--format", defaultValue = "release", description = "release (the only format: the released code's key names).")
    String format;

    @Option(names = "--out", required = true, description = "Folder for the two .safetensors files (created if needed).")
    Path out;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best (default) or last.")
    String checkpoint;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("release")) throw new UserError("--format must be release, got " + format);
        RunCheckpoint r = RunCheckpoint.open(run, checkpoint);
        try {
            ReleaseExport.write(r.model(), out, r.checkpoint().file().toString());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        String note = ReleaseLayout.crossAttentionNote(r.model().config().model());
        if (note != null) System.err.println("dina: note: " + note);
        System.out.println("wrote " + out.resolve(ReleaseExport.IMAGE_FILE).toAbsolutePath() + " and " + ReleaseExport.NEURAL_FILE);
        return 0;
    }
}
