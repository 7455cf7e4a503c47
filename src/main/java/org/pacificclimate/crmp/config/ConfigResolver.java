package org.pacificclimate.crmp.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one place where settings are resolved: the database label to its URL and login role, the schema, the elevated
 * role. Precedence, for every value: <b>command line &gt; environment &gt; {@code environments/<label>.properties}
 * &gt; defaults</b>. The Maven goals, the Java API, the launcher and the tests all come through here.
 *
 * <p>A label is the name of a file {@code environments/<label>.properties} holding {@value #URL} and
 * {@value #USERNAME} and, optionally, {@code schemaName} and {@code suRoleName}; never a password. Every refusal is an
 * {@link IllegalArgumentException} with a one-line message that ends "Nothing was changed."
 */
public final class ConfigResolver {

    public static final String URL = "url";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final String NOTHING_CHANGED = " Nothing was changed.";

    private final Map<String, String> commandLine;
    private final Map<String, String> environment;
    private final Path environments;

    /**
     * @param commandLine  values given on the command line, by key ({@value #URL}, {@value #USERNAME},
     *                     {@code schemaName}, {@code suRoleName}); blank values count as not given
     * @param environment  the process environment ({@code PYCDS_SCHEMA_NAME}, {@code PYCDS_SU_ROLE_NAME})
     * @param environments the directory of the label files
     */
    public ConfigResolver(Map<String, String> commandLine, Map<String, String> environment, Path environments) {
        this.commandLine = nonBlank(commandLine);
        this.environment = nonBlank(environment);
        this.environments = environments;
    }

    /** A resolver for this process: the given command-line values, {@link System#getenv()}, {@code environments}. */
    public static ConfigResolver forProcess(Map<String, String> commandLine, Path environments) {
        return new ConfigResolver(commandLine, System.getenv(), environments);
    }

    /** The labels: the names of {@code environments/*.properties} (hidden files are not labels). */
    public SortedSet<String> labels() {
        SortedSet<String> labels = new TreeSet<>();
        if (environments != null && Files.isDirectory(environments)) {
            try (Stream<Path> files = Files.list(environments)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".properties") && !n.startsWith("."))
                        .forEach(n -> labels.add(n.substring(0, n.length() - ".properties".length())));
            } catch (IOException e) {
                throw new IllegalArgumentException("Could not list " + environments + ": " + e.getMessage() + "."
                        + NOTHING_CHANGED, e);
            }
        }
        return labels;
    }

    /**
     * Resolves the settings for the labels the user asked for (Maven's active profiles, the launcher's
     * {@code -x db=}); at most one of them may be a label.
     *
     * @param requested  names the user gave; those that are not labels are ignored when they are in {@code notLabels}
     * @param notLabels  names that may be requested but are not database labels (other Maven profiles)
     */
    public Settings resolve(List<String> requested, Set<String> notLabels) {
        SortedSet<String> known = labels();
        List<String> unknown = new ArrayList<>();
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : requested) {
            if (notLabels.contains(name)) {
                continue;
            }
            if (known.contains(name)) {
                chosen.add(name);
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown database label" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "))
                    + ". Known labels: " + String.join(", ", known) + " (environments/<label>.properties)."
                    + NOTHING_CHANGED);
        }
        if (chosen.size() > 1) {
            throw new IllegalArgumentException("Two database labels chosen (" + String.join(", ", chosen)
                    + "): choose one." + NOTHING_CHANGED);
        }
        return resolve(chosen.stream().findFirst());
    }

    /** Resolves the settings with the given label, or without one. */
    public Settings resolve(Optional<String> label) {
        Map<String, String> fromLabel = label.map(this::readLabel).orElse(Map.of());
        String labelSource = label.map(l -> "environments/" + l + ".properties").orElse("");
        Map<String, String> sources = new HashMap<>();

        Optional<String> url = first(sources, URL, commandLine.get(URL), "command line", fromLabel.get(URL), labelSource);
        Optional<String> username = first(sources, USERNAME, commandLine.get(USERNAME), "command line",
                fromLabel.get(USERNAME), labelSource);
        String[] values = new String[Parameter.values().length];
        for (Parameter parameter : Parameter.values()) {
            String key = parameter.key();
            String value;
            if (commandLine.containsKey(key)) {
                value = commandLine.get(key);
                sources.put(key, "command line");
            } else if (environment.containsKey(parameter.environmentVariable())) {
                value = environment.get(parameter.environmentVariable());
                sources.put(key, parameter.environmentVariable());
            } else if (fromLabel.containsKey(key)) {
                value = fromLabel.get(key);
                sources.put(key, labelSource);
            } else {
                value = parameter.defaultValue();
                sources.put(key, "default");
            }
            try {
                values[parameter.ordinal()] = parameter.validate(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + NOTHING_CHANGED, e);
            }
        }
        LockSettings locks = resolveLocks(fromLabel, labelSource, sources);
        return new Settings(label, url, username, values[Parameter.SCHEMA_NAME.ordinal()],
                values[Parameter.SU_ROLE_NAME.ordinal()], Map.copyOf(sources), locks);
    }

    /** The lock settings ({@link LockSettings.Key}), by the same precedence as every other setting. */
    private LockSettings resolveLocks(Map<String, String> fromLabel, String labelSource, Map<String, String> sources) {
        Map<LockSettings.Key, String> values = new EnumMap<>(LockSettings.Key.class);
        Map<String, String> lockSources = new HashMap<>();
        for (LockSettings.Key key : LockSettings.Key.values()) {
            String source;
            String value;
            if (commandLine.containsKey(key.key())) {
                value = commandLine.get(key.key());
                source = "command line";
            } else if (environment.containsKey(key.environmentVariable())) {
                value = environment.get(key.environmentVariable());
                source = key.environmentVariable();
            } else if (fromLabel.containsKey(key.key())) {
                value = fromLabel.get(key.key());
                source = labelSource;
            } else {
                value = key.defaultValue();
                source = "default";
            }
            values.put(key, value);
            lockSources.put(key.key(), source);
        }
        sources.putAll(lockSources);
        try {
            return LockSettings.of(values, lockSources);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + NOTHING_CHANGED, e);
        }
    }

    private static Optional<String> first(Map<String, String> sources, String key, String primary, String primarySource,
                                          String secondary, String secondarySource) {
        if (primary != null) {
            sources.put(key, primarySource);
            return Optional.of(primary);
        }
        if (secondary != null) {
            sources.put(key, secondarySource);
            return Optional.of(secondary);
        }
        return Optional.empty();
    }

    private Map<String, String> readLabel(String label) {
        SortedSet<String> known = labels();
        if (!LABEL.matcher(label).matches() || !known.contains(label)) {
            throw new IllegalArgumentException("Unknown database label '" + label + "'. Known labels: "
                    + String.join(", ", known) + " (environments/<label>.properties)." + NOTHING_CHANGED);
        }
        Path file = environments.resolve(label + ".properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read " + file + ": " + e.getMessage() + "." + NOTHING_CHANGED, e);
        }
        Set<String> allowed = new LinkedHashSet<>(List.of(URL, USERNAME));
        for (Parameter parameter : Parameter.values()) {
            allowed.add(parameter.key());
        }
        for (LockSettings.Key key : LockSettings.Key.values()) {
            allowed.add(key.key());
        }
        Map<String, String> values = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.equals(PASSWORD)) {
                throw new IllegalArgumentException("environments/" + label + ".properties holds a password: remove it "
                        + "and use ~/.pgpass or PGPASSWORD." + NOTHING_CHANGED);
            }
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("environments/" + label + ".properties: unknown setting '" + key
                        + "' (known: " + String.join(", ", allowed) + ")." + NOTHING_CHANGED);
            }
            String value = properties.getProperty(key).strip();
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * The names in Maven's list of requested profiles ({@code ${session.request.activeProfiles}}, as text:
     * {@code "[dev, !foo]"}); deactivations ({@code !foo}, {@code -foo}) and optional ones ({@code ?foo}) are not
     * requests for a label.
     */
    public static List<String> mavenProfiles(String requested) {
        List<String> names = new ArrayList<>();
        if (requested == null) {
            return names;
        }
        for (String profile : requested.replaceAll("[\\[\\]]", "").split("[,\\s]+")) {
            if (profile.isEmpty() || profile.startsWith("!") || profile.startsWith("-") || profile.startsWith("?")) {
                continue;
            }
            names.add(profile.startsWith("+") ? profile.substring(1) : profile);
        }
        return names;
    }

    private static Map<String, String> nonBlank(Map<String, String> values) {
        Map<String, String> out = new HashMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                if (v != null && !v.isBlank() && !v.strip().startsWith("${")) {
                    out.put(k, v.strip());
                }
            });
        }
        return out;
    }
}
