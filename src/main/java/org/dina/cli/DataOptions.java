package org.dina.cli;

import org.dina.data.DataSource;
import picocli.CommandLine.Option;

/** The options that say which data to use, shared by the commands that load data. */
public final class DataOptions {
    @Option(names = "--data", defaultValue = "simulated",
            description = "'simulated' (built in, the default) or a path to a recording (file or folder).")
    String data;

    @Option(names = "--format", description = "Override format detection (see 'dina inspect').")
    String format;

    @Option(names = "--image-shape", description = "HxW of flattened non-square images, e.g. 31x31.")
    String imageShape;

    @Option(names = "--categories", description = "Category labels (natimg2800 stimuli_class_assignment*.mat).")
    String categories;

    DataSource source() {
        if (data == null || data.equals("simulated")) return DataSource.simulated();
        return DataSource.file(data, format, imageShape, categories);
    }
}
