package org.pacificclimate.crmp.cli;

import java.util.ArrayList;
import java.util.List;

import org.pacificclimate.crmp.config.ConfigResolver;
import org.pacificclimate.crmp.config.LockSettings;
import org.pacificclimate.crmp.config.Parameter;

/**
 * The launcher's commands as Maven goals ({@code mvn exec:java@autogenerate -P<label> -Dpycds.message="..."},
 * {@code mvn exec:java@check -P<label>}): Maven's way of naming the database (the label profile, or
 * {@code -Dliquibase.url} / {@code -Dliquibase.username}) and the parameters ({@code -Dpycds.schemaName},
 * {@code -Dpycds.suRoleName}) become the launcher's {@code -x} options, then the command runs as {@code ./crmp} runs
 * it. A failure fails the build with the launcher's one-line message.
 */
public final class MavenLaunch {

    private MavenLaunch() {
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>();
        for (String profile : ConfigResolver.mavenProfiles(System.getProperty("pycds.requestedProfiles"))) {
            arguments.add("-x");
            arguments.add(Crmp.DB + "=" + profile);
        }
        option(arguments, "liquibase.url", "url");
        option(arguments, "liquibase.username", "user");
        for (Parameter parameter : Parameter.values()) {
            option(arguments, parameter.systemProperty(), parameter.key());
        }
        for (LockSettings.Key key : LockSettings.Key.values()) {
            option(arguments, key.systemProperty(), key.key());
        }
        for (String argument : args) {
            // exec passes a property the user did not give as null, or as its own ${...} expression
            if (argument == null || argument.startsWith("${") && argument.endsWith("}")) {
                throw new IllegalArgumentException("-Dpycds.message=\"...\" is needed: what the revision does, one "
                        + "line. Nothing was changed.");
            }
            arguments.add(argument);
        }
        int code = Crmp.run(Launch.ofProcess(System.out, System.err), arguments.toArray(String[]::new));
        if (code != ExitCode.OK) {
            throw new IllegalStateException("crmp " + String.join(" ", args) + " exited with " + code
                    + " (see the message above)");
        }
    }

    private static void option(List<String> arguments, String property, String key) {
        String value = System.getProperty(property);
        if (value != null && !value.isBlank() && !value.startsWith("${")) {
            arguments.add("-x");
            arguments.add(key + "=" + value);
        }
    }
}
