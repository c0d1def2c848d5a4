package org.dina.eval.baselines;

/** Which vector stands for an image on the image side of a baseline. */
public enum ImageRepresentation {
    /** Pixels, area-averaged down to at most {@link BaselineInput#maxPixels()}. */
    PIXELS,
    /** The frozen image tower's feature maps, flattened ({@link BaselineInput#imageFeatures()}). */
    TOWER_FEATURES;

    /** Short lower-case label for names and reports. */
    public String label() { return this == PIXELS ? "pixels" : "features"; }
}
