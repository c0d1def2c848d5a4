package org.dina.data.formats;

import java.nio.file.Path;

/**
 * What a reader may need beyond the path: a format name that overrides detection, the image height and width of
 * flattened images that are not square, where the natimg2800 image file is, and how to scale pixels.
 *
 * @param format      a reader name from {@link Formats#names()}, or null to detect the format
 * @param imageHeight height of flattened images (0 = infer a square)
 * @param imageWidth  width of flattened images (0 = infer a square)
 * @param imagesFile  the natimg2800 image file ({@code images_natimg2800_all.mat}), or null for the recording's folder
 * @param scaling     how pixel values are brought to [0, 1]
 * @param trialWindow how continuous traces (NWB) become one response per presentation
 * @param stimulus    the NWB presentation table or IndexSeries to use (its name), or null to choose
 * @param spontPcs    natimg2800: how many top principal components of spontaneous activity to project out (0 = none)
 */
public record ReadOptions(String format, int imageHeight, int imageWidth, Path imagesFile, ImageScaling scaling,
                          TrialWindow trialWindow, String stimulus, int spontPcs) {
    /** Checks the image shape and {@code spontPcs}; a null scaling or trial window takes the default. */
    public ReadOptions {
        if (imageHeight < 0 || imageWidth < 0 || (imageHeight == 0) != (imageWidth == 0)) {
            throw new IllegalArgumentException("image shape must be two positive numbers, got " + imageHeight + "x" + imageWidth);
        }
        if (scaling == null) scaling = ImageScaling.AUTO;
        if (trialWindow == null) trialWindow = TrialWindow.DEFAULT;
        if (spontPcs < 0) throw new IllegalArgumentException("--spont-pcs must be 0 or more, got " + spontPcs);
    }

    /**
     * The options every reader had before NWB and --spont-pcs: default window, no stimulus choice, no projection.
     *
     * @param format      a reader name, or null to detect the format
     * @param imageHeight height of flattened images (0 = infer a square)
     * @param imageWidth  width of flattened images (0 = infer a square)
     * @param imagesFile  the natimg2800 image file, or null for the recording's folder
     * @param scaling     how pixel values are brought to [0, 1]
     */
    public ReadOptions(String format, int imageHeight, int imageWidth, Path imagesFile, ImageScaling scaling) {
        this(format, imageHeight, imageWidth, imagesFile, scaling, TrialWindow.DEFAULT, null, 0);
    }

    /**
     * {@return options that detect the format, infer square images, find the images next to the recording and scale
     * them automatically}
     */
    public static ReadOptions defaults() {
        return new ReadOptions(null, 0, 0, null, ImageScaling.AUTO);
    }

    /**
     * The same options with a format named.
     *
     * @param name a reader name from {@link Formats#names()}, or null to detect
     * @return the changed options
     */
    public ReadOptions withFormat(String name) {
        return new ReadOptions(name, imageHeight, imageWidth, imagesFile, scaling, trialWindow, stimulus, spontPcs);
    }

    /**
     * The same options with another NWB trial window.
     *
     * @param w how traces become one response per presentation
     * @return the changed options
     */
    public ReadOptions withTrialWindow(TrialWindow w) {
        return new ReadOptions(format, imageHeight, imageWidth, imagesFile, scaling, w, stimulus, spontPcs);
    }

    /**
     * The same options with an NWB presentation table chosen.
     *
     * @param name the table's or IndexSeries' name, or null to choose
     * @return the changed options
     */
    public ReadOptions withStimulus(String name) {
        return new ReadOptions(format, imageHeight, imageWidth, imagesFile, scaling, trialWindow, name, spontPcs);
    }

    /**
     * The same options with a natimg2800 spontaneous projection.
     *
     * @param k top principal components of spontaneous activity to project out, 0 for none
     * @return the changed options
     */
    public ReadOptions withSpontPcs(int k) {
        return new ReadOptions(format, imageHeight, imageWidth, imagesFile, scaling, trialWindow, stimulus, k);
    }

    /**
     * The same options with the shape of flattened images given.
     *
     * @param height image height, positive
     * @param width  image width, positive
     * @return the changed options
     */
    public ReadOptions withImageShape(int height, int width) {
        if (height < 1 || width < 1) throw new IllegalArgumentException("image shape must be positive, got " + height + "x" + width);
        return new ReadOptions(format, height, width, imagesFile, scaling, trialWindow, stimulus, spontPcs);
    }

    /**
     * The same options with the natimg2800 image file given.
     *
     * @param file {@code images_natimg2800_all.mat}, or null for the recording's folder
     * @return the changed options
     */
    public ReadOptions withImagesFile(Path file) {
        return new ReadOptions(format, imageHeight, imageWidth, file, scaling, trialWindow, stimulus, spontPcs);
    }

    /**
     * The same options with another pixel scaling.
     *
     * @param s how pixel values are brought to [0, 1]
     * @return the changed options
     */
    public ReadOptions withScaling(ImageScaling s) {
        return new ReadOptions(format, imageHeight, imageWidth, imagesFile, s, trialWindow, stimulus, spontPcs);
    }

    /** {@return whether the shape of flattened images is given} */
    public boolean hasImageShape() { return imageHeight > 0; }

    /**
     * Parses an image shape.
     *
     * @param s {@code HxW}, for example {@code 68x270}
     * @return {height, width}, both positive
     * @throws IllegalArgumentException with a message saying what was expected
     */
    public static int[] parseImageShape(String s) {
        String[] p = s == null ? new String[0] : s.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int h = Integer.parseInt(p[0].trim()), w = Integer.parseInt(p[1].trim());
                if (h > 0 && w > 0) return new int[] {h, w};
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message
        }
        throw new IllegalArgumentException("image shape must look like HxW with positive numbers (e.g. 68x270), got '" + s + "'");
    }
}
