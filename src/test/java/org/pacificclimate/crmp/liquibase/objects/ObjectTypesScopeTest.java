package org.pacificclimate.crmp.liquibase.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import liquibase.Scope;
import liquibase.change.core.EmptyChange;
import liquibase.database.core.H2Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.diff.compare.DatabaseObjectComparator;
import liquibase.diff.output.changelog.ChangeGenerator;
import liquibase.snapshot.SnapshotGenerator;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import liquibase.structure.core.DatabaseObjectFactory;
import liquibase.structure.core.Schema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The object types' scope, without a database: registered for every user of the jar, they act on PostgreSQL only,
 * and only when opted in; the default snapshot types follow the opt-in. And the SQL they write.
 */
@Tag("fast")
class ObjectTypesScopeTest {

    private static final PostgresDatabase POSTGRES = new PostgresDatabase();
    private static final H2Database H2 = new H2Database();

    @Test
    void everyGeneratorDeclinesWithoutTheOptInAndOnOtherDatabases() throws Exception {
        assertEquals(6, ours(SnapshotGenerator.class).size());
        assertEquals(18, ours(ChangeGenerator.class).size());
        for (Class<? extends DatabaseObject> type : typesAndColumn()) {
            for (SnapshotGenerator g : ours(SnapshotGenerator.class)) {
                assertEquals(SnapshotGenerator.PRIORITY_NONE, g.getPriority(type, POSTGRES), g + " " + type);
                assertEquals(SnapshotGenerator.PRIORITY_NONE, optedIn(() -> g.getPriority(type, H2)), g + " " + type);
            }
            for (ChangeGenerator g : ours(ChangeGenerator.class)) {
                assertEquals(ChangeGenerator.PRIORITY_NONE, g.getPriority(type, POSTGRES), g + " " + type);
                assertEquals(ChangeGenerator.PRIORITY_NONE, optedIn(() -> g.getPriority(type, H2)), g + " " + type);
            }
        }
    }

    @Test
    void optedInEachTypeHasItsSnapshotGeneratorComparatorAndChangeGeneratorsOnPostgres() throws Exception {
        for (Class<? extends DatabaseObject> type : typesAndColumn()) {
            long snapshot = optedIn(() -> ours(SnapshotGenerator.class).stream()
                    .filter(g -> g.getPriority(type, POSTGRES) == SnapshotGenerator.PRIORITY_DEFAULT).count());
            assertEquals(type == Column.class ? 0 : 1, snapshot, type.toString());
            long changes = optedIn(() -> ours(ChangeGenerator.class).stream()
                    .filter(g -> g.getPriority(type, POSTGRES) == ChangeGenerator.PRIORITY_DATABASE).count());
            assertEquals(type == Column.class ? 1 : type == Owner.class ? 2 : 3, changes, type.toString());
            long comparators = ours(DatabaseObjectComparator.class).stream()
                    .filter(c -> c.getPriority(type, POSTGRES) > 0).count();
            assertEquals(type == Column.class ? 0 : 1, comparators, type.toString());
        }
        long schemaAdders = optedIn(() -> ours(SnapshotGenerator.class).stream()
                .filter(g -> g.getPriority(Schema.class, POSTGRES) == SnapshotGenerator.PRIORITY_ADDITIONAL).count());
        assertEquals(6, schemaAdders);
    }

    @Test
    void theDefaultSnapshotTypesHoldTheseTypesOnlyWhileOptedIn() throws Exception {
        ObjectTypes.refreshStandardTypes();
        assertFalse(DatabaseObjectFactory.getInstance().getStandardTypes().contains(Function.class));
        assertTrue(ObjectTypes.optedIn(() -> DatabaseObjectFactory.getInstance().getStandardTypes()
                .containsAll(ObjectTypes.TYPES)));
        List<Class<? extends DatabaseObject>> after = new ArrayList<>(DatabaseObjectFactory.getInstance()
                .getStandardTypes());
        assertTrue(ObjectTypes.TYPES.stream().noneMatch(after::contains), after.toString());
    }

    @Test
    void theOptInIsAScopeValueOrASystemProperty() throws Exception {
        assertFalse(ObjectTypes.enabled());
        assertTrue(Scope.child(Map.of(ObjectTypes.KEY, "true"), ObjectTypes::enabled));
        System.setProperty(ObjectTypes.KEY, "true");
        try {
            assertTrue(ObjectTypes.enabled());
            assertTrue(ObjectTypes.activeFor(POSTGRES));
            assertFalse(ObjectTypes.activeFor(H2));
        } finally {
            System.clearProperty(ObjectTypes.KEY);
        }
        assertFalse(ObjectTypes.enabled());
    }

    @Test
    void grantsAndGrantOptionsAreGrantedAndRevokedLetterByLetter() {
        assertEquals(List.of("GRANT INSERT ON TABLE ${schemaName}.t TO viewer;",
                        "GRANT UPDATE ON TABLE ${schemaName}.t TO viewer WITH GRANT OPTION;"),
                Sql.grantChanges("TABLE", "t", "viewer", "r", "raw*"));
        assertEquals(List.of("REVOKE DELETE ON TABLE ${schemaName}.t FROM \"Some Role\";",
                        "REVOKE GRANT OPTION FOR SELECT ON TABLE ${schemaName}.t FROM \"Some Role\";"),
                Sql.grantChanges("TABLE", "t", "Some Role", "r*d", "r"));
        assertEquals(List.of("REVOKE EXECUTE ON FUNCTION ${schemaName}.f(x ${schemaName}.t) FROM PUBLIC;"),
                Sql.grantChanges("FUNCTION", "f(x ${schemaName}.t)", "PUBLIC", "X", ""));
    }

    @Test
    void theSchemaTokenBecomesTheTargetSchemaAsALiteralAndAsAnIdentifier() {
        assertEquals("SELECT 'Other Schema', \"Other Schema\".t, ix_crmp_x",
                Sql.render("SELECT '${schemaName}', ${schemaName}.t, ix_crmp_x", "Other Schema"));
        assertEquals("crmp.t", Sql.render("${schemaName}.t", "crmp"));
        assertEquals("${schemaName}.t", Sql.render("${schemaName}.t", "${schemaName}"));
    }

    @Test
    void theChangeIsUndoneByItsRollbackSqlOrByNothing() throws Exception {
        ObjectSqlChange change = new ObjectSqlChange("CREATE x;", "DROP x;");
        assertTrue(change.supportsRollback(POSTGRES));
        assertEquals("DROP x;", ((liquibase.statement.core.RawSqlStatement) change.generateRollbackStatements(POSTGRES)[0])
                .getSql());
        assertFalse(new ObjectSqlChange("CREATE x;", null).supportsRollback(POSTGRES));
        ObjectSqlChange nothing = new ObjectSqlChange("ALTER x OWNER TO y;", "");
        assertTrue(nothing.supportsRollback(POSTGRES));
        assertEquals(0, nothing.generateRollbackStatements(POSTGRES).length);
        assertInstanceOf(EmptyChange.class, nothingInverse(nothing));
    }

    private static Object nothingInverse(ObjectSqlChange change) throws Exception {
        var method = ObjectSqlChange.class.getDeclaredMethod("createInverses");
        method.setAccessible(true);
        return ((Object[]) method.invoke(change))[0];
    }

    private static List<Class<? extends DatabaseObject>> typesAndColumn() {
        List<Class<? extends DatabaseObject>> out = new ArrayList<>(ObjectTypes.TYPES);
        out.add(Column.class);
        return out;
    }

    private static <T> List<T> ours(Class<T> service) {
        return Scope.getCurrentScope().getServiceLocator().findInstances(service).stream()
                .filter(s -> s.getClass().getName().startsWith(ObjectTypes.class.getPackageName())).toList();
    }

    private static <T> T optedIn(Scope.ScopedRunnerWithReturn<T> runner) throws Exception {
        return Scope.child(Map.of(ObjectTypes.KEY, true), runner);
    }

}
