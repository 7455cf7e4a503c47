package org.pacificclimate.crmp.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the resolved schema(s) and elevated role, one {@code key=value} per line, for scripts that must use the
 * same defaults and rules as the migrations ({@code scripts/create-database.sh}):
 * <pre>java -cp target/classes org.pacificclimate.crmp.config.ShowSettings [--schema NAME]... [--su-role NAME]</pre>
 * Values given as arguments take precedence over {@code PYCDS_SCHEMA_NAME} / {@code PYCDS_SU_ROLE_NAME}, which take
 * precedence over the defaults. A bad name prints one line on standard error and exits with 2.
 */
public final class ShowSettings {

    private ShowSettings() {
    }

    public static void main(String[] args) {
        List<String> schemas = new ArrayList<>();
        Map<String, String> commandLine = new HashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--schema" -> schemas.add(require(args[i], value));
                    case "--su-role" -> commandLine.put(Parameter.SU_ROLE_NAME.key(), require(args[i], value));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (--schema NAME, --su-role NAME)");
                }
                i++;
            }
            List<String> resolvedSchemas = new ArrayList<>();
            String suRole = null;
            for (String schema : schemas.isEmpty() ? List.<String>of() : schemas) {
                Map<String, String> one = new HashMap<>(commandLine);
                one.put(Parameter.SCHEMA_NAME.key(), schema);
                Settings settings = ConfigResolver.forProcess(one, null).resolve(Optional.empty());
                resolvedSchemas.add(settings.schemaName());
                suRole = settings.suRoleName();
            }
            if (schemas.isEmpty()) {
                Settings settings = ConfigResolver.forProcess(commandLine, null).resolve(Optional.empty());
                resolvedSchemas.add(settings.schemaName());
                suRole = settings.suRoleName();
            }
            for (String schema : resolvedSchemas) {
                System.out.println(Parameter.SCHEMA_NAME.key() + "=" + schema);
            }
            System.out.println(Parameter.SU_ROLE_NAME.key() + "=" + suRole);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
