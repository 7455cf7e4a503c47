package org.pacificclimate.crmp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

import org.pacificclimate.crmp.liquibase.PackagedChangelogAccessor;
import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.OfflineScript;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.migration.RevisionSpec;

/**
 * {@code upgrade|downgrade [START:]END --sql [--output FILE]}: the range resolved without a database (a relative end
 * counts from the start), the script made by {@link OfflineScript}, written to standard output or, complete, to FILE.
 */
final class OfflineRun {

    private final PlanCommand command;
    private final Settings settings;
    private final Path output;

    OfflineRun(PlanCommand command, Settings settings, Path output) {
        this.command = command;
        this.settings = settings;
        this.output = output;
    }

    int run(String spec, boolean up) throws MigrationException {
        RevisionChain chain = command.chain();
        int[] range = range(spec, chain, up);
        int from = range[0];
        int to = range[1];
        String name = up ? "upgrade" : "downgrade";
        if (from == to) {
            throw new CommandFailure(ExitCode.BAD_INPUT, "'" + spec + "' is an empty range (" + describe(chain, from)
                    + " to itself): no script to write. Nothing was changed.");
        }
        if (up && from > to || !up && from < to) {
            throw new CommandFailure(ExitCode.BAD_INPUT, "'" + spec + "' goes from " + describe(chain, from) + " "
                    + (up ? "down" : "up") + " to " + describe(chain, to) + ": use " + (up ? "downgrade" : "upgrade")
                    + " for that. Nothing was changed.");
        }
        OfflineScript offline = new OfflineScript(settings, resources(), chain);
        String script = up ? offline.upgrade(from, to) : offline.downgrade(from, to);
        int count = Math.abs(to - from);
        if (output == null) {
            command.out().print(script);
            command.out().flush();
        } else {
            write(script);
            command.out().println("Wrote the " + name + " script of schema " + settings.schemaName() + " from "
                    + describe(chain, from) + " to " + describe(chain, to) + ", " + count + " revision"
                    + (count == 1 ? "" : "s") + ", to " + output + ".");
        }
        return ExitCode.OK;
    }

    /** {@code [START:]END} as positions; START defaults to base (up) or head (down). */
    static int[] range(String spec, RevisionChain chain, boolean up) {
        String text = spec == null ? "" : spec.strip();
        int colon = text.indexOf(':');
        String start = colon < 0 ? "" : text.substring(0, colon).strip();
        String end = colon < 0 ? text : text.substring(colon + 1).strip();
        int from;
        if (start.isEmpty()) {
            from = up ? 0 : chain.size();
        } else {
            if (RevisionSpec.needsCurrent(start)) {
                throw new CommandFailure(ExitCode.BAD_INPUT, "'" + start + "' counts from the database's current "
                        + "revision, which --sql does not read: give the start as a revision (START:END). Nothing "
                        + "was changed.");
            }
            from = RevisionSpec.resolve(start, chain, Optional.empty());
        }
        int to = end.isEmpty() ? (up ? chain.size() : 0) : RevisionSpec.resolve(end, chain, Optional.of(from));
        return new int[] {from, to};
    }

    private ResourceAccessor resources() {
        Optional<Path> from = command.crmp.launch.changelogsFrom();
        if (from.isEmpty()) {
            return new PackagedChangelogAccessor(OfflineRun.class.getClassLoader());
        }
        try {
            return new DirectoryResourceAccessor(from.get().toFile());
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure(ExitCode.BAD_INPUT, "Cannot read changelogs from " + from.get() + ": "
                    + e.getMessage() + " Nothing was changed.");
        }
    }

    /** The whole script or nothing: written beside FILE, then moved onto it. */
    private void write(String script) {
        Path target = output.toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            Files.writeString(partial, script, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing more to do
            }
            throw new CommandFailure(ExitCode.BAD_INPUT, "Cannot write " + output + ": " + e.getMessage()
                    + ". Nothing was changed.");
        }
    }

    private static String describe(RevisionChain chain, int position) {
        return position == 0 ? "base" : chain.number(position).id();
    }
}
