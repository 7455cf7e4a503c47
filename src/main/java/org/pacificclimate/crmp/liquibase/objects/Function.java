package org.pacificclimate.crmp.liquibase.objects;

import java.util.List;

/**
 * A function or procedure, named by its signature {@code name(identity arguments)}: its whole definition as
 * {@code pg_get_functiondef} renders it (language, volatility, strictness, security, settings, body), and apart its
 * result and arguments, whose change needs a drop before the re-creation.
 */
public class Function extends CatalogObject {

    public String getFunctionName() {
        return text("functionName");
    }

    public Function setFunctionName(String name) {
        setAttribute("functionName", name);
        return this;
    }

    /** {@code function} or {@code procedure}. */
    public String getKind() {
        return text("kind");
    }

    public Function setKind(String kind) {
        setAttribute("kind", kind);
        return this;
    }

    /** {@code pg_get_function_identity_arguments}. */
    public String getIdentityArguments() {
        return text("identityArguments");
    }

    public Function setIdentityArguments(String arguments) {
        setAttribute("identityArguments", arguments);
        return this;
    }

    /** {@code pg_get_function_arguments}: names, modes and defaults. */
    public String getArguments() {
        return text("arguments");
    }

    public Function setArguments(String arguments) {
        setAttribute("arguments", arguments);
        return this;
    }

    /** {@code pg_get_function_result}. */
    public String getResult() {
        return text("result");
    }

    public Function setResult(String result) {
        setAttribute("result", result);
        return this;
    }

    public String getLanguage() {
        return text("language");
    }

    public Function setLanguage(String language) {
        setAttribute("language", language);
        return this;
    }

    /** {@code CREATE OR REPLACE FUNCTION ...}, trailing blanks of the body's lines removed. */
    public String getDefinition() {
        return text("definition");
    }

    public Function setDefinition(String definition) {
        setAttribute("definition", definition);
        return this;
    }

    @Override
    public String identity() {
        return getName();
    }

    @Override
    public List<String> comparedAttributes() {
        return List.of("definition", "result", "arguments");
    }
}
