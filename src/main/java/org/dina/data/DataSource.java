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
 * Stored in each run folder so that evaluation and analysis load exactly the same data again. The reader options
 * are kept as the command line spelt them (null: the reader's default), and parsed when the data is loaded.
 *
 * @param kind       {@code simulated} or {@code file}
 * @param path       the recording's file or folder (null when simulated)
 * @param format     a reader name that overrides detection ({@code --format}), or null
 * @param imageShape {@code HxW} of flattened non-square images ({@code --image-shape}), or null
 * @param categories a category label file to attach ({@code --categories}), or null
 * @param window     NWB: the seconds after onset averaged, {@code START:END} ({@code --window}), or null
 * @param baseline   NWB: the seconds whose mean is subtracted, {@code START:END} or {@code none}
 *                   ({@code --baseline}), or null
 * @param stimulus   NWB: the presentation table to use ({@code --stimulus}), or null to choose
 * @param spontPcs   natimg2800: spontaneous principal components projected out ({@code --spont-pcs}), or null
 */
// isSimulated() is not a field: ignoring it keeps data.json readable (also files written before this fix); data.json
// also records the data's fingerprint beside the source, which the run folder reads on its own
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"simulated", "sha256"})
// window, baseline, stimulus and spontPcs came later: data.json files without them read as null (the defaults)
public record DataSource(String kind, String path, String format, String imageShape, String categories,
                         String window, String baseline, String stimulus, Integer spontPcs) {
    /** {@return the built-in simulated recording, its size and seed given by the config} */
    public static DataSource simulated() {
        return new DataSource("simulated", null, null, null, null, null, null, null, null);
    }

    /**
     * A recording on disk, read with the default NWB window and no spontaneous projection.
     *
     * @param path       the recording's file or folder
     * @param format     a reader name that overrides detection, or null
     * @param imageShape {@code HxW} of flattened non-square images, or null
     * @param categories a category label file to attach, or null
     * @return the source
     */
    public static DataSource file(String path, String format, String imageShape, String categories) {
        return new DataSource("file", path, format, imageShape, categories, null, null, null, null);
    }

    /**
     * The same source read with NWB trial windows, an NWB stimulus choice and a natimg2800 spontaneous projection.
     *
     * @param window   {@code START:END} in seconds after onset, or null for the default
     * @param baseline {@code START:END} in seconds, {@code none}, or null for the default (none)
     * @param stimulus the NWB presentation table to use, or null to choose
     * @param spontPcs spontaneous principal components to project out, or null for none
     * @return the changed source
     */
    public DataSource withReading(String window, String baseline, String stimulus, Integer spontPcs) {
        return new DataSource(kind, path, format, imageShape, categories, window, baseline, stimulus, spontPcs);
    }

    /** {@return whether this is the built-in simulation} */
    public boolean isSimulated() { return "simulated".equals(kind); }

    /**
     * {@return whether the simulator regenerates this recording from the config alone, bit for bit, with the ground
     * truth it was made from: a simulation without category labels attached}
     */
    public boolean regeneratesTruth() { return isSimulated() && categories == null; }

    /**
     * Loads the data: simulated from {@code simulation}, otherwise through the file readers (format detected unless
     * named), with the category labels attached when a file is named.
     *
     * @param simulation what to simulate; unused for a file
     * @return the dataset
     * @throws IOException a {@link DataFormatException} naming the file when the recording or the category file
     *                     cannot be used, or an error reading it
     * @throws IllegalArgumentException when a reader option ({@code imageShape}, {@code window}, ...) is malformed
     */
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
