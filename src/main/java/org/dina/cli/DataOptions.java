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

    @Option(names = "--window", paramLabel = "START:END",
            description = "NWB: seconds after each onset averaged into the trial response (default 0.1:0.5).")
    String window;

    @Option(names = "--baseline", paramLabel = "START:END|none",
            description = "NWB: seconds around the onset whose mean is subtracted (default none), e.g. -0.5:0.")
    String baseline;

    @Option(names = "--stimulus", paramLabel = "NAME", description = "NWB: the presentation table or IndexSeries to use.")
    String stimulus;

    @Option(names = "--spont-pcs", paramLabel = "K",
            description = "natimg2800: project out the top K principal components of spontaneous activity (stim.spont).")
    Integer spontPcs;

    DataSource source() {
        if (data == null || data.equals("simulated")) return DataSource.simulated();
        return DataSource.file(data, format, imageShape, categories).withReading(window, baseline, stimulus, spontPcs);
    }
}
