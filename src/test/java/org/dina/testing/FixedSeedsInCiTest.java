package org.dina.testing;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Proxy;
import java.util.Optional;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.junit.jupiter.api.Test;

class FixedSeedsInCiTest {
    /** A property context whose only state is its seed attribute. */
    private static PropertyLifecycleContext context(String[] seed) throws NoSuchMethodException {
        PropertyAttributes attributes = (PropertyAttributes) Proxy.newProxyInstance(getClassLoader(),
                new Class<?>[] {PropertyAttributes.class}, (p, m, a) -> switch (m.getName()) {
                    case "seed" -> Optional.ofNullable(seed[0]);
                    case "setSeed" -> { seed[0] = (String) a[0]; yield null; }
                    default -> Optional.empty();
                });
        var method = FixedSeedsInCiTest.class.getDeclaredMethod("aPropertyNamedSo");
        return (PropertyLifecycleContext) Proxy.newProxyInstance(getClassLoader(), new Class<?>[] {PropertyLifecycleContext.class},
                (p, m, a) -> switch (m.getName()) {
                    case "attributes" -> attributes;
                    case "containerClass" -> FixedSeedsInCiTest.class;
                    case "targetMethod" -> method;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ClassLoader getClassLoader() {
        return FixedSeedsInCiTest.class.getClassLoader();
    }

    void aPropertyNamedSo() {}

    @Test
    void inCiEveryPropertyGetsItsOwnSeedUnlessItNamesOne() throws Exception {
        PropertyExecutor run = () -> null;
        String[] seed = {null};
        new FixedSeedsInCi().apply(context(seed), run, true);
        assertEquals(FixedSeedsInCi.seedFor(FixedSeedsInCiTest.class, "aPropertyNamedSo"), seed[0]);
        assertEquals(seed[0], FixedSeedsInCi.seedFor(FixedSeedsInCiTest.class, "aPropertyNamedSo"), "the same in every run");
        assertNotEquals(seed[0], FixedSeedsInCi.seedFor(FixedSeedsInCiTest.class, "another"));

        String[] own = {"42"};
        new FixedSeedsInCi().apply(context(own), run, true);
        assertEquals("42", own[0], "a seed written on the property wins");

        String[] exploring = {null};
        new FixedSeedsInCi().apply(context(exploring), run, false);
        assertNull(exploring[0], "outside CI, or when exploring, jqwik draws its own seeds");
    }
}
