package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

import liquibase.structure.AbstractDatabaseObject;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Schema;

/**
 * What the types of this package share: a schema, a name, attributes as PostgreSQL renders them (the schema written
 * {@code ${schemaName}}, so that objects of two schemas compare), an identity within the schema, and the attributes
 * whose difference is a difference.
 */
public abstract class CatalogObject extends AbstractDatabaseObject {

    /** Set on objects read in full while the schema is read; the snapshot then takes them as they are. */
    static final String COMPLETE = "crmp-complete";

    @Override
    public DatabaseObject[] getContainingObjects() {
        return getSchema() == null ? null : new DatabaseObject[] {getSchema()};
    }

    @Override
    public String getName() {
        return getAttribute("name", String.class);
    }

    @Override
    public CatalogObject setName(String name) {
        setAttribute("name", name);
        return this;
    }

    @Override
    public Schema getSchema() {
        return getAttribute("schema", Schema.class);
    }

    public CatalogObject setSchema(Schema schema) {
        setAttribute("schema", schema);
        return this;
    }

    /** In Liquibase's default snapshot types only when opted in ({@link ObjectTypes}). */
    @Override
    public boolean snapshotByDefault() {
        return ObjectTypes.enabled();
    }

    /** Who this object is within its schema, whatever the schema's name: the comparator's hash and identity. */
    public abstract String identity();

    /** The attributes compared; a difference in any of them makes the object changed. */
    public abstract List<String> comparedAttributes();

    String text(String attribute) {
        return getAttribute(attribute, String.class);
    }

    @Override
    public String toString() {
        return identity();
    }
}
