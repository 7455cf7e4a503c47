package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

/** A trigger of a table or view: its definition as {@code pg_get_triggerdef} renders it, and whether it fires. */
public class Trigger extends CatalogObject {

    public String getTableName() {
        return text("tableName");
    }

    public Trigger setTableName(String table) {
        setAttribute("tableName", table);
        return this;
    }

    public String getDefinition() {
        return text("definition");
    }

    public Trigger setDefinition(String definition) {
        setAttribute("definition", definition);
        return this;
    }

    /** {@code ORIGIN} (the default), {@code DISABLED}, {@code REPLICA} or {@code ALWAYS} ({@code tgenabled}). */
    public String getEnabled() {
        return text("enabled");
    }

    public Trigger setEnabled(String enabled) {
        setAttribute("enabled", enabled);
        return this;
    }

    @Override
    public String identity() {
        return getTableName() + "." + getName();
    }

    @Override
    public List<String> comparedAttributes() {
        return List.of("definition", "enabled");
    }

    @Override
    public String toString() {
        return getName() + " on " + getTableName();
    }
}
