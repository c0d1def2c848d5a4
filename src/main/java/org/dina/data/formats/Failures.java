package org.dina.data.formats;

import java.io.EOFException;

/** Turns a library's exception into the short reason a one-line message needs. */
final class Failures {
    private Failures() {}

    /** A reason stated by us wins; a premature end means truncation; else the exception's class and message. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SizeClaimException) return t.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EOFException) return "truncated: " + t.getMessage();
        }
        if (e instanceof OutOfMemoryError) return "it asks for more memory than there is (a corrupt size?)";
        if (e instanceof StackOverflowError) return "nested too deeply (corrupt structure?)";
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + NpyHeader.abbreviate(m) + ")");
    }

    /** Raised inside a library callback when a file claims more data than it can hold. */
    static final class SizeClaimException extends RuntimeException {
        SizeClaimException(String message) {
            super(message, null, false, false);
        }
    }
}
