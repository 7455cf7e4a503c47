package org.pacificclimate.crmp.reliability;

import java.sql.SQLException;
import java.util.List;

import org.pacificclimate.crmp.catalog.CatalogDumper;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * What a refused run must leave exactly as it was: the schema's catalog, the changelog table's rows (or its absence)
 * and the rows of every table of the schema.
 */
record DatabaseState(String catalog, List<List<String>> changelog, List<String> contents) {

    static DatabaseState of(TestDatabase db) throws SQLException {
        boolean hasChangelog = "t".equals(db.value("SELECT to_regclass('crmp.databasechangelog') IS NOT NULL"));
        List<List<String>> changelog = hasChangelog
                ? db.rows("SELECT id, tag, orderexecuted::text FROM crmp.databasechangelog ORDER BY orderexecuted")
                : List.of(List.of("no changelog table"));
        return new DatabaseState(CatalogDumper.toJson(db.catalog("crmp")), changelog, contents(db));
    }

    /** "table: md5 of its rows", for every table of schema crmp (the changelog tables included). */
    static List<String> contents(TestDatabase db) throws SQLException {
        return db.column("""
                SELECT c.relname || ': ' || (xpath('/row/md5/text()', query_to_xml(format(
                    'SELECT md5(coalesce(string_agg(t::text, ''|'' ORDER BY t::text), '''')) FROM %I.%I t',
                    n.nspname, c.relname), false, true, '')))[1]::text
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'crmp' AND c.relkind = 'r'
                  AND c.relname NOT IN ('databasechangelog', 'databasechangeloglock')
                ORDER BY c.relname
                """);
    }
}
