package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What one training pair holds on the neural side ({@code data.trials}): one trial's response ({@link #SINGLE}), or
 * the mean response over an image's trials on that side of the split ({@link #AVERAGED}).
 */
public enum TrialMode {
    SINGLE, AVERAGED;

    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    @JsonCreator
    public static TrialMode of(String key) { return ConfigKeys.parse(TrialMode.class, "data.trials", key); }
}
