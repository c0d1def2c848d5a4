package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How each 16 x 64 alignment map is scaled before the embedding is L2-normalised ({@code model.mapNormalisation}).
 *
 * <p>{@link #MINMAX} is the release: every map is stretched to [0, 1], so a sample's similarity depends on its two
 * most extreme pixels. {@link #ZSCORE} centres each map and scales it to unit variance; after the L2 normalisation
 * the similarity of two maps is then their Pearson correlation, the statistic of a template decoder. {@link #NONE}
 * leaves the maps as the towers compute them (only the L2 normalisation remains).
 */
public enum MapNormalisation {
    /** Every map stretched to [0, 1], as released. */
    MINMAX,
    /** Every map centred and scaled to unit variance. */
    ZSCORE,
    /** The maps as the towers compute them. */
    NONE;

    /** {@return how {@code model.mapNormalisation} spells this value in a config file} */
    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    /**
     * The value a config file spells {@code key}.
     *
     * @param key one of {@code minmax}, {@code zscore}, {@code none}
     * @return the value
     * @throws IllegalArgumentException naming {@code model.mapNormalisation} and its values, when {@code key} is none
     *                                  of them
     */
    @JsonCreator
    public static MapNormalisation of(String key) { return ConfigKeys.parse(MapNormalisation.class, "model.mapNormalisation", key); }
}
