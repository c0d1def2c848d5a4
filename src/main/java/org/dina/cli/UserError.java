package org.dina.cli;

/**
 * A problem with what the user gave us (a file, a flag, a config): printed as one line, exit code 2, no stack trace.
 */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
