package org.dina.data.formats;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dina.data.Dataset;
import org.dina.data.Tier;

/**
 * Category labels of images, as in the natimg2800 {@code stimuli_class_assignment*.mat} files: {@code class_assignment}
 * (one label per image, 0 = unknown) and {@code class_names} (a cell of names, index = label, so name 0 is
 * 'unknown').
 *
 * @param labels one label per image, each in [0, names.size())
 * @param names  the name of each label
 */
public record Categories(int[] labels, List<String> names) {
    /** Copies both, so that the record owns them. */
    public Categories {
        labels = labels.clone();
        names = List.copyOf(names);
    }

    /** {@return one label per image (a copy)} */
    @Override
    public int[] labels() { return labels.clone(); }

    /**
     * Reads a MATLAB file (5.0 or 7.3) with {@code class_assignment} and {@code class_names}.
     *
     * @param file the {@code stimuli_class_assignment*.mat} file
     * @return its labels and names
     * @throws DataFormatException naming the file when it cannot be read, lacks either variable, or has a label with
     *                             no name
     */
    public static Categories read(Path file) throws DataFormatException {
        try (MatVariables mat = MatVariables.open(file, Set.of("class_assignment", "class_names"))) {
            long[] raw = Readers.wholeNumbers(mat.array("class_assignment"), "class_assignment");
            List<String> names = mat.strings("class_names");
            if (names.isEmpty()) throw new DataFormatException(file, "class_names is empty");
            int[] labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] < 0 || raw[i] >= names.size()) {
                    throw new DataFormatException(file, "image " + i + " has class " + raw[i] + " but there are "
                            + names.size() + " class names");
                }
                labels[i] = (int) raw[i];
            }
            return new Categories(labels, names);
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new DataFormatException(file, "cannot read class labels: " + Failures.describe(e), e);
        }
    }

    /**
     * How many images carry a label.
     *
     * @param label a label
     * @return the number of images with it
     */
    public int count(int label) {
        int c = 0;
        for (int l : labels) if (l == label) c++;
        return c;
    }

    /**
     * A dataset with these labels attached (one per image; everything else kept).
     *
     * @param dataset a dataset with as many images as there are labels
     * @return the same data, labelled
     * @throws IllegalArgumentException when the label count differs from the dataset's image count
     */
    public Dataset attachTo(Dataset dataset) {
        if (labels.length != dataset.imageCount()) {
            throw new IllegalArgumentException("labels " + labels.length + " images but the data (" + dataset.name() + ") has "
                    + dataset.imageCount() + " images");
        }
        Dataset.Builder b = Dataset.builder(dataset.name(), dataset.images(), dataset.responses(), dataset.imageIds())
                .categories(labels, names);
        if (dataset.hasTiers()) {
            Tier[] tiers = new Tier[dataset.trialCount()];
            for (int t = 0; t < tiers.length; t++) tiers[t] = dataset.tier(t);
            b.tiers(tiers);
        }
        if (dataset.neuronPositions().isPresent()) {
            b.neuronPositions(dataset.neuronPositions().get(), dataset.positionKind().orElseThrow());
        }
        return b.build();
    }
}
