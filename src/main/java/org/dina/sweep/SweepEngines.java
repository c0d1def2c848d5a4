package org.dina.sweep;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Picks the engine for a {@code --master}: {@code local} is built in, anything else comes from a provider on the class path. */
public final class SweepEngines {
    private SweepEngines() {}

    /** The engine, or an IllegalArgumentException saying why there is none (typically: the Spark module is not built). */
    public static SweepEngine forMaster(String master) {
        if (master.equals("local")) return new LocalEngine();
        try {
            for (SweepEngineProvider p : ServiceLoader.load(SweepEngineProvider.class)) {
                var engine = p.engineFor(master);
                if (engine.isPresent()) return engine.get();
            }
        } catch (ServiceConfigurationError | NoClassDefFoundError e) {
            // the provider's classes are there but not its dependencies (Spark's jars)
            throw new IllegalArgumentException("--master " + master + ": the Spark engine cannot load (" + e.getMessage()
                    + "); run through ./dina, which builds it with its dependencies");
        }
        throw new IllegalArgumentException("--master " + master + ": no engine for it; 'local' runs in this JVM, "
                + "local[N] and spark://host:port need the Spark module (./dina sweep builds it with -Pspark)");
    }
}
