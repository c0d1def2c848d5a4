package org.dina.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dina.cli.UserError;
import org.dina.data.formats.DataFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dina bench nwb FILE}: time the NWB reader on a file and report its peak memory (bench/nwb-stream.sh writes one). */
@Command(name = "nwb", mixinStandardHelpOptions = true,
        description = {"Read the trial responses of an NWB file (default window) and print one JSON line: seconds, MB/s of "
                + "the file, peak heap and resident set, and whether the file is larger than the heap.",
                "bench/nwb-stream.sh writes a 10,000-ROI, hour-long session and runs this at -Xmx2g."})
public final class BenchNwbCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The .nwb file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        try {
            System.out.println(new ObjectMapper().writeValueAsString(NwbReadBenchmark.run(file)));
        } catch (DataFormatException e) {
            throw new UserError(e.getMessage(), e);
        }
        return 0;
    }
}
