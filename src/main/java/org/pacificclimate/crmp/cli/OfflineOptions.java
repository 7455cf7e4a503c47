package org.pacificclimate.crmp.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --sql} and {@code --output}: Alembic's offline mode, for upgrade and downgrade. */
final class OfflineOptions {

    @Option(names = "--sql", description = {"Write the SQL script instead of running it; no database is contacted. "
            + "REVISION may be a range START:END (Alembic's): the script takes the schema from START to END. Without "
            + "a start, an upgrade starts at base and a downgrade at head.",
        "Each revision is one transaction in the script (BEGIN ... COMMIT) that first checks the schema is at the "
            + "revision it starts from; run it with psql -v ON_ERROR_STOP=1 (with or without --single-transaction)."})
    boolean sql;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "With --sql: write the script to FILE (replaced only once complete) instead of standard "
                    + "output.")
    Path output;
}
