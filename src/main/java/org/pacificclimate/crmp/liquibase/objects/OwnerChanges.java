package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.ChangeGeneratorChain;
import liquibase.diff.output.changelog.ChangedObjectChangeGenerator;
import liquibase.diff.output.changelog.MissingObjectChangeGenerator;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Sequence;
import liquibase.structure.core.Table;
import liquibase.structure.core.View;

/**
 * Owners: {@code ALTER ... OWNER TO}, undone by the old owner. The owner of an object being created is set after it
 * (its rollback has nothing to undo: the object's own rollback drops it); an owner is never "dropped": an unexpected
 * owner belongs to an unexpected object, which its own type drops.
 */
public final class OwnerChanges {

    private OwnerChanges() {
    }

    static String alter(Owner o, String owner) {
        return "ALTER " + o.getObjectType() + " " + Sql.object(o.getName()) + " OWNER TO " + Sql.role(owner) + ";";
    }

    public static class Missing extends CatalogObjectChangeGenerator implements MissingObjectChangeGenerator {
        public Missing() {
            super(Owner.class, types(Table.class, View.class, Sequence.class, Function.class, MaterializedView.class),
                    types(Grant.class));
        }

        @Override
        public Change[] fixMissing(DatabaseObject object, DiffOutputControl control, Database reference,
                                   Database compared, ChangeGeneratorChain chain) {
            Owner o = (Owner) object;
            return one(o, true, control, compared, List.of(alter(o, o.getOwner())), List.of());
        }
    }

    public static class Changed extends CatalogObjectChangeGenerator implements ChangedObjectChangeGenerator {
        public Changed() {
            super(Owner.class, types(Table.class, View.class, Sequence.class, Function.class, MaterializedView.class),
                    types(Grant.class));
        }

        @Override
        public Change[] fixChanged(DatabaseObject object, ObjectDifferences differences, DiffOutputControl control,
                                   Database reference, Database compared, ChangeGeneratorChain chain) {
            Owner o = (Owner) object;
            return one(o, true, control, compared, List.of(alter(o, o.getOwner())),
                    List.of(alter(o, was(differences, "owner", o))));
        }
    }
}
