package org.pacificclimate.crmp.cli;

/** A failure the launcher itself detects, with the exit code it ends with and the one line it prints. */
final class CommandFailure extends RuntimeException {

    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
