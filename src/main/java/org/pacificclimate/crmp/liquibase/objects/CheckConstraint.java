package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

/** A table's check constraint: its table and its definition as {@code pg_get_constraintdef} renders it. */
public class CheckConstraint extends CatalogObject {

    public String getTableName() {
        return text("tableName");
    }

    public CheckConstraint setTableName(String table) {
        setAttribute("tableName", table);
        return this;
    }

    /** {@code CHECK (...)}, with {@code NOT VALID} / {@code NO INHERIT} when so. */
    public String getDefinition() {
        return text("definition");
    }

    public CheckConstraint setDefinition(String definition) {
        setAttribute("definition", definition);
        return this;
    }

    @Override
    public String identity() {
        return getTableName() + "." + getName();
    }

    @Override
    public List<String> comparedAttributes() {
        return List.of("definition");
    }

    @Override
    public String toString() {
        return getName() + " on " + getTableName();
    }
}
