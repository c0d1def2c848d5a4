package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
    public String key() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator
    public static MapNormalisation of(String key) {
        for (MapNormalisation m : values()) if (m.key().equals(key)) return m;
        throw new IllegalArgumentException("model.mapNormalisation must be one of "
                + Arrays.stream(values()).map(MapNormalisation::key).collect(Collectors.joining(", ")) + ", got " + key);
    }
}
