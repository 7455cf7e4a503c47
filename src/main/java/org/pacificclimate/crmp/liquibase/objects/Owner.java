package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

/**
 * Who owns a table, view, materialized view, sequence (one not owned by a column, which follows its table), function or
 * procedure. Named after the object (a routine by {@code name(identity arguments)}).
 */
public class Owner extends CatalogObject {

    /** The keyword of {@code ALTER ... OWNER TO}: {@code TABLE}, {@code VIEW}, {@code MATERIALIZED VIEW}, ... */
    public String getObjectType() {
        return text("objectType");
    }

    public Owner setObjectType(String type) {
        setAttribute("objectType", type);
        return this;
    }

    public String getOwner() {
        return text("owner");
    }

    public Owner setOwner(String owner) {
        setAttribute("owner", owner);
        return this;
    }

    @Override
    public String identity() {
        return getName();
    }

    @Override
    public List<String> comparedAttributes() {
        return List.of("owner");
    }

    @Override
    public String toString() {
        return getName() + " owned by " + getOwner();
    }
}
