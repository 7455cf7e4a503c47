package org.pacificclimate.crmp.model;

import java.util.List;

/**
 * A privilege granted on an object to a role other than its owner, as SQL writes it: {@code GRANT <privileges>
 * ON <object> TO <grantee>}.
 *
 * @param grantee    a role name
 * @param privileges {@code SELECT}, {@code ALL}, ... (PostgreSQL 15 shows {@code ALL} on a table as {@code arwdDxt})
 */
public record Grant(String grantee, String privileges) {

    /** PyCDS's standard grants: {@code inspector} and {@code viewer} may read, {@code steward} may do anything. */
    public static final List<Grant> STANDARD = List.of(
            new Grant("inspector", "SELECT"),
            new Grant("viewer", "SELECT"),
            new Grant("steward", "ALL"));

    public Grant {
        if (grantee == null || grantee.isBlank() || privileges == null || privileges.isBlank()) {
            throw new IllegalArgumentException("a grant needs a grantee and privileges");
        }
    }
}
