package org.dina.data.formats;

/**
 * How raw pixel values become the [0, 1] a {@link org.dina.data.Dataset} holds.
 *
 * <p>{@link #AUTO} (the default): 8-bit and 16-bit unsigned integer images are divided by 255 and 65,535 (the
 * brightness they encode is absolute); every other type is min-max scaled over the whole stack,
 * {@code (v - min) / (max - min)} with one min and max for all images together, so that contrast differences
 * between images survive (per-image scaling would erase them). Min-max also undoes arbitrary factors such as the
 * 1e-6 of the Antolík et al. inputs.
 */
public enum ImageScaling {
    /** Unsigned 8/16-bit: divide by the type's maximum; anything else: min-max over the whole stack. */
    AUTO,
    /** {@code (v - min) / (max - min)} over the whole stack. */
    MIN_MAX,
    /** Divide by 255; values must lie in [0, 255]. */
    DIVIDE_BY_255,
    /** Keep the values; they must already lie in [0, 1]. */
    NONE
}
