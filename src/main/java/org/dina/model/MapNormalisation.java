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
    MINMAX, ZSCORE, NONE;

    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    @JsonCreator
    public static MapNormalisation of(String key) { return ConfigKeys.parse(MapNormalisation.class, "model.mapNormalisation", key); }
}
