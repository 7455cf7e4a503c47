package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

/**
 * A materialized view: its query as {@code pg_get_viewdef} renders it and its indexes as {@code pg_get_indexdef} renders
 * them (compared), and what a re-creation must give back (not compared here: the {@link Owner} and {@link Grant} types
 * compare them): whether it is populated, its owner and its grants.
 */
public class MaterializedView extends CatalogObject {

    public String getDefinition() {
        return text("definition");
    }

    public MaterializedView setDefinition(String definition) {
        setAttribute("definition", definition);
        return this;
    }

    /** {@code CREATE [UNIQUE] INDEX ...} of each index, by index name. */
    @SuppressWarnings("unchecked")
    public List<String> getIndexes() {
        return getAttribute("indexes", List.class);
    }

    public MaterializedView setIndexes(List<String> indexes) {
        setAttribute("indexes", indexes);
        return this;
    }

    public Boolean getPopulated() {
        return getAttribute("populated", Boolean.class);
    }

    public MaterializedView setPopulated(Boolean populated) {
        setAttribute("populated", populated);
        return this;
    }

    public String getOwner() {
        return text("owner");
    }

    public MaterializedView setOwner(String owner) {
        setAttribute("owner", owner);
        return this;
    }

    /** {@code grantee=privileges} (aclitem letters), the owner's own entry left out. */
    @SuppressWarnings("unchecked")
    public List<String> getGrants() {
        return getAttribute("grants", List.class);
    }

    public MaterializedView setGrants(List<String> grants) {
        setAttribute("grants", grants);
        return this;
    }

    @Override
    public String identity() {
        return getName();
    }

    @Override
    public List<String> comparedAttributes() {
        return List.of("definition", "indexes");
    }
}
