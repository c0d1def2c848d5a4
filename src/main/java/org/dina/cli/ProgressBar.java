package org.dina.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.dina.progress.Progress;

/**
 * A one-line progress bar with elapsed time, ETA and a free-text status (the live loss, say) on stderr.
 * On a terminal it redraws in place; when output goes to a file or CI log it prints a line at every 10% instead.
 */
public final class ProgressBar implements Progress.Task {
    /** What the command line installs: every task core code starts becomes a bar on stderr, notes a line there. */
    static final Progress.Renderer ON_STDERR = new Progress.Renderer() {
        @Override public Progress.Task start(String label, long total) { return new ProgressBar(label, total); }
        @Override public void note(String text) { System.err.println("dina: note: " + text); }
    };

    private static final int WIDTH = 28;
    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private int lastDecile = -1;
    private String status = "";

    public ProgressBar(String label, long total) {
        this(label, total, System.err, System.console() != null);
    }

    public ProgressBar(String label, long total, PrintStream out, boolean interactive) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.interactive = interactive;
    }

    /** Advances by {@code n} units and shows {@code status} beside the bar. */
    @Override
    public synchronized void step(long n, String status) {
        done = Math.min(total, done + n);
        if (status != null) this.status = status;
        long now = System.nanoTime();
        int decile = (int) (10 * done / total);
        if (interactive ? (now - lastDraw > 100_000_000L || done == total) : decile != lastDecile) {
            lastDraw = now;
            lastDecile = decile;
            out.print((interactive ? "\r" : "") + render(now) + (interactive ? "\u001b[K" : "\n"));
            out.flush();
        }
    }

    String render(long now) {
        double frac = (double) done / total;
        int filled = (int) Math.round(frac * WIDTH);
        double elapsed = (now - start) / 1e9;
        String eta = done == 0 ? "?" : time(elapsed * (total - done) / done);
        return String.format(Locale.ROOT, "%-10s [%s%s] %3d%% %d/%d  %s elapsed, ETA %s  %s", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(frac * 100), done, total, time(elapsed), eta, status);
    }

    static String time(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }

    @Override
    public synchronized void close() {
        if (interactive) {
            out.println();
            out.flush();
        }
    }
}
