package org.pacificclimate.crmp.liquibase.objects;

import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.ChangeGeneratorChain;
import liquibase.diff.output.changelog.ChangedObjectChangeGenerator;
import liquibase.diff.output.changelog.MissingObjectChangeGenerator;
import liquibase.diff.output.changelog.UnexpectedObjectChangeGenerator;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Sequence;
import liquibase.structure.core.Table;
import liquibase.structure.core.View;

/**
 * Grants: {@code GRANT} what the grantee lacks, {@code REVOKE} what it should not hold (grant options too), each undone
 * by the opposite; after the objects and their owners, revoked before an object is dropped.
 */
public final class GrantChanges {

    private GrantChanges() {
    }

    static Change[] change(Grant g, boolean fromReference, DiffOutputControl control, Database compared, String from,
                           String to) {
        return CatalogObjectChangeGenerator.one(g, fromReference, control, compared,
                Sql.grantChanges(g.getObjectType(), g.getObjectName(), g.getGrantee(), from, to),
                Sql.grantChanges(g.getObjectType(), g.getObjectName(), g.getGrantee(), to, from));
    }

    public static class Missing extends CatalogObjectChangeGenerator implements MissingObjectChangeGenerator {
        public Missing() {
            super(Grant.class, types(Table.class, View.class, Sequence.class, Function.class, MaterializedView.class,
                    Owner.class), null);
        }

        @Override
        public Change[] fixMissing(DatabaseObject object, DiffOutputControl control, Database reference,
                                   Database compared, ChangeGeneratorChain chain) {
            Grant g = (Grant) object;
            return change(g, true, control, compared, "", g.getPrivileges());
        }
    }

    public static class Unexpected extends CatalogObjectChangeGenerator implements UnexpectedObjectChangeGenerator {
        public Unexpected() {
            super(Grant.class, null, types(Table.class, View.class, Sequence.class, Function.class,
                    MaterializedView.class));
        }

        @Override
        public Change[] fixUnexpected(DatabaseObject object, DiffOutputControl control, Database reference,
                                      Database compared, ChangeGeneratorChain chain) {
            Grant g = (Grant) object;
            return change(g, false, control, compared, g.getPrivileges(), "");
        }
    }

    public static class Changed extends CatalogObjectChangeGenerator implements ChangedObjectChangeGenerator {
        public Changed() {
            super(Grant.class, types(Table.class, View.class, Sequence.class, Function.class, MaterializedView.class,
                    Owner.class), null);
        }

        @Override
        public Change[] fixChanged(DatabaseObject object, ObjectDifferences differences, DiffOutputControl control,
                                   Database reference, Database compared, ChangeGeneratorChain chain) {
            Grant g = (Grant) object;
            return change(g, true, control, compared, was(differences, "privileges", g), g.getPrivileges());
        }
    }
}
