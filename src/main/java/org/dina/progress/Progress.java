package org.dina.progress;

/**
 * How long-running core code (training, feature caching, the analyses, compare) reports what it has done. Core code
 * only starts tasks and steps them; what a step looks like is up to the installed {@link Renderer}: the command line
 * installs a progress bar on stderr, a library caller gets silence unless it installs one of its own.
 */
public final class Progress {
    /** One piece of long work with a known number of units. */
    public interface Task extends AutoCloseable {
        /** Advances by {@code units} and shows {@code status} beside the progress (null keeps the last one). */
        void step(long units, String status);

        default void step(String status) { step(1, status); }

        /** Ends the task; the renderer may finish its line. */
        @Override void close();
    }

    /** Turns tasks into something a person sees, and prints notes about the work. */
    public interface Renderer {
        Task start(String label, long total);

        /** A remark a person should read (a setting that cannot act, say); dropped when nobody renders. */
        default void note(String text) {}
    }

    private static final Task SILENT_TASK = new Task() {
        @Override public void step(long units, String status) {}
        @Override public void close() {}
    };

    /** Shows nothing: what a library caller gets by default. */
    public static final Renderer SILENT = (label, total) -> SILENT_TASK;

    private static volatile Renderer renderer = SILENT;

    private Progress() {}

    /** Starts a task with {@code total} units through the installed renderer. */
    public static Task start(String label, long total) { return renderer.start(label, total); }

    /** Passes a note to the installed renderer. */
    public static void note(String text) { renderer.note(text); }

    /** Installs the renderer every later task goes to (for the whole JVM; the command line calls this once). */
    public static void render(Renderer r) { renderer = r == null ? SILENT : r; }

    /** The renderer installed now. */
    public static Renderer renderer() { return renderer; }
}
