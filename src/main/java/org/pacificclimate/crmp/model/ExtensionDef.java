package org.pacificclimate.crmp.model;

/**
 * An extension the head schema's objects need. Extensions belong to the database, not to the schema: the model
 * names them so that a schema can be built where they are missing.
 *
 * @param name      the extension
 * @param schema    the schema its objects live in ({@code public}, which the model's texts name: {@code public.citext},
 *                  {@code public.geometry(Geometry,4326)}), or {@code null} for a procedural language, whose objects
 *                  live in {@code pg_catalog}
 * @param neededFor what in the head schema uses it
 */
public record ExtensionDef(String name, String schema, String neededFor) {
}
