package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.testsupport.AlembicDatabases;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Every launcher command line shown in {@code docs/database-maintenance.md} ({@code ./crmp ...} in its {@code sh}
 * blocks, with the environment variables written in front of it), run in-process in the order of the guide against
 * test databases: each database the guide names (the repository's labels' databases, and those of its
 * {@code -x url=} lines) is a fresh database of the test cluster, prepared as {@code scripts/create-database.sh}
 * prepares one; the labels of a scratch project point at them, and the URLs are rewritten to them. The changelogs
 * are a scratch copy, where the guide's {@code revision -m} writes. A command expects exit code 0 unless its comment
 * says {@code # exit N}. A database whose name starts with {@value #ALEMBIC_PREFIX} is one PyCDS's Alembic built (at
 * revision {@value #ALEMBIC_REVISION}, {@link AlembicDatabases}), for the guide's {@code adopt}; a file named after
 * {@code -o} / {@code --output} is written to the test's temporary directory.
 */
class DatabaseMaintenanceGuideTest {

    private static final Path GUIDE = TestDatabases.projectFile("docs/database-maintenance.md");
    private static final Pattern DEV_CLUSTER_URL = Pattern.compile("jdbc:postgresql://localhost:30599/([a-z0-9_]+)");
    private static final Pattern EXPECTED_EXIT = Pattern.compile("exit (\\d)");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z_][A-Z0-9_]*)=(.*)");
    static final String ALEMBIC_PREFIX = "pcds_alembic";
    static final String ALEMBIC_REVISION = "081f17262852";

    @TempDir
    Path temporary;

    /** One command line of the guide. */
    record GuideCommand(int line, Map<String, String> environment, List<String> arguments, int expectedExit) {
        @Override
        public String toString() {
            return "docs/database-maintenance.md line " + line + ": " + environment + " ./crmp "
                    + String.join(" ", arguments);
        }
    }

    @Test
    @Tag("fast")
    void theGuideShowsEveryCommandOfTheLauncher() throws IOException {
        List<GuideCommand> commands = commands();
        Set<String> launcherCommands = Crmp.commandLine(silent()).getSubcommands().keySet();
        Set<String> shown = new TreeSet<>();
        for (GuideCommand command : commands) {
            command.arguments().stream().filter(launcherCommands::contains).findFirst().ifPresent(shown::add);
        }
        assertEquals(new TreeSet<>(launcherCommands), shown, "every command of the launcher is in the guide");
        assertTrue(commands.stream().anyMatch(c -> !c.environment().isEmpty()), "environment variables in front");
        assertTrue(commands.stream().anyMatch(c -> c.expectedExit() != 0), "refusals");
    }

    @Test
    void everyLauncherCommandOfTheGuideRunsAsTheGuideSays() throws IOException {
        List<GuideCommand> commands = commands();
        Map<String, TestDatabase> databases = new LinkedHashMap<>();
        Launcher launcher = Launcher.inScratchProject(temporary);
        try {
            for (Map.Entry<String, Properties> label : repositoryLabels().entrySet()) {
                Matcher url = DEV_CLUSTER_URL.matcher(label.getValue().getProperty("url"));
                assertTrue(url.matches(), "label " + label.getKey() + " is on the development cluster");
                TestDatabase db = databases.computeIfAbsent(url.group(1), name -> TestDatabases.empty());
                launcher.label(label.getKey(), "url=" + db.jdbcUrl() + "\nusername="
                        + label.getValue().getProperty("username") + "\n");
            }
            for (GuideCommand command : commands) {
                List<String> arguments = new ArrayList<>();
                for (String argument : command.arguments()) {
                    if (!arguments.isEmpty() && List.of("-o", "--output").contains(arguments.get(arguments.size() - 1))) {
                        arguments.add(temporary.resolve(Path.of(argument).getFileName()).toString());
                        continue;
                    }
                    Matcher url = DEV_CLUSTER_URL.matcher(argument);
                    StringBuilder rewritten = new StringBuilder();
                    while (url.find()) {
                        url.appendReplacement(rewritten, Matcher.quoteReplacement(
                                databases.computeIfAbsent(url.group(1), DatabaseMaintenanceGuideTest::database)
                                        .jdbcUrl()));
                    }
                    url.appendTail(rewritten);
                    arguments.add(rewritten.toString());
                }
                Launcher withEnvironment = launcher;
                for (Map.Entry<String, String> variable : command.environment().entrySet()) {
                    withEnvironment = withEnvironment.with(variable.getKey(), variable.getValue());
                }
                Launcher.Result result = withEnvironment.run(arguments.toArray(String[]::new));
                assertEquals(command.expectedExit(), result.exitCode(), command + "\n" + result.describe());
                if (command.expectedExit() == 0) {
                    assertEquals("", result.err(), command + "\n" + result.describe());
                } else {
                    assertEquals(1, result.err().lines().count(), command + "\n" + result.describe());
                    assertTrue(result.err().startsWith("crmp: "), command + "\n" + result.describe());
                }
            }
        } finally {
            databases.values().forEach(TestDatabase::close);
        }
    }

    /** A database of the guide: empty, or built by Alembic when its name says so. */
    private static TestDatabase database(String name) {
        if (!name.startsWith(ALEMBIC_PREFIX)) {
            return TestDatabases.empty();
        }
        try {
            return AlembicDatabases.at(ALEMBIC_REVISION);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code ./crmp} command lines of the guide's {@code sh} blocks, in order. */
    static List<GuideCommand> commands() throws IOException {
        List<String> lines = Files.readAllLines(GUIDE);
        List<GuideCommand> commands = new ArrayList<>();
        boolean inShell = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inShell = !inShell && line.strip().equals("```sh");
                continue;
            }
            if (!inShell || line.isBlank()) {
                continue;
            }
            int first = i;
            StringBuilder joined = new StringBuilder(line);
            while (joined.toString().endsWith("\\") && i + 1 < lines.size()) {
                joined.setLength(joined.length() - 1);
                joined.append(' ').append(lines.get(++i).strip());
            }
            StringBuilder comment = new StringBuilder();
            List<String> words = words(joined.toString(), comment);
            Map<String, String> environment = new HashMap<>();
            int w = 0;
            for (; w < words.size(); w++) {
                Matcher assignment = ASSIGNMENT.matcher(words.get(w));
                if (!assignment.matches()) {
                    break;
                }
                environment.put(assignment.group(1), assignment.group(2));
            }
            if (w < words.size() && words.get(w).equals("./crmp")) {
                Matcher exit = EXPECTED_EXIT.matcher(comment);
                commands.add(new GuideCommand(first + 1, environment, words.subList(w + 1, words.size()),
                        exit.find() ? Integer.parseInt(exit.group(1)) : 0));
            }
        }
        assertTrue(commands.size() >= 20, "the guide's launcher commands: " + commands);
        return commands;
    }

    /** A shell line's words (quotes and backslashes as sh reads them); the comment goes to {@code comment}. */
    static List<String> words(String line, StringBuilder comment) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                comment.append(line.substring(i + 1));
                break;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    int end = line.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unbalanced quote in: " + line);
                    }
                    word.append(line, i + 1, end);
                    i = end;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static Map<String, Properties> repositoryLabels() throws IOException {
        Map<String, Properties> labels = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(TestDatabases.projectFile("environments"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
                String name = file.getFileName().toString();
                labels.put(name.substring(0, name.length() - ".properties".length()), properties);
            }
        }
        return labels;
    }

    private static Launch silent() {
        java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        return new Launch(Map.of(), sink, sink, Path.of("."), java.util.Optional.empty());
    }
}
