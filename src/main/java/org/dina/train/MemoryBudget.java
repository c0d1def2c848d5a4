package org.dina.train;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.dina.data.Dataset;
import org.dina.model.DinaConfig;
import org.dina.model.image.ImageBackbone;

/**
 * Refuses, before anything is allocated, a run whose data cannot fit in off-heap memory, with the numbers and the
 * flag that raises the limit, instead of an {@link OutOfMemoryError} minutes later. Tensors live off-heap and count
 * against {@code -XX:MaxDirectMemorySize}.
 *
 * <p>The estimate counts what scales with the data and is allocated before the first step: the images resized to
 * the configured size and, with the frozen image tower, the backbone features cached for every image (K x 128 x h'
 * x w' floats, usually the largest block). Parameters, optimiser state and per-batch buffers are left out, so it is
 * a lower bound: it only refuses runs that certainly cannot fit.
 */
public final class MemoryBudget {
    private static final double GB = 1024.0 * 1024 * 1024;

    private MemoryBudget() {}

    /** Off-heap bytes the run allocates up front for {@code d} under {@code cfg}. */
    public static long upfrontBytes(DinaConfig cfg, Dataset d) {
        return resizedImageBytes(cfg, d) + featureBytes(cfg, d);
    }

    static long resizedImageBytes(DinaConfig cfg, Dataset d) {
        int h = cfg.data().imageHeight(), w = cfg.data().imageWidth();
        if (h == d.height() && w == d.width()) return 0; // a view of the dataset's own images
        return (long) d.imageCount() * h * w * Float.BYTES;
    }

    static long featureBytes(DinaConfig cfg, Dataset d) {
        if (cfg.model().jointImageTower()) return 0;
        int[] hw = ImageBackbone.outputSize(cfg.data().imageHeight(), cfg.data().imageWidth());
        return (long) d.imageCount() * ImageBackbone.CHANNELS * hw[0] * hw[1] * Float.BYTES;
    }

    /** Throws {@link IllegalArgumentException} (one line) when the run cannot fit in this JVM's off-heap memory. */
    public static void check(DinaConfig cfg, Dataset d) {
        check(cfg, d, directMemoryLimit() - directMemoryUsed());
    }

    /** Like {@link #check(DinaConfig, Dataset)} with {@code freeBytes} of off-heap memory left. */
    static void check(DinaConfig cfg, Dataset d, long freeBytes) {
        long images = resizedImageBytes(cfg, d), features = featureBytes(cfg, d), need = images + features;
        if (need <= freeBytes) return;
        int[] hw = ImageBackbone.outputSize(cfg.data().imageHeight(), cfg.data().imageWidth());
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s: the run needs at least %.1f GB of off-heap memory before training starts (%d images resized to %dx%d: %.1f GB; "
                        + "their cached features, 128x%dx%d floats each: %.1f GB) but only %.1f GB is free; raise the limit with "
                        + "DINA_JAVA_OPTS=-XX:MaxDirectMemorySize=%dg, or lower data.imageHeight and data.imageWidth",
                d.name(), need / GB, d.imageCount(), cfg.data().imageHeight(), cfg.data().imageWidth(), images / GB, hw[0], hw[1],
                features / GB, Math.max(0, freeBytes) / GB, (long) Math.ceil((need + directMemoryUsed()) / GB) + 2));
    }

    /** -XX:MaxDirectMemorySize, or the heap limit the JVM uses in its place when the flag is not set. */
    static long directMemoryLimit() {
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(hs.getVMOption("MaxDirectMemorySize").getValue());
            if (set > 0) return set;
        } catch (RuntimeException e) {
            // not HotSpot: fall back to the default rule below
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** Off-heap bytes reserved so far (direct buffers and native memory segments alike). */
    static long directMemoryUsed() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) return pool.getMemoryUsed();
        }
        return 0;
    }
}
