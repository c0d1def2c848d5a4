package org.dina.data.formats;

import java.util.Locale;
import org.dina.data.Tier;

/** Maps the tier names datasets use to {@link Tier}s. */
final class TierNames {
    private TierNames() {}

    /**
     * 'train'/'training' → TRAIN; 'validation'/'val'/'valid' → VALIDATION; any name containing 'test'
     * ('test', 'final_test', 'live_test', 'test_main'...) → TEST; 'none' or empty → null (the trial belongs to no tier
     * and is left out). Anything else is an error.
     */
    static Tier parse(String name) {
        String s = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "train", "training" -> Tier.TRAIN;
            case "validation", "val", "valid", "validate" -> Tier.VALIDATION;
            case "", "none", "nan" -> null;
            default -> {
                if (s.contains("test")) yield Tier.TEST;
                throw new IllegalArgumentException("unknown tier '" + name + "' (expected train, validation, test or a *test* variant)");
            }
        };
    }
}
