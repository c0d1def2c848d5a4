package org.dina.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lower-case spelling config files use for enum values, and one-line errors naming the key for the others. */
final class ConfigKeys {
    private ConfigKeys() {}

    static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} spelt {@code key}; otherwise an error naming the config {@code field}. */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String key) {
        for (E e : type.getEnumConstants()) if (key(e).equals(key)) return e;
        throw new IllegalArgumentException(field + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(ConfigKeys::key).collect(Collectors.joining(", ")) + ", got " + key);
    }
}
