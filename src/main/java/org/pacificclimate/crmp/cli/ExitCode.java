package org.pacificclimate.crmp.cli;

import org.pacificclimate.crmp.migration.Migrations.Failure;

/** The launcher's exit codes: each failure kind its own, so that scripts can tell them apart. */
public final class ExitCode {

    public static final int OK = 0;
    /** A revision failed (nothing of it kept; those before it stay), or the database is not ready for it. */
    public static final int FAILED = 1;
    /** Bad input, refused before anything ran: usage, an unknown label or revision, an invalid name. */
    public static final int BAD_INPUT = 2;
    /** The database cannot be reached, does not exist, or refused the login. */
    public static final int UNREACHABLE = 3;
    /** The migration lock was not obtained: another migration holds it. */
    public static final int LOCKED = 4;

    private ExitCode() {
    }

    static int of(Failure failure) {
        return switch (failure) {
            case BAD_INPUT -> BAD_INPUT;
            case UNREACHABLE -> UNREACHABLE;
            case FAILED -> FAILED;
            case LOCKED -> LOCKED;
        };
    }
}
