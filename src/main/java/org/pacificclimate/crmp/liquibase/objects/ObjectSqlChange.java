package org.pacificclimate.crmp.liquibase.objects;

import liquibase.change.AbstractChange;
import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.change.core.EmptyChange;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;

/**
 * The change the object types generate: SQL for PostgreSQL, run as one statement string in the changeset's
 * transaction, and the SQL that undoes it, which is its rollback ({@code rollbackSql: ""} undoes nothing: an owner set
 * on an object the same rollback drops). In a changelog:
 * <pre>
 * - crmpObjectSql:
 *     sql: CREATE OR REPLACE FUNCTION crmp.f() ...
 *     rollbackSql: DROP FUNCTION IF EXISTS crmp.f();
 * </pre>
 */
@DatabaseChange(name = ObjectSqlChange.NAME, description = "SQL that creates, changes or drops a PostgreSQL object "
        + "Liquibase OSS does not model, with the SQL that undoes it (crmp-schema)", priority = ChangeMetaData.PRIORITY_DEFAULT)
public class ObjectSqlChange extends AbstractChange {

    public static final String NAME = "crmpObjectSql";

    private String sql;
    private String rollbackSql;

    public ObjectSqlChange() {
    }

    public ObjectSqlChange(String sql, String rollbackSql) {
        this.sql = sql;
        this.rollbackSql = rollbackSql;
    }

    @DatabaseChangeProperty(description = "The SQL to run", requiredForDatabase = "all")
    public String getSql() {
        return sql;
    }

    public void setSql(String sql) {
        this.sql = sql;
    }

    @DatabaseChangeProperty(description = "The SQL that undoes it; empty: nothing to undo; absent: no rollback",
            requiredForDatabase = "none")
    public String getRollbackSql() {
        return rollbackSql;
    }

    public void setRollbackSql(String rollbackSql) {
        this.rollbackSql = rollbackSql;
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        if (sql == null || sql.isBlank()) {
            errors.addError("sql is required");
        }
        return errors;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        return new SqlStatement[] {new RawSqlStatement(sql)};
    }

    @Override
    protected Change[] createInverses() {
        if (rollbackSql == null) {
            return null;
        }
        if (rollbackSql.isBlank()) {
            return new Change[] {new EmptyChange()};
        }
        return new Change[] {new ObjectSqlChange(rollbackSql, sql)};
    }

    @Override
    public String getConfirmationMessage() {
        String first = sql == null ? "" : sql.strip().lines().findFirst().orElse("");
        return "Ran " + (first.length() > 80 ? first.substring(0, 80) + "..." : first);
    }
}
