package org.dina.sweep;

import java.util.Optional;

/**
 * An engine that lives outside the core (the Spark module), found through {@link java.util.ServiceLoader} so that the
 * core never needs, or loads, its dependencies.
 */
public interface SweepEngineProvider {
    /** The engine for {@code master} (local[N], spark://host:port, ...), or empty when this provider does not serve it. */
    Optional<SweepEngine> engineFor(String master);
}
