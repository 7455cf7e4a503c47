package org.pacificclimate.crmp.model;

import java.util.List;

import jakarta.persistence.Table;

/**
 * A view or materialized view of the head schema. Its definition is its current body file under
 * {@code changelog/objects/views/} or {@code changelog/objects/matviews/} (a {@code CREATE OR REPLACE VIEW} or
 * {@code CREATE MATERIALIZED VIEW IF NOT EXISTS ... WITH DATA} statement of the changelogs); its entity maps its
 * columns read-only.
 *
 * @param entity       the read-only entity mapping its columns
 * @param materialized whether it is a materialized view
 * @param version      the revision that introduced the current version of the body file
 * @param owner        its owner
 * @param grants       privileges of other roles on it
 * @param indexes      its indexes (materialized views only)
 */
public record ViewDef(Class<?> entity, boolean materialized, String version, Owner owner, List<Grant> grants,
                      List<IndexDef> indexes) {

    public ViewDef {
        if (entity.getAnnotation(Table.class) == null) {
            throw new IllegalArgumentException(entity.getName() + " has no @Table");
        }
        if (!materialized && !indexes.isEmpty()) {
            throw new IllegalArgumentException("a view has no indexes: " + entity.getName());
        }
        grants = List.copyOf(grants);
        indexes = List.copyOf(indexes);
    }

    /** The view's name, from the entity's {@code @Table}. */
    public String name() {
        return entity.getAnnotation(Table.class).name();
    }

    /** The classpath (and repository) path of the current body file. */
    public String bodyFile() {
        return "changelog/objects/" + (materialized ? "matviews" : "views") + "/" + name() + "/" + version + ".sql";
    }
}
