package org.dina.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dina.data.Dataset;
import org.dina.data.Tier;
import org.dina.data.formats.Categories;
import org.dina.data.formats.DataFormatException;
import org.dina.data.formats.Formats;
import org.dina.data.formats.ReadOptions;
import org.dina.data.formats.ReadReport;
import org.dina.data.formats.ReadResult;
import org.dina.data.formats.TrialWindow;
import org.dina.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dina inspect PATH}: reads a dataset and says what is in it, or why it cannot be read. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Read a dataset (format detected from its file names) and print what is in it: images, "
                + "neurons, trials, repeats, tiers, dropped trials and value ranges.",
                "Formats: natimg2800, dina-mat, sensorium, antolik2016, allen, nwb, npy."})
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "Dataset folder or file.")
    Path path;

    @Option(names = "--format", paramLabel = "NAME", description = "Read as this format instead of detecting it.")
    String format;

    @Option(names = "--image-shape", paramLabel = "HxW", description = "Height x width of flattened images that are not square.")
    String imageShape;

    @Option(names = "--images", paramLabel = "FILE", description = "natimg2800 image file, when not next to the recording.")
    Path imagesFile;

    @Option(names = "--categories", paramLabel = "FILE", description = "Category labels to attach (stimuli_class_assignment*.mat).")
    Path categoriesFile;

    @Option(names = "--window", paramLabel = "START:END", description = "NWB: seconds after each onset averaged per trial (default 0.1:0.5).")
    String window;

    @Option(names = "--baseline", paramLabel = "START:END|none", description = "NWB: seconds whose mean is subtracted (default none).")
    String baseline;

    @Option(names = "--stimulus", paramLabel = "NAME", description = "NWB: the presentation table or IndexSeries to use.")
    String stimulus;

    @Option(names = "--spont-pcs", paramLabel = "K", description = "natimg2800: project out K spontaneous principal components.")
    int spontPcs;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReadOptions options = ReadOptions.defaults();
        if (format != null) options = options.withFormat(format);
        if (imagesFile != null) options = options.withImagesFile(imagesFile);
        if (stimulus != null) options = options.withStimulus(stimulus);
        try {
            options = options.withTrialWindow(TrialWindow.parse(window, baseline)).withSpontPcs(spontPcs);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (imageShape != null) {
            try {
                int[] hw = ReadOptions.parseImageShape(imageShape);
                options = options.withImageShape(hw[0], hw[1]);
            } catch (IllegalArgumentException e) {
                throw new UserError("--image-shape: " + e.getMessage());
            }
        }
        ReadResult result;
        Dataset dataset;
        try {
            result = Formats.load(path, options);
            dataset = result.dataset();
            if (categoriesFile != null) dataset = Categories.read(categoriesFile).attachTo(dataset);
        } catch (DataFormatException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserError(categoriesFile + ": " + e.getMessage(), e);
        }
        Map<String, Object> summary = summarize(dataset, result.report());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
        } else {
            printText(out, dataset, result.report(), summary);
        }
        out.flush();
        return 0;
    }

    /** Everything inspect reports, in print order. */
    static Map<String, Object> summarize(Dataset d, ReadReport report) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", report.format());
        s.put("path", report.source().toString());
        Map<String, Object> images = new LinkedHashMap<>();
        images.put("count", d.imageCount());
        images.put("height", d.height());
        images.put("width", d.width());
        images.put("shown", d.shownImages().length);
        double[] ir = range(d.images());
        images.put("min", ir[0]);
        images.put("max", ir[1]);
        images.put("rawMin", report.rawImageMin());
        images.put("rawMax", report.rawImageMax());
        images.put("scaling", report.imageScaling());
        s.put("images", images);
        s.put("neurons", d.neuronCount());
        s.put("trials", d.trialCount());
        s.put("repeatsMin", d.minRepeats());
        s.put("repeatsMax", d.maxRepeats());
        s.put("nanTrialsDropped", report.nanTrialsDropped());
        s.put("excludedTrials", report.excludedTrials());
        if (d.hasTiers()) {
            Map<Tier, Integer> counts = new EnumMap<>(Tier.class);
            for (Tier t : Tier.values()) counts.put(t, 0);
            for (int t = 0; t < d.trialCount(); t++) counts.merge(d.tier(t), 1, Integer::sum);
            Map<String, Integer> tiers = new LinkedHashMap<>();
            counts.forEach((t, n) -> tiers.put(t.name().toLowerCase(Locale.ROOT), n));
            s.put("tiers", tiers);
        } else {
            s.put("tiers", null);
        }
        double[] rr = range(d.responses());
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("min", rr[0]);
        responses.put("max", rr[1]);
        responses.put("mean", rr[2]);
        s.put("responses", responses);
        s.put("positions", d.positionKind().map(Enum::name).orElse(null));
        s.put("centres3d", d.neuronInfo().flatMap(i -> i.centres()).isPresent());
        s.put("interneurons", d.neuronInfo().filter(i -> i.hasInterneuronLabels()).map(i -> i.interneurons().length).orElse(null));
        s.put("categories", d.hasCategories() ? d.categoryNames() : null);
        s.put("notes", report.notes());
        return s;
    }

    /** Min, max and mean of a tensor's values. */
    private static double[] range(Tensor t) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        long n = t.numel();
        for (long i = 0; i < n; i++) {
            float v = t.getFlat(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        return new double[] {min, max, n == 0 ? 0 : sum / n};
    }

    private static void printText(PrintWriter out, Dataset d, ReadReport r, Map<String, Object> s) {
        out.printf(Locale.ROOT, "format      %s%n", r.format());
        out.printf(Locale.ROOT, "path        %s%n", r.source());
        @SuppressWarnings("unchecked") Map<String, Object> im = (Map<String, Object>) s.get("images");
        out.printf(Locale.ROOT, "images      %d of %dx%d (%d shown), pixels %.4g..%.4g after scaling (raw %.4g..%.4g: %s)%n",
                d.imageCount(), d.height(), d.width(), d.shownImages().length, im.get("min"), im.get("max"),
                r.rawImageMin(), r.rawImageMax(), r.imageScaling());
        out.printf(Locale.ROOT, "neurons     %d%s%n", d.neuronCount(),
                d.positionKind().map(k -> " (positions: " + k.name().toLowerCase(Locale.ROOT) + ")").orElse("")
                        + (Boolean.TRUE.equals(s.get("centres3d")) ? " (3-D centres)" : "")
                        + (s.get("interneurons") == null ? "" : " (" + s.get("interneurons") + " labelled interneurons)"));
        out.printf(Locale.ROOT, "trials      %d, repeats per image %d..%d%n", d.trialCount(), d.minRepeats(), d.maxRepeats());
        out.printf(Locale.ROOT, "dropped     %d trials with NaN responses; %d left out on purpose%n", r.nanTrialsDropped(), r.excludedTrials());
        Object tiers = s.get("tiers");
        out.printf(Locale.ROOT, "tiers       %s%n", tiers == null ? "none" : tiers.toString().replaceAll("[{}]", "").replace("=", " "));
        @SuppressWarnings("unchecked") Map<String, Object> resp = (Map<String, Object>) s.get("responses");
        out.printf(Locale.ROOT, "responses   %.4g..%.4g, mean %.4g%n", resp.get("min"), resp.get("max"), resp.get("mean"));
        if (d.hasCategories()) out.printf(Locale.ROOT, "categories  %d: %s%n", d.categoryNames().size(), d.categoryNames());
        for (String note : r.notes()) out.printf(Locale.ROOT, "note        %s%n", note);
    }
}
