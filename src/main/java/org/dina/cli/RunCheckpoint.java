package org.dina.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.model.DinaModel;
import org.dina.train.Checkpoint;
import org.dina.train.RunFolder;

/** A run folder's model restored from one of its checkpoints, for the commands that read a trained model. */
record RunCheckpoint(RunFolder folder, Checkpoint.Loaded checkpoint, DinaModel model) {
    static RunCheckpoint open(Path run, String which) {
        if (!which.equals("best") && !which.equals("last")) throw new UserError("--checkpoint must be best or last, got " + which);
        try {
            RunFolder folder = RunFolder.open(run);
            Checkpoint.Loaded ckpt = Checkpoint.load(which.equals("last") ? folder.lastCheckpoint() : folder.bestCheckpoint());
            DinaModel model = new DinaModel(ckpt.config(), ckpt.neurons());
            ckpt.restoreModel(model);
            return new RunCheckpoint(folder, ckpt, model);
        } catch (IllegalArgumentException | IOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** The run's own data (data.json) unless {@code override} names other data; neuron counts must agree. */
    Dataset data(DataSource override) {
        try {
            DataSource source = override != null ? override : folder.readDataSource();
            Dataset d = source.load(model.config().simulationConfig());
            if (d.neuronCount() != checkpoint.neurons()) {
                throw new UserError(checkpoint.file() + ": trained on " + checkpoint.neurons() + " neurons but the data has " + d.neuronCount());
            }
            return d;
        } catch (IllegalArgumentException | IOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
