package org.pacificclimate.crmp.liquibase.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

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
import liquibase.structure.core.View;

import org.pacificclimate.crmp.liquibase.diff.Ddl;

/**
 * Materialized views: created from their query as PostgreSQL renders it, {@code WITH DATA} when populated, with their
 * indexes; a changed query drops and re-creates the view with its indexes, owner and grants (what reads it must be
 * dropped first: the drop does not cascade); changed indexes alone are dropped and created. After tables, views and
 * functions; dropped before them.
 */
public final class MaterializedViewChanges {

    private static final Pattern INDEX_NAME = Pattern.compile("^CREATE (?:UNIQUE )?INDEX (\\S+) ON ");

    private MaterializedViewChanges() {
    }

    static List<String> create(MaterializedView m, String definition, List<String> indexes, Boolean populated,
                               String owner, List<String> grants) {
        List<String> out = new ArrayList<>();
        out.add("CREATE MATERIALIZED VIEW IF NOT EXISTS " + Ddl.q(m.getName()) + " AS\n"
                + Ddl.stripSemicolon(definition) + "\nWITH " + (Boolean.FALSE.equals(populated) ? "NO DATA" : "DATA")
                + ";");
        for (String index : indexes == null ? List.<String>of() : indexes) {
            out.add(Ddl.createIndex(JsonNodeFactory.instance.objectNode().put("definition", index)));
        }
        if (owner != null) {
            out.add("ALTER MATERIALIZED VIEW " + Ddl.q(m.getName()) + " OWNER TO " + Sql.role(owner) + ";");
        }
        for (String grant : grants == null ? List.<String>of() : grants) {
            int equals = grant.lastIndexOf('=');
            out.addAll(Sql.grantChanges("TABLE", m.getName(), grant.substring(0, equals), "",
                    grant.substring(equals + 1)));
        }
        return out;
    }

    static List<String> create(MaterializedView m, boolean withOwnerAndGrants) {
        return create(m, m.getDefinition(), m.getIndexes(), m.getPopulated(), withOwnerAndGrants ? m.getOwner() : null,
                withOwnerAndGrants ? m.getGrants() : null);
    }

    static String drop(MaterializedView m) {
        return "DROP MATERIALIZED VIEW IF EXISTS " + Ddl.q(m.getName()) + ";";
    }

    /** Drops the indexes of {@code from} that {@code to} lacks, then creates those {@code from} lacks. */
    static List<String> indexChanges(List<String> from, List<String> to) {
        List<String> out = new ArrayList<>();
        for (String index : from) {
            if (!to.contains(index)) {
                Matcher name = INDEX_NAME.matcher(index);
                if (name.find()) {
                    out.add("DROP INDEX IF EXISTS " + CatalogReader.TOKEN + "." + name.group(1) + ";");
                }
            }
        }
        for (String index : to) {
            if (!from.contains(index)) {
                out.add(Ddl.createIndex(JsonNodeFactory.instance.objectNode().put("definition", index)));
            }
        }
        return out;
    }

    public static class Missing extends CatalogObjectChangeGenerator implements MissingObjectChangeGenerator {
        public Missing() {
            super(MaterializedView.class, types(Table.class, Column.class, View.class, Function.class),
                    types(Owner.class, Grant.class));
        }

        @Override
        public Change[] fixMissing(DatabaseObject object, DiffOutputControl control, Database reference,
                                   Database compared, ChangeGeneratorChain chain) {
            MaterializedView m = (MaterializedView) object;
            return one(m, true, control, compared, create(m, false), List.of(drop(m)));
        }
    }

    public static class Unexpected extends CatalogObjectChangeGenerator implements UnexpectedObjectChangeGenerator {
        public Unexpected() {
            super(MaterializedView.class, null, types(Table.class, Column.class, Function.class));
        }

        @Override
        public Change[] fixUnexpected(DatabaseObject object, DiffOutputControl control, Database reference,
                                      Database compared, ChangeGeneratorChain chain) {
            MaterializedView m = (MaterializedView) object;
            return one(m, false, control, compared, List.of(drop(m)), create(m, true));
        }
    }

    public static class Changed extends CatalogObjectChangeGenerator implements ChangedObjectChangeGenerator {
        public Changed() {
            super(MaterializedView.class, types(Table.class, Column.class, View.class, Function.class),
                    types(Owner.class, Grant.class));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Change[] fixChanged(DatabaseObject object, ObjectDifferences differences, DiffOutputControl control,
                                   Database reference, Database compared, ChangeGeneratorChain chain) {
            MaterializedView m = (MaterializedView) object;
            MaterializedView old = comparedObject(m, compared);
            List<String> oldIndexes = differences.isDifferent("indexes")
                    ? (List<String>) differences.getDifference("indexes").getComparedValue() : m.getIndexes();
            if (!differences.isDifferent("definition")) {
                return one(m, true, control, compared, indexChanges(oldIndexes, m.getIndexes()),
                        indexChanges(m.getIndexes(), oldIndexes));
            }
            List<String> up = new ArrayList<>(List.of(drop(m)));
            up.addAll(create(m, true));
            List<String> down = new ArrayList<>(List.of(drop(m)));
            down.addAll(old != null ? create(old, true) : create(m, was(differences, "definition", m), oldIndexes,
                    m.getPopulated(), m.getOwner(), m.getGrants()));
            return one(m, true, control, compared, up, down);
        }
    }
}
