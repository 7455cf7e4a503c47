package org.pacificclimate.crmp.cli;

import java.util.LinkedHashMap;
import java.util.Map;

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
    /** {@code check}: the model and the database differ. */
    public static final int DIFFERENT = 5;

    /** What {@code --help} says of each code (every command's help lists them). */
    static final Map<String, String> HELP = help();

    private static Map<String, String> help() {
        Map<String, String> help = new LinkedHashMap<>();
        help.put(" " + OK, "done");
        help.put(" " + FAILED, "a revision failed (nothing of it kept, those before it stay applied), or the database "
                + "is not ready for the changelogs (a prerequisite or privilege missing, or the schema not as its "
                + "recorded revision left it; nothing changed)");
        help.put(" " + BAD_INPUT, "bad input, refused before anything ran: usage, an unknown label, an unknown or "
                + "ambiguous revision, an invalid schema or role name");
        help.put(" " + UNREACHABLE, "the database cannot be reached, does not exist, or refused the login (password)");
        help.put(" " + LOCKED, "the migration lock was not obtained (another migration holds it)");
        help.put(" " + DIFFERENT, "check: the model and the database differ");
        return java.util.Collections.unmodifiableMap(help);
    }

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
