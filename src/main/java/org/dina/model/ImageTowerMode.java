package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What of the image tower trains ({@code model.imageTower}). {@link #FROZEN} is what the released code does: the
 * DS-Net backbone keeps its random initialisation and only the head trains, so each image's backbone features are
 * computed once and cached. {@link #JOINT} trains the whole tower end to end on images.
 */
public enum ImageTowerMode {
    FROZEN, JOINT;

    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    @JsonCreator
    public static ImageTowerMode of(String key) { return ConfigKeys.parse(ImageTowerMode.class, "model.imageTower", key); }
}
