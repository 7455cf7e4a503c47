package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

/**
 * The privileges one grantee holds on one table, view, materialized view, sequence, function or procedure, as the
 * object's aclitems write them ({@code arwdDxt}, {@code *} after a privilege held with grant option); the owner's own
 * entry is not a grant. Named {@code object:grantee}; the grantee {@code PUBLIC} is everyone.
 */
public class Grant extends CatalogObject {

    /** {@code TABLE} (also views and materialized views), {@code SEQUENCE}, {@code FUNCTION} or {@code PROCEDURE}. */
    public String getObjectType() {
        return text("objectType");
    }

    public Grant setObjectType(String type) {
        setAttribute("objectType", type);
        return this;
    }

    /** The relation's name, or a routine's {@code name(identity arguments)}. */
    public String getObjectName() {
        return text("objectName");
    }

    public Grant setObjectName(String name) {
        setAttribute("objectName", name);
        return this;
    }

    public String getGrantee() {
        return text("grantee");
    }

    public Grant setGrantee(String grantee) {
        setAttribute("grantee", grantee);
        return this;
    }

    public String getPrivileges() {
        return text("privileges");
    }

    public Grant setPrivileges(String privileges) {
        setAttribute("privileges", privileges);
        return this;
    }

    @Override
    public String identity() {
        return getName();
    }

    @Override
    public List<String> comparedAttributes() {
        return List.of("privileges");
    }

    @Override
    public String toString() {
        return getGrantee() + " on " + getObjectName();
    }
}
