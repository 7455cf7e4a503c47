package org.pacificclimate.crmp.liquibase;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

/**
 * One line per revision applied or rolled back: id, message, elapsed time. A revision's tag changeset is
 * bookkeeping and gets no line of its own.
 */
final class RevisionProgress extends AbstractChangeExecListener {

    private static final Pattern REVISION_ID = Pattern.compile("[0-9a-f]{12}");

    private final Consumer<String> output;
    private final Map<String, Long> started = new HashMap<>();

    RevisionProgress(Consumer<String> output) {
        this.output = output;
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                        ChangeSet.RunStatus runStatus) {
        start(changeSet);
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                    ChangeSet.ExecType execType) {
        if (execType == ChangeSet.ExecType.EXECUTED || execType == ChangeSet.ExecType.RERAN) {
            report("applied    ", changeSet);
        }
    }

    @Override
    public void willRollback(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database) {
        start(changeSet);
    }

    @Override
    public void rolledBack(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database) {
        report("rolled back", changeSet);
    }

    private void start(ChangeSet changeSet) {
        if (REVISION_ID.matcher(changeSet.getId()).matches()) {
            started.put(changeSet.getId(), System.nanoTime());
        }
    }

    private void report(String what, ChangeSet changeSet) {
        Long start = started.remove(changeSet.getId());
        if (start == null) {
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String message = changeSet.getComments() == null ? "" : changeSet.getComments().strip();
        output.accept(String.format(Locale.ROOT, "%s %s  %s  (%.1f s)", what, changeSet.getId(), message, seconds));
    }
}
