package org.pacificclimate.crmp.revisions;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Catalog look-ups shared by the tests of the matview revisions (96729d6db8b3 onwards): kind of a relation,
 * whether it is populated, its columns, its indexes, its owner, its grants (owner excluded); and two migration
 * steps for tests that migrate to a revision given by id.
 */
final class MatviewChecks {

    /** What the standard privilege specification grants (inspector SELECT, viewer SELECT, steward ALL). */
    static final List<String> STANDARD_GRANTS = List.of("inspector: SELECT",
            "steward: DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE", "viewer: SELECT");

    private MatviewChecks() {
    }

    /** pg_class.relkind of {@code crmp.<name>} ("r" table, "v" view, "m" matview), empty if there is none. */
    static Optional<String> relkind(TestDatabase db, String name) throws SQLException {
        return db.column("SELECT relkind::text FROM pg_class WHERE oid = to_regclass('crmp." + name + "')")
                .stream().findFirst();
    }

    static boolean populated(TestDatabase db, String name) throws SQLException {
        return Boolean.parseBoolean(db.value("SELECT relispopulated::text FROM pg_class WHERE oid = 'crmp." + name + "'::regclass"));
    }

    /** "name: definition" of every index on {@code crmp.<name>}, by name. */
    static List<String> indexes(TestDatabase db, String name) throws SQLException {
        return db.column("SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'crmp'"
                + " AND tablename = '" + name + "' ORDER BY indexname");
    }

    /** "role: PRIVILEGE,..." for every role other than the owner that holds a privilege on {@code crmp.<name>}. */
    static List<String> grants(TestDatabase db, String name) throws SQLException {
        return db.column("SELECT r.rolname || ': ' || string_agg(a.privilege_type, ',' ORDER BY a.privilege_type)"
                + " FROM pg_class c CROSS JOIN aclexplode(c.relacl) AS a JOIN pg_roles r ON r.oid = a.grantee"
                + " WHERE c.oid = 'crmp." + name + "'::regclass AND a.grantee <> c.relowner"
                + " GROUP BY r.rolname ORDER BY r.rolname");
    }

    /** Owner (role name) of {@code crmp.<name>}. */
    static String owner(TestDatabase db, String name) throws SQLException {
        return db.value("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'crmp." + name + "'::regclass");
    }

    /** Column names of {@code crmp.<name>} in order, each with its type. */
    static List<String> columns(TestDatabase db, String name) throws SQLException {
        return db.column("SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'crmp." + name + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
    }
}
