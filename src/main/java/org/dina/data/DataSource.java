package org.dina.data;

import java.io.IOException;
import java.nio.file.Path;
import org.dina.data.formats.Categories;
import org.dina.data.formats.DataFormatException;
import org.dina.data.formats.Formats;
import org.dina.data.formats.ReadOptions;
import org.dina.data.formats.TrialWindow;

/**
 * Where a dataset comes from: the built-in simulation, or a path with an optional format name and reader options.
 * Stored in each run folder so that evaluation and analysis load exactly the same data again.
 */
// isSimulated() is not a field: ignoring it keeps data.json readable (also files written before this fix); data.json
// also records the data's fingerprint beside the source, which the run folder reads on its own
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"simulated", "sha256"})
// window, baseline, stimulus and spontPcs came later: data.json files without them read as null (the defaults)
public record DataSource(String kind, String path, String format, String imageShape, String categories,
                         String window, String baseline, String stimulus, Integer spontPcs) {
    public static DataSource simulated() {
        return new DataSource("simulated", null, null, null, null, null, null, null, null);
    }

    public static DataSource file(String path, String format, String imageShape, String categories) {
        return new DataSource("file", path, format, imageShape, categories, null, null, null, null);
    }

    /** The same source read with NWB trial windows, an NWB stimulus choice and a natimg2800 spontaneous projection. */
    public DataSource withReading(String window, String baseline, String stimulus, Integer spontPcs) {
        return new DataSource(kind, path, format, imageShape, categories, window, baseline, stimulus, spontPcs);
    }

    public boolean isSimulated() { return "simulated".equals(kind); }

    /** Loads the data: simulated from {@code simulation}, otherwise through the file readers (format detected). */
    public Dataset load(SimulationConfig simulation) throws IOException {
        Dataset d;
        if (isSimulated()) {
            d = SimulatedV1.generate(simulation).dataset();
        } else {
            ReadOptions options = ReadOptions.defaults();
            if (format != null) options = options.withFormat(format);
            if (imageShape != null) {
                int[] hw = ReadOptions.parseImageShape(imageShape);
                options = options.withImageShape(hw[0], hw[1]);
            }
            if (window != null || baseline != null) options = options.withTrialWindow(TrialWindow.parse(window, baseline));
            if (stimulus != null) options = options.withStimulus(stimulus);
            if (spontPcs != null) options = options.withSpontPcs(spontPcs);
            d = Formats.read(Path.of(path), options);
        }
        if (categories != null) {
            Path file = Path.of(categories);
            try {
                d = Categories.read(file).attachTo(d);
            } catch (IllegalArgumentException e) {
                // the labels do not fit these images: the category file is the one to name
                throw new DataFormatException(file, e.getMessage(), e);
            }
        }
        return d;
    }
}
