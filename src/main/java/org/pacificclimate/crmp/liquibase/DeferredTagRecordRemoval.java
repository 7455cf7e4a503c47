package org.pacificclimate.crmp.liquibase;

import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;
import liquibase.statement.core.RemoveChangeSetRanStatusStatement;

/**
 * Liquibase's removal of a changeset's row from the changelog table, made a no-op for the tag changeset of a revision
 * while {@link AtomicRevisionRollback} defers it to the revision's own rollback transaction; every other removal is
 * Liquibase's own (the next generator of the chain).
 */
public class DeferredTagRecordRemoval extends AbstractSqlGenerator<RemoveChangeSetRanStatusStatement> {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 10;
    }

    @Override
    public ValidationErrors validate(RemoveChangeSetRanStatusStatement statement, Database database,
                                     SqlGeneratorChain<RemoveChangeSetRanStatusStatement> chain) {
        return chain.validate(statement, database);
    }

    @Override
    public Sql[] generateSql(RemoveChangeSetRanStatusStatement statement, Database database,
                             SqlGeneratorChain<RemoveChangeSetRanStatusStatement> chain) {
        if (AtomicRevisionRollback.isDeferred(statement.getChangeSet())) {
            return new Sql[0];
        }
        return chain.generateSql(statement, database);
    }
}
