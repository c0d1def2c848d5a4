package org.dina.sweep.spark;

import java.util.Optional;
import org.dina.sweep.SweepEngine;
import org.dina.sweep.SweepEngineProvider;

/** Serves every --master that is not the core's plain {@code local}: local[N], local[*], spark://..., yarn, k8s://... */
public final class SparkEngineProvider implements SweepEngineProvider {
    @Override
    public Optional<SweepEngine> engineFor(String master) {
        return master.equals("local") ? Optional.empty() : Optional.of(new SparkEngine(master));
    }
}
