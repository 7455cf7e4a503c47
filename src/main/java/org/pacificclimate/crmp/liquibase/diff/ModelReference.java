package org.pacificclimate.crmp.liquibase.diff;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;

import org.pacificclimate.crmp.model.FunctionDef;
import org.pacificclimate.crmp.model.HeadSchema;
import org.pacificclimate.crmp.model.ViewDef;

/**
 * The model as the diff's reference: a shadow schema built from it ({@link ModelSchema}) inside the diff's
 * transaction, which rolls it back; the bodies are the versions the registry ({@link HeadSchema}) names.
 */
public final class ModelReference implements Reference {

    /** The version name of a body file that no revision has run yet; autogenerate names it after its revision. */
    public static final String DRAFT = "next";

    @Override
    public String build(Connection connection, String suRole) throws SQLException {
        byte[] bytes = new byte[5];
        new SecureRandom().nextBytes(bytes);
        String shadow = "crmp_model_" + HexFormat.of().formatHex(bytes);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + shadow);
        }
        ModelSchema.build(connection, shadow, suRole);
        return shadow;
    }

    @Override
    public Optional<String> body(Bodies.Kind kind, String name) {
        return switch (kind) {
            case FUNCTION -> HeadSchema.FUNCTIONS.stream().filter(f -> f.name().equals(name)).findFirst()
                    .map(FunctionDef::version).map(v -> "objects/functions/" + name + "/" + v + ".sql");
            case VIEW, MATVIEW -> HeadSchema.VIEWS_AND_MATERIALIZED_VIEWS.stream()
                    .filter(v -> v.name().equals(name) && v.materialized() == (kind == Bodies.Kind.MATVIEW))
                    .findFirst().map(ViewDef::bodyFile).map(path -> path.substring("changelog/".length()));
            case TABLE -> Optional.empty();
        };
    }
}
