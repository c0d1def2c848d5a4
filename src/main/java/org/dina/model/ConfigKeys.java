package org.dina.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dina.data.SplitProtocol;

/** The lower-case spelling config files use for enum values, and one-line errors naming the key for the others. */
final class ConfigKeys {
    private ConfigKeys() {}

    /** The split protocols a config may ask for ({@code dataset_tiers} comes from the data, never from a config). */
    static final String SPLITS = "images, repeats";

    static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} spelt {@code key}; otherwise an error naming the config {@code field}. */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String key) {
        for (E e : type.getEnumConstants()) if (key(e).equals(key)) return e;
        throw new IllegalArgumentException(field + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(ConfigKeys::key).collect(Collectors.joining(", ")) + ", got " + key);
    }

    /** {@code data.split}: {@code images} or {@code repeats}. */
    static SplitProtocol split(String key) {
        for (SplitProtocol p : List.of(SplitProtocol.IMAGES, SplitProtocol.REPEATS)) if (p.key().equals(key)) return p;
        throw new IllegalArgumentException("data.split must be one of " + SPLITS + ", got " + key);
    }
}
