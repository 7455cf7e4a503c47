package org.pacificclimate.crmp.model;

/**
 * Who owns an object of the head schema. PyCDS creates some objects under the elevated role (every plpython3u
 * function, which only a superuser may create, and the objects of the revisions that elevate as a whole); the
 * changelogs do the same with {@code SET LOCAL ROLE ${suRoleName}} (docs/changelog-conventions.md, "Elevated steps").
 */
public enum Owner {
    /** The login role that runs the migrations: the owner of everything not created elevated. */
    LOGIN_ROLE,
    /** The elevated role ({@code ${suRoleName}}, default {@code pcicdba}). */
    ELEVATED_ROLE
}
