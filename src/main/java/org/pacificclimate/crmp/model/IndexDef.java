package org.pacificclimate.crmp.model;

import java.util.List;

/**
 * An index that {@code @Index} of an entity cannot declare: one on a materialized view (no JPA table), or one with
 * a method other than btree, expression keys or a predicate (a partial index). Rendered as
 * {@code CREATE [UNIQUE] INDEX <name> ON <schema>.<table> USING <method> (<keys>) [WHERE <predicate>]}.
 *
 * @param table     the table or materialized view
 * @param name      the index
 * @param unique    whether it is unique
 * @param method    the access method ({@code btree}, {@code gist}, ...)
 * @param keys      the key columns or parenthesised expressions, in order, as SQL
 * @param predicate the {@code WHERE} condition of a partial index, or {@code null}
 */
public record IndexDef(String table, String name, boolean unique, String method, List<String> keys, String predicate) {

    public IndexDef {
        keys = List.copyOf(keys);
    }

    /** A btree index on columns, as PostgreSQL creates by default. */
    public static IndexDef btree(String table, String name, String... columns) {
        return new IndexDef(table, name, false, "btree", List.of(columns), null);
    }

    /** A unique btree index on columns. */
    public static IndexDef uniqueBtree(String table, String name, String... columns) {
        return new IndexDef(table, name, true, "btree", List.of(columns), null);
    }
}
