package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What of the image tower trains ({@code model.imageTower}). {@link #FROZEN} is what the released code does: the
 * DS-Net backbone keeps its random initialisation and only the head trains, so each image's backbone features are
 * computed once and cached. {@link #JOINT} trains the whole tower end to end on images.
 */
public enum ImageTowerMode {
    /** The backbone keeps its random initialisation; only the head trains, on cached backbone features. */
    FROZEN,
    /** The whole tower trains end to end on images. */
    JOINT;

    /** {@return how {@code model.imageTower} spells this value in a config file} */
    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    /**
     * The value a config file spells {@code key}.
     *
     * @param key one of {@code frozen}, {@code joint}
     * @return the value
     * @throws IllegalArgumentException naming {@code model.imageTower} and its values, when {@code key} is none
     *                                  of them
     */
    @JsonCreator
    public static ImageTowerMode of(String key) { return ConfigKeys.parse(ImageTowerMode.class, "model.imageTower", key); }
}
