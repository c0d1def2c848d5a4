package org.dina.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.dina.kernels.AvgPool3x3.Padding;

/**
 * The border of SSIM's 3x3 mean window ({@code loss.ssimPadding}). {@link #ZERO} is the release's
 * {@code F.avg_pool2d(x, 3, 1, 1)}: zero padding, every window divided by 9, so border pixels see darker means. About
 * 15% of a 16 x 64 map is border, which is why the two do not give comparable numbers. {@link #REFLECT} mirrors the
 * map ({@code ReflectionPad2d(1)}), as this tool did before.
 */
public enum SsimPadding {
    /** Zero padding, every window divided by 9, as released. */
    ZERO(Padding.ZERO),
    /** The map mirrored at its border. */
    REFLECT(Padding.REFLECT);

    private final Padding pool;

    SsimPadding(Padding pool) {
        this.pool = pool;
    }

    /** {@return the pooling kernel's padding} */
    public Padding pool() { return pool; }

    /** {@return how {@code loss.ssimPadding} spells this value in a config file} */
    @JsonValue
    public String key() { return name().toLowerCase(Locale.ROOT); }

    /**
     * The padding a config file spells {@code key}.
     *
     * @param key {@code zero} or {@code reflect}
     * @return the padding
     * @throws IllegalArgumentException naming {@code loss.ssimPadding} when {@code key} is neither
     */
    @JsonCreator
    public static SsimPadding of(String key) {
        for (SsimPadding p : values()) if (p.key().equals(key)) return p;
        throw new IllegalArgumentException("loss.ssimPadding must be zero or reflect, got " + key);
    }
}
