package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What one training pair holds on the neural side ({@code data.trials}): one trial's response ({@link #SINGLE}), or
 * the mean response over an image's trials on that side of the split ({@link #AVERAGED}).
 */
public enum TrialMode {
    /** One trial's response. */
    SINGLE,
    /** The mean response over the image's trials on that side of the split. */
    AVERAGED;

    /** {@return how {@code data.trials} spells this value in a config file} */
    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    /**
     * The value a config file spells {@code key}.
     *
     * @param key one of {@code single}, {@code averaged}
     * @return the value
     * @throws IllegalArgumentException naming {@code data.trials} and its values, when {@code key} is none
     *                                  of them
     */
    @JsonCreator
    public static TrialMode of(String key) { return ConfigKeys.parse(TrialMode.class, "data.trials", key); }
}
