package org.dina.perf;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak memory of this process: resident set (VmHWM, the kernel's high-water mark, which covers heap, off-heap
 * tensors and the JVM itself), Java heap (peak usage of the heap pools) and off-heap tensors (the JVM's "direct"
 * pool, which native MemorySegments are charged to; it has no peak counter, so {@link #sample()} keeps the
 * largest value seen). Outside Linux the RSS figures are -1.
 */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status"), CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private long peakDirectBytes;
    private boolean rssPeakReset;

    /** Starts a new measurement: resets the heap pools' peaks and, where the kernel allows it, the RSS peak. */
    public void reset() {
        for (MemoryPoolMXBean p : heapPools()) p.resetPeakUsage();
        peakDirectBytes = directBytes();
        try {
            // "5" resets VmHWM to the current RSS (Linux >= 4.0); refused in some containers, then the peak is the process's
            Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
            rssPeakReset = true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            rssPeakReset = false;
        }
    }

    /** Records the current off-heap usage into the off-heap peak (call it where usage is highest, e.g. after a step). */
    public void sample() {
        peakDirectBytes = Math.max(peakDirectBytes, directBytes());
    }

    /** Whether the last {@link #reset()} could reset the RSS high-water mark (else it covers the whole process). */
    public boolean rssPeakReset() { return rssPeakReset; }

    /** Peak resident set since the last reset (or process start), bytes; -1 where /proc is unavailable. */
    public long peakRssBytes() { return statusKilobytes("VmHWM:") * 1024; }

    /** Current resident set, bytes; -1 where /proc is unavailable. */
    public long rssBytes() { return statusKilobytes("VmRSS:") * 1024; }

    /** Sum of the heap pools' peak usage since the last reset, bytes. */
    public long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : heapPools()) sum += p.getPeakUsage().getUsed();
        return sum;
    }

    /** Largest off-heap usage seen by {@link #sample()} since the last reset, bytes. */
    public long peakDirectBytes() { return peakDirectBytes; }

    /** Off-heap bytes held now (direct buffers and native memory segments). */
    public static long directBytes() {
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) return b.getMemoryUsed();
        }
        return -1;
    }

    /** The -XX:MaxDirectMemorySize in effect (defaults to the maximum heap), bytes. */
    public static long maxDirectBytes() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:MaxDirectMemorySize=")) return parseSize(arg.substring(arg.indexOf('=') + 1));
        }
        return Runtime.getRuntime().maxMemory();
    }

    static long parseSize(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    /**
     * Minor page faults of this process so far (field 10 of /proc/self/stat); -1 where /proc is unavailable. Each
     * first touch of freshly mapped memory is one: many per step means buffers are made afresh instead of reused.
     */
    public static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) may hold spaces; fields after its closing parenthesis start at field 3
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[10 - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long statusKilobytes(String key) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(key)) return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
