package org.dina.testing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Gives every jqwik property a fixed seed in CI ({@code CI=true}), so that a CI run can be repeated exactly and
 * cannot fail by the luck of the draw. The seed is a checksum of the property's class and method name: it differs
 * between properties and stays the same between runs. A seed written on the property itself wins.
 *
 * <p>Outside CI, and in CI with {@code -Ddina.jqwik.explore=true} (or {@code DINA_JQWIK_EXPLORE=true}), jqwik draws
 * fresh seeds as usual and explores new inputs. A failing sample found that way is kept as an {@code @Example} next
 * to its property, so that every run checks it from then on. Registered for every property through
 * META-INF/services/net.jqwik.api.lifecycle.LifecycleHook.
 */
public final class FixedSeedsInCi implements AroundPropertyHook {
    /** Whether this run uses fixed seeds: in CI, unless exploration is asked for. */
    public static boolean fixed() {
        return "true".equalsIgnoreCase(System.getenv("CI")) && !explore();
    }

    private static boolean explore() {
        return Boolean.getBoolean("dina.jqwik.explore") || "true".equalsIgnoreCase(System.getenv("DINA_JQWIK_EXPLORE"));
    }

    /** The fixed seed of a property. */
    static String seedFor(Class<?> container, String method) {
        CRC32 crc = new CRC32();
        crc.update((container.getName() + "#" + method).getBytes(StandardCharsets.UTF_8));
        return Long.toString(crc.getValue());
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        return apply(context, property, fixed());
    }

    PropertyExecutionResult apply(PropertyLifecycleContext context, PropertyExecutor property, boolean fixSeed) {
        Optional<String> own = context.attributes().seed().filter(s -> !s.isEmpty());
        if (fixSeed && own.isEmpty()) {
            context.attributes().setSeed(seedFor(context.containerClass(), context.targetMethod().getName()));
        }
        return property.execute();
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }
}
