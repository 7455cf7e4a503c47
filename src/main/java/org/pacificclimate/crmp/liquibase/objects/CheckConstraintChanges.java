package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.ChangeGeneratorChain;
import liquibase.diff.output.changelog.ChangedObjectChangeGenerator;
import liquibase.diff.output.changelog.MissingObjectChangeGenerator;
import liquibase.diff.output.changelog.UnexpectedObjectChangeGenerator;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import liquibase.structure.core.Table;

import org.pacificclimate.crmp.liquibase.diff.Ddl;

/**
 * Check constraints: added unless one of that name exists, dropped if it exists, changed by a drop and an add;
 * after tables, columns and the functions a check may call; dropped before them.
 */
public final class CheckConstraintChanges {

    private CheckConstraintChanges() {
    }

    static String add(CheckConstraint c, String definition) {
        return Ddl.addConstraint(c.getTableName(), c.getName(), definition);
    }

    static String drop(CheckConstraint c) {
        return Ddl.dropConstraint(c.getTableName(), c.getName());
    }

    public static class Missing extends CatalogObjectChangeGenerator implements MissingObjectChangeGenerator {
        public Missing() {
            super(CheckConstraint.class, types(Table.class, Column.class, Function.class), null);
        }

        @Override
        public Change[] fixMissing(DatabaseObject object, DiffOutputControl control, Database reference,
                                   Database compared, ChangeGeneratorChain chain) {
            CheckConstraint c = (CheckConstraint) object;
            return one(c, true, control, compared, List.of(add(c, c.getDefinition())), List.of(drop(c)));
        }
    }

    public static class Unexpected extends CatalogObjectChangeGenerator implements UnexpectedObjectChangeGenerator {
        public Unexpected() {
            super(CheckConstraint.class, null, types(Table.class, Column.class, Function.class));
        }

        @Override
        public Change[] fixUnexpected(DatabaseObject object, DiffOutputControl control, Database reference,
                                      Database compared, ChangeGeneratorChain chain) {
            CheckConstraint c = (CheckConstraint) object;
            return one(c, false, control, compared, List.of(drop(c)), List.of(add(c, c.getDefinition())));
        }
    }

    public static class Changed extends CatalogObjectChangeGenerator implements ChangedObjectChangeGenerator {
        public Changed() {
            super(CheckConstraint.class, types(Table.class, Column.class, Function.class), null);
        }

        @Override
        public Change[] fixChanged(DatabaseObject object, ObjectDifferences differences, DiffOutputControl control,
                                   Database reference, Database compared, ChangeGeneratorChain chain) {
            CheckConstraint c = (CheckConstraint) object;
            return one(c, true, control, compared, List.of(drop(c), add(c, c.getDefinition())),
                    List.of(drop(c), add(c, was(differences, "definition", c))));
        }
    }
}
