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
import liquibase.structure.core.Sequence;
import liquibase.structure.core.Table;
import liquibase.structure.core.View;

/**
 * Functions and procedures: created and replaced with their whole definition as PostgreSQL renders it
 * ({@code CREATE OR REPLACE FUNCTION ...}), dropped and re-created when their result or arguments change (which
 * {@code CREATE OR REPLACE} refuses); after tables, before views, materialized views, triggers and checks that call
 * them; dropped after those.
 */
public final class FunctionChanges {

    private FunctionChanges() {
    }

    static String create(String definition) {
        String text = definition.strip();
        return text.endsWith(";") ? text : text + ";";
    }

    static String drop(Function f) {
        return "DROP " + f.getKind().toUpperCase() + " IF EXISTS " + Sql.object(f.getName()) + ";";
    }

    public static class Missing extends CatalogObjectChangeGenerator implements MissingObjectChangeGenerator {
        public Missing() {
            super(Function.class, types(Table.class, Column.class, Sequence.class),
                    types(View.class, MaterializedView.class, Trigger.class, CheckConstraint.class));
        }

        @Override
        public Change[] fixMissing(DatabaseObject object, DiffOutputControl control, Database reference,
                                   Database compared, ChangeGeneratorChain chain) {
            Function f = (Function) object;
            return one(f, true, control, compared, List.of(create(f.getDefinition())), List.of(drop(f)));
        }
    }

    public static class Unexpected extends CatalogObjectChangeGenerator implements UnexpectedObjectChangeGenerator {
        public Unexpected() {
            super(Function.class, types(View.class, MaterializedView.class, Trigger.class, CheckConstraint.class),
                    null);
        }

        @Override
        public Change[] fixUnexpected(DatabaseObject object, DiffOutputControl control, Database reference,
                                      Database compared, ChangeGeneratorChain chain) {
            Function f = (Function) object;
            return one(f, false, control, compared, List.of(drop(f)), List.of(create(f.getDefinition())));
        }
    }

    public static class Changed extends CatalogObjectChangeGenerator implements ChangedObjectChangeGenerator {
        public Changed() {
            super(Function.class, types(Table.class, Column.class, Sequence.class),
                    types(View.class, MaterializedView.class, Trigger.class, CheckConstraint.class));
        }

        @Override
        public Change[] fixChanged(DatabaseObject object, ObjectDifferences differences, DiffOutputControl control,
                                   Database reference, Database compared, ChangeGeneratorChain chain) {
            Function f = (Function) object;
            String now = create(f.getDefinition());
            String before = create(was(differences, "definition", f));
            if (differences.isDifferent("result") || differences.isDifferent("arguments")) {
                return one(f, true, control, compared, List.of(drop(f), now), List.of(drop(f), before));
            }
            return one(f, true, control, compared, List.of(now), List.of(before));
        }
    }
}
