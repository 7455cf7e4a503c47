package org.pacificclimate.crmp.model;

import java.util.List;

import jakarta.persistence.Table;

/**
 * What the head schema holds for a table besides its entity: the name of its primary key constraint (JPA cannot
 * name one), its owner and grants, and any index {@code @Index} cannot express.
 *
 * @param entity         the entity class mapping the table: columns, keys, constraints and plain indexes
 * @param primaryKeyName the primary key constraint's name ({@code <table>_pkey} unless history made it otherwise)
 * @param owner          the table's owner (its sequences, indexes and constraints go with it)
 * @param grants         privileges of other roles on the table
 * @param indexes        indexes beyond the entity's {@code @Index} list (none at head)
 */
public record TableDef(Class<?> entity, String primaryKeyName, Owner owner, List<Grant> grants,
                       List<IndexDef> indexes) {

    public TableDef {
        if (entity.getAnnotation(Table.class) == null) {
            throw new IllegalArgumentException(entity.getName() + " has no @Table");
        }
        grants = List.copyOf(grants);
        indexes = List.copyOf(indexes);
    }

    /** The table's name, from the entity's {@code @Table}. */
    public String name() {
        return entity.getAnnotation(Table.class).name();
    }
}
