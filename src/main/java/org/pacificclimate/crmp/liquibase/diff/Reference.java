package org.pacificclimate.crmp.liquibase.diff;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** What the live schema is compared with: a schema that holds the reference (usually the model's shadow schema). */
public interface Reference {

    /**
     * Makes the reference schema available on {@code connection}, inside the caller's transaction (which the diff
     * rolls back), and returns its name.
     *
     * @param suRole the elevated role, for what the reference creates under it
     */
    String build(Connection connection, String suRole) throws SQLException;

    /** The body file of the reference's version of a function, view or materialized view. */
    Optional<String> body(Bodies.Kind kind, String name);

    /** An existing schema as the reference, e.g. one migrated by the changelog; its bodies as given. */
    static Reference existingSchema(String schema, java.util.function.BiFunction<Bodies.Kind, String, Optional<String>> bodies) {
        return new Reference() {
            @Override
            public String build(Connection connection, String suRole) {
                return schema;
            }

            @Override
            public Optional<String> body(Bodies.Kind kind, String name) {
                return bodies.apply(kind, name);
            }
        };
    }
}
