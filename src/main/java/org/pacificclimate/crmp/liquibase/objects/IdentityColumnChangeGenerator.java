package org.pacificclimate.crmp.liquibase.objects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.diff.Difference;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.core.ChangedColumnChangeGenerator;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;

import org.pacificclimate.crmp.liquibase.diff.Ddl;

/**
 * Liquibase's changed-column generator with identity columns handled as PostgreSQL has them. Liquibase 4.33's column
 * comparator records an identity that comes or goes as the difference {@code autoIncrement}, while its generator looks
 * for {@code autoIncrementInformation}: a dropped identity yields no change, and an added one, were it seen, would be
 * {@code addAutoIncrement}, which makes a serial-style sequence and default. Here, on PostgreSQL and opted in
 * ({@link ObjectTypes}), ahead of Liquibase's generator, everything else as Liquibase does it:
 * <ul>
 *   <li>an identity to add: {@code ALTER TABLE ... ALTER COLUMN ... ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY}
 *       (the kind the reference column has), its sequence then set past the column's largest value;</li>
 *   <li>an identity to drop: {@code ... DROP IDENTITY IF EXISTS};</li>
 * </ul>
 * each undone by the other. A reference column that is auto-increment without being an identity (a serial) is left
 * to Liquibase, as before.
 */
public class IdentityColumnChangeGenerator extends ChangedColumnChangeGenerator {

    @Override
    public int getPriority(Class<? extends DatabaseObject> objectType, Database database) {
        return objectType != null && Column.class.isAssignableFrom(objectType) && ObjectTypes.activeFor(database)
                ? PRIORITY_DATABASE : PRIORITY_NONE;
    }

    @Override
    protected void handleAutoIncrementDifferences(Column column, ObjectDifferences differences,
                                                  DiffOutputControl control, List<Change> changes,
                                                  Database referenceDatabase, Database comparisonDatabase) {
        Difference difference = differences.getDifference("autoIncrement");
        if (difference == null) {
            difference = differences.getDifference("autoIncrementInformation");
        }
        if (difference == null) {
            return;
        }
        Object wanted = difference.getReferenceValue();
        boolean identityWanted = wanted != null && !Boolean.FALSE.equals(wanted);
        String table = column.getRelation().getName();
        String name = column.getName();
        String schema = Sql.targetSchema(column.getRelation(), true, control, comparisonDatabase);
        if (identityWanted) {
            String kind = identityKind(referenceDatabase, column.getRelation().getSchema().getName(), table, name);
            if (kind == null) {
                Scope.getCurrentScope().getLog(getClass()).info("Column " + table + "." + name
                        + " is auto-increment without being an identity: left to Liquibase");
                super.handleAutoIncrementDifferences(column, differences, control, changes, referenceDatabase,
                        comparisonDatabase);
                return;
            }
            changes.add(Sql.change(schema, List.of(Ddl.identityChange(table, name, "", kind), restart(table, name)),
                    List.of(Ddl.identityChange(table, name, kind, ""))));
        } else {
            String kind = identityKind(comparisonDatabase,
                    Sql.comparisonSchema(column.getRelation(), true, control, comparisonDatabase), table, name);
            changes.add(Sql.change(schema, List.of(Ddl.identityChange(table, name, "BY DEFAULT", "")),
                    List.of(Ddl.identityChange(table, name, "", kind == null ? "BY DEFAULT" : kind),
                            restart(table, name))));
        }
    }

    /** Sets the identity's sequence past the largest value the column holds. */
    static String restart(String table, String column) {
        return "SELECT setval(pg_get_serial_sequence('" + Ddl.q(table) + "', '" + column.replace("'", "''")
                + "'), COALESCE(max(" + Ddl.id(column) + "), 0) + 1, false) FROM " + Ddl.q(table) + ";";
    }

    /** {@code ALWAYS}, {@code BY DEFAULT}, or null when the column is no identity (or cannot be read). */
    static String identityKind(Database database, String schema, String table, String column) {
        if (!(database.getConnection() instanceof JdbcConnection jdbc) || schema == null) {
            return null;
        }
        Connection connection = jdbc.getUnderlyingConnection();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attidentity::text FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = pg_catalog.to_regclass(pg_catalog.format('%I.%I', ?, ?))
                   AND a.attname = ? AND NOT a.attisdropped""")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            statement.setString(3, column);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return switch (String.valueOf(rs.getString(1))) {
                    case "a" -> "ALWAYS";
                    case "d" -> "BY DEFAULT";
                    default -> null;
                };
            }
        } catch (SQLException e) {
            Scope.getCurrentScope().getLog(IdentityColumnChangeGenerator.class)
                    .info("Could not read the identity of " + table + "." + column + ": " + e.getMessage());
            return null;
        }
    }
}
