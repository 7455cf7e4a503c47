package org.pacificclimate.crmp.liquibase.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.ChangeGeneratorChain;
import liquibase.diff.output.changelog.ChangedObjectChangeGenerator;
import liquibase.diff.output.changelog.MissingObjectChangeGenerator;
import liquibase.diff.output.changelog.UnexpectedObjectChangeGenerator;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Table;
import liquibase.structure.core.View;

import org.pacificclimate.crmp.liquibase.diff.Ddl;

/**
 * Triggers: created or replaced with their definition as PostgreSQL renders it, then disabled (or set to fire on
 * replicas, or always) as they are; dropped if they exist; after their table and function, dropped before them.
 */
public final class TriggerChanges {

    private static final Map<String, String> ENABLE = Map.of("ORIGIN", "ENABLE", "DISABLED", "DISABLE",
            "REPLICA", "ENABLE REPLICA", "ALWAYS", "ENABLE ALWAYS");

    private TriggerChanges() {
    }

    static List<String> create(Trigger t, String definition, String enabled) {
        List<String> out = new ArrayList<>();
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("name", t.getName()).put("definition", definition);
        out.add(definition.startsWith("CREATE CONSTRAINT TRIGGER ") ? definition + ";" : Ddl.createTrigger(node));
        if (enabled != null && !"ORIGIN".equals(enabled)) {
            out.add(enable(t, enabled));
        }
        return out;
    }

    static String enable(Trigger t, String enabled) {
        return "ALTER TABLE " + Ddl.q(t.getTableName()) + " " + ENABLE.getOrDefault(enabled, "ENABLE") + " TRIGGER "
                + Ddl.id(t.getName()) + ";";
    }

    static String drop(Trigger t) {
        return Ddl.dropTrigger(t.getTableName(), JsonNodeFactory.instance.objectNode().put("name", t.getName()));
    }

    public static class Missing extends CatalogObjectChangeGenerator implements MissingObjectChangeGenerator {
        public Missing() {
            super(Trigger.class, types(Table.class, View.class, Function.class), null);
        }

        @Override
        public Change[] fixMissing(DatabaseObject object, DiffOutputControl control, Database reference,
                                   Database compared, ChangeGeneratorChain chain) {
            Trigger t = (Trigger) object;
            return one(t, true, control, compared, create(t, t.getDefinition(), t.getEnabled()), List.of(drop(t)));
        }
    }

    public static class Unexpected extends CatalogObjectChangeGenerator implements UnexpectedObjectChangeGenerator {
        public Unexpected() {
            super(Trigger.class, null, types(Table.class, View.class, Function.class));
        }

        @Override
        public Change[] fixUnexpected(DatabaseObject object, DiffOutputControl control, Database reference,
                                      Database compared, ChangeGeneratorChain chain) {
            Trigger t = (Trigger) object;
            return one(t, false, control, compared, List.of(drop(t)), create(t, t.getDefinition(), t.getEnabled()));
        }
    }

    public static class Changed extends CatalogObjectChangeGenerator implements ChangedObjectChangeGenerator {
        public Changed() {
            super(Trigger.class, types(Table.class, View.class, Function.class), null);
        }

        @Override
        public Change[] fixChanged(DatabaseObject object, ObjectDifferences differences, DiffOutputControl control,
                                   Database reference, Database compared, ChangeGeneratorChain chain) {
            Trigger t = (Trigger) object;
            String wasEnabled = was(differences, "enabled", t);
            if (!differences.isDifferent("definition")) {
                return one(t, true, control, compared, List.of(enable(t, t.getEnabled())),
                        List.of(enable(t, wasEnabled)));
            }
            List<String> up = new ArrayList<>(List.of(drop(t)));
            up.addAll(create(t, t.getDefinition(), t.getEnabled()));
            List<String> down = new ArrayList<>(List.of(drop(t)));
            down.addAll(create(t, was(differences, "definition", t), wasEnabled));
            return one(t, true, control, compared, up, down);
        }
    }
}
