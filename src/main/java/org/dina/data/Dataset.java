package org.dina.data;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dina.tensor.Tensor;

/**
 * Images shown to a neural population and the population's response on every trial: the one container every
 * reader produces and every trainer consumes.
 *
 * <ul>
 *   <li>{@code images} [K, H, W], grayscale in [0, 1];</li>
 *   <li>{@code responses} [T, N], one row per trial (an image presentation), one column per neuron;</li>
 *   <li>{@code imageIds} [T]: which image each trial showed (an image may be shown several times: repeats);</li>
 *   <li>optional: a tier per trial (for datasets that come with their own train/validation/test assignment),
 *       neuron positions [N, 2] with a label of what they are, a category label per image, and {@link NeuronInfo}
 *       (3-D cell centres, interneuron labels).</li>
 * </ul>
 * Immutable apart from the tensors' memory, which callers must not overwrite.
 */
public final class Dataset {
    /** What the neuron positions measure. */
    public enum PositionKind {
        /** Position on the cortex (e.g. micrometres in the imaging plane). */
        CORTICAL,
        /** Receptive-field position in image pixels (x = column, y = row). */
        RETINOTOPIC
    }

    private final String name;
    private final Tensor images;
    private final Tensor responses;
    private final int[] imageIds;
    private final Tier[] tiers;
    private final Tensor neuronPositions;
    private final PositionKind positionKind;
    private final NeuronInfo neuronInfo;
    private final int[] categories;
    private final List<String> categoryNames;
    // trials of image k are trialsByImage[trialStart[k] .. trialStart[k+1]), in increasing trial order
    private final int[] trialStart;
    private final int[] trialsByImage;

    private Dataset(Builder b) {
        String where = "Dataset '" + b.name + "'";
        if (b.name == null || b.name.isBlank()) throw new IllegalArgumentException("Dataset: a name (source) is required");
        if (b.images == null || b.images.rank() != 3 || b.images.dim(0) < 1 || b.images.dim(1) < 1 || b.images.dim(2) < 1) {
            throw new IllegalArgumentException(where + ": images must be a non-empty [K, H, W] tensor, got "
                    + (b.images == null ? "null" : b.images.shapeString()));
        }
        if (b.responses == null || b.responses.rank() != 2 || b.responses.dim(1) < 1) {
            throw new IllegalArgumentException(where + ": responses must be a [T, N] tensor with N >= 1, got "
                    + (b.responses == null ? "null" : b.responses.shapeString()));
        }
        if (b.imageIds == null || b.imageIds.length != b.responses.dim(0)) {
            throw new IllegalArgumentException(where + ": imageIds has " + (b.imageIds == null ? "no" : b.imageIds.length)
                    + " entries but responses " + b.responses.shapeString() + " has " + b.responses.dim(0) + " trials");
        }
        this.name = b.name;
        this.images = b.images.contiguous();
        this.responses = b.responses.contiguous();
        this.imageIds = b.imageIds.clone();
        int k = images.dim(0), t = responses.dim(0), n = responses.dim(1);
        for (int i = 0; i < t; i++) {
            if (imageIds[i] < 0 || imageIds[i] >= k) {
                throw new IllegalArgumentException(where + ": trial " + i + " shows image " + imageIds[i]
                        + " but there are only " + k + " images [0, " + k + ")");
            }
        }
        checkImageRange(where, images);
        checkFinite(where + ": responses", responses);

        if (b.tiers != null) {
            if (b.tiers.length != t) {
                throw new IllegalArgumentException(where + ": " + b.tiers.length + " tiers for " + t + " trials");
            }
            for (int i = 0; i < t; i++) {
                if (b.tiers[i] == null) throw new IllegalArgumentException(where + ": trial " + i + " has no tier");
            }
            this.tiers = b.tiers.clone();
        } else {
            this.tiers = null;
        }

        if (b.neuronPositions != null) {
            if (b.positionKind == null) throw new IllegalArgumentException(where + ": neuron positions need a PositionKind");
            b.neuronPositions.requireShape(where + " neuron positions (N=" + n + ")", n, 2);
            this.neuronPositions = b.neuronPositions.contiguous();
            checkFinite(where + ": neuron positions", neuronPositions);
            this.positionKind = b.positionKind;
        } else {
            this.neuronPositions = null;
            this.positionKind = null;
        }
        if (b.neuronInfo != null && b.neuronInfo.neuronCount() != n) {
            throw new IllegalArgumentException(where + ": neuron info describes " + b.neuronInfo.neuronCount() + " neurons but there are " + n);
        }
        this.neuronInfo = b.neuronInfo;

        if (b.categories != null) {
            if (b.categories.length != k) {
                throw new IllegalArgumentException(where + ": " + b.categories.length + " category labels for " + k + " images");
            }
            List<String> names = b.categoryNames == null ? List.of() : List.copyOf(b.categoryNames);
            for (int i = 0; i < k; i++) {
                int c = b.categories[i];
                if (c < 0 || (!names.isEmpty() && c >= names.size())) {
                    throw new IllegalArgumentException(where + ": image " + i + " has category " + c
                            + (names.isEmpty() ? " (labels must be >= 0)" : " but there are " + names.size() + " category names"));
                }
            }
            this.categories = b.categories.clone();
            this.categoryNames = names;
        } else {
            this.categories = null;
            this.categoryNames = List.of();
        }

        trialStart = new int[k + 1];
        for (int id : imageIds) trialStart[id + 1]++;
        for (int i = 0; i < k; i++) trialStart[i + 1] += trialStart[i];
        trialsByImage = new int[t];
        int[] fill = Arrays.copyOf(trialStart, k);
        for (int i = 0; i < t; i++) trialsByImage[fill[imageIds[i]]++] = i;
    }

    private static void checkImageRange(String where, Tensor images) {
        MemorySegment seg = images.segment();
        long off = images.offset(), n = images.numel();
        int plane = images.dim(1) * images.dim(2);
        for (long i = 0; i < n; i++) {
            float v = seg.getAtIndex(Tensor.FLOAT, off + i);
            if (!(v >= 0f && v <= 1f)) { // also rejects NaN
                throw new IllegalArgumentException(where + ": image pixels must lie in [0, 1]; image " + (i / plane)
                        + " has " + v + " at pixel " + (i % plane) + " (scale the images before building the dataset)");
            }
        }
    }

    private static void checkFinite(String what, Tensor t) {
        MemorySegment seg = t.segment();
        long off = t.offset(), n = t.numel();
        int cols = t.dim(-1);
        for (long i = 0; i < n; i++) {
            float v = seg.getAtIndex(Tensor.FLOAT, off + i);
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be finite; row " + (i / cols) + " column " + (i % cols) + " is " + v);
            }
        }
    }

    /**
     * Starts a dataset from its required parts; add the optional ones on the builder.
     *
     * @param name      the data's name and source, for logs, reports and messages
     * @param images    [K, H, W] grayscale pixels in [0, 1]
     * @param responses [T, N] finite responses, one row per trial
     * @param imageIds  [T] the image each trial showed, each in [0, K)
     * @return a builder; {@link Builder#build()} checks every part
     */
    public static Builder builder(String name, Tensor images, Tensor responses, int[] imageIds) {
        return new Builder(name, images, responses, imageIds);
    }

    /**
     * A dataset with no tiers, positions or categories.
     *
     * @param name      the data's name and source, for logs, reports and messages
     * @param images    [K, H, W] grayscale pixels in [0, 1]
     * @param responses [T, N] finite responses, one row per trial
     * @param imageIds  [T] the image each trial showed, each in [0, K)
     * @return the dataset
     * @throws IllegalArgumentException with one line naming the dataset and the part that does not fit
     */
    public static Dataset of(String name, Tensor images, Tensor responses, int[] imageIds) {
        return builder(name, images, responses, imageIds).build();
    }

    /** Builder for the optional parts of a {@link Dataset}. */
    public static final class Builder {
        private final String name;
        private final Tensor images, responses;
        private final int[] imageIds;
        private Tier[] tiers;
        private Tensor neuronPositions;
        private PositionKind positionKind;
        private NeuronInfo neuronInfo;
        private int[] categories;
        private List<String> categoryNames;

        private Builder(String name, Tensor images, Tensor responses, int[] imageIds) {
            this.name = name;
            this.images = images;
            this.responses = responses;
            this.imageIds = imageIds;
        }

        /**
         * The dataset's own train/validation/test assignment.
         *
         * @param tiers one per trial, none null
         * @return this builder
         */
        public Builder tiers(Tier[] tiers) { this.tiers = tiers; return this; }

        /**
         * Where the neurons are.
         *
         * @param positions [N, 2] (x, y), finite
         * @param kind      what they measure
         * @return this builder
         */
        public Builder neuronPositions(Tensor positions, PositionKind kind) {
            this.neuronPositions = positions;
            this.positionKind = kind;
            return this;
        }

        /**
         * 3-D cell centres and interneuron labels.
         *
         * @param info one entry per neuron
         * @return this builder
         */
        public Builder neuronInfo(NeuronInfo info) { this.neuronInfo = info; return this; }

        /**
         * A category label per image.
         *
         * @param labels one per image, each at least 0 (and below {@code names.size()} when names are given)
         * @param names  the name of each label (index = label), or an empty list
         * @return this builder
         */
        public Builder categories(int[] labels, List<String> names) {
            this.categories = labels;
            this.categoryNames = names;
            return this;
        }

        /**
         * Checks every part against the others and builds the dataset.
         *
         * @return the dataset
         * @throws IllegalArgumentException with one line naming the dataset and the part that does not fit: shapes,
         *                                  pixels outside [0, 1], non-finite responses, image ids out of range
         */
        public Dataset build() { return new Dataset(this); }
    }

    /** {@return the name and source of the data, for logs and reports} */
    public String name() { return name; }

    /** {@return all images, [K, H, W], values in [0, 1]} */
    public Tensor images() { return images; }

    /**
     * One image.
     *
     * @param k the image's index
     * @return an [H, W] view of it
     */
    public Tensor image(int k) { return images.slice(0, k, k + 1).reshape(height(), width()); }

    /** {@return all trial responses, [T, N]} */
    public Tensor responses() { return responses; }

    /** {@return the number of images K, shown or not} */
    public int imageCount() { return images.dim(0); }
    /** {@return the image height H in pixels} */
    public int height() { return images.dim(1); }
    /** {@return the image width W in pixels} */
    public int width() { return images.dim(2); }
    /** {@return the number of trials T} */
    public int trialCount() { return responses.dim(0); }
    /** {@return the number of neurons N} */
    public int neuronCount() { return responses.dim(1); }

    /**
     * The image one trial showed.
     *
     * @param trial the trial's index
     * @return the image's index
     */
    public int imageId(int trial) { return imageIds[trial]; }

    /** {@return the image shown on every trial (a copy)} */
    public int[] imageIds() { return imageIds.clone(); }

    /**
     * How often an image was shown.
     *
     * @param k the image's index
     * @return how many trials showed it
     */
    public int repeatsOf(int k) { return trialStart[k + 1] - trialStart[k]; }

    /**
     * The trials that showed an image.
     *
     * @param k the image's index
     * @return their indices, in increasing order (a copy)
     */
    public int[] trialsOf(int k) { return Arrays.copyOfRange(trialsByImage, trialStart[k], trialStart[k + 1]); }

    /** {@return the fewest repeats of any image that was shown at least once (0 when none was)} */
    public int minRepeats() {
        int m = Integer.MAX_VALUE;
        for (int k = 0; k < imageCount(); k++) if (repeatsOf(k) > 0) m = Math.min(m, repeatsOf(k));
        return m == Integer.MAX_VALUE ? 0 : m;
    }

    /** {@return the most repeats of any image} */
    public int maxRepeats() {
        int m = 0;
        for (int k = 0; k < imageCount(); k++) m = Math.max(m, repeatsOf(k));
        return m;
    }

    /** {@return the images shown on at least one trial, in increasing order} */
    public int[] shownImages() {
        List<Integer> l = new ArrayList<>();
        for (int k = 0; k < imageCount(); k++) if (repeatsOf(k) > 0) l.add(k);
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@return whether the dataset carries its own train/validation/test assignment} */
    public boolean hasTiers() { return tiers != null; }

    /**
     * The dataset's own tier of a trial.
     *
     * @param trial the trial's index
     * @return its tier
     * @throws IllegalStateException when the dataset has no tiers ({@link #hasTiers()})
     */
    public Tier tier(int trial) {
        if (tiers == null) throw new IllegalStateException("Dataset '" + name + "' has no tiers");
        return tiers[trial];
    }

    /** {@return the neuron positions [N, 2] (x, y), if the source provides them} */
    public Optional<Tensor> neuronPositions() { return Optional.ofNullable(neuronPositions); }

    /** {@return what {@link #neuronPositions()} measure, if present} */
    public Optional<PositionKind> positionKind() { return Optional.ofNullable(positionKind); }

    /** {@return the 3-D cell centres and interneuron labels, if the source provides them} */
    public Optional<NeuronInfo> neuronInfo() { return Optional.ofNullable(neuronInfo); }

    /** {@return whether every image has a category label} */
    public boolean hasCategories() { return categories != null; }

    /**
     * The category label of an image.
     *
     * @param k the image's index
     * @return its label, at least 0
     * @throws IllegalStateException when the dataset has no labels ({@link #hasCategories()})
     */
    public int category(int k) {
        if (categories == null) throw new IllegalStateException("Dataset '" + name + "' has no category labels");
        return categories[k];
    }

    /** {@return the names of the category labels (index = label); empty when unnamed or absent} */
    public List<String> categoryNames() { return categoryNames; }

    /**
     * The responses of some trials.
     *
     * @param trials trial indices, in any order, repeats allowed
     * @return a new [trials.length, N] tensor
     * @throws IndexOutOfBoundsException naming the dataset and the trial when one is out of range
     */
    public Tensor responsesOf(int[] trials) {
        int n = neuronCount();
        Tensor out = Tensor.zeros(trials.length, n);
        long bytes = (long) n * Float.BYTES;
        for (int i = 0; i < trials.length; i++) {
            int t = trials[i];
            if (t < 0 || t >= trialCount()) {
                throw new IndexOutOfBoundsException("Dataset '" + name + "': trial " + t + " of " + trialCount());
            }
            MemorySegment.copy(responses.segment(), (responses.offset() + (long) t * n) * Float.BYTES,
                    out.segment(), (long) i * bytes, bytes);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ": " + imageCount() + " images " + height() + "x" + width() + ", " + neuronCount()
                + " neurons, " + trialCount() + " trials, repeats " + minRepeats() + ".." + maxRepeats()
                + (hasTiers() ? ", with tiers" : "") + (neuronPositions != null ? ", positions " + positionKind : "")
                + (neuronInfo != null ? ", neuron info" : "")
                + (hasCategories() ? ", categories" : "") + "]";
    }
}
