package org.pacificclimate.crmp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training run of the launcher's class-data-sharing archive ({@code mvn package} runs it with
 * {@code -XX:DumpLoadedClassList}, then archives the classes listed in {@code target/crmp-schema.jsa}; {@code ./crmp}
 * starts with that archive): the commands' usual paths, without a database, so that the classes they load (picocli,
 * the chain and its index, PgJDBC's connection, Liquibase's parser and SQL generation) are archived; then, by name,
 * the classes that only a run on a database loads ({@value #ONLINE_CLASSES}, made by
 * {@code bench/cds-online-classes.sh}; a name that no longer exists is skipped). Its output goes nowhere; it always
 * succeeds.
 */
public final class CdsTraining {

    private static final List<List<String>> COMMANDS = List.of(
            List.of("--help"),
            List.of("upgrade", "--help"),
            List.of("heads"),
            List.of("show", "head"),
            List.of("history"),
            // refused at once: nothing listens on port 1 of the loopback interface; loads PgJDBC's connection path
            List.of("-x", "url=jdbc:postgresql://127.0.0.1:1/none", "-x", "user=none", "current"),
            List.of("-x", "url=jdbc:postgresql://127.0.0.1:1/none", "-x", "user=none", "upgrade", "head"),
            // Liquibase: the changelogs parsed, SQL generated, offline
            List.of("upgrade", "head", "--sql"));

    static final String ONLINE_CLASSES = "src/main/cds/online-classes.txt";

    private CdsTraining() {
    }

    public static void main(String[] args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Launch launch = new Launch(Map.of(), sink, sink, Path.of(System.getProperty(Launch.PROJECT_PROPERTY, ".")),
                Optional.empty());
        Crmp.warningsOnStandardError(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        for (List<String> command : COMMANDS) {
            Crmp.run(launch, command.toArray(String[]::new));
        }
        loadOnlineClasses(launch.projectDirectory().resolve(ONLINE_CLASSES));
        System.exit(0);
    }

    private static void loadOnlineClasses(Path list) {
        List<String> names;
        try {
            names = Files.readAllLines(list);
        } catch (IOException e) {
            return; // a project without the list: the archive holds what the commands above load
        }
        ClassLoader loader = CdsTraining.class.getClassLoader();
        for (String name : names) {
            if (name.isBlank() || name.startsWith("#")) {
                continue;
            }
            try {
                Class.forName(name.strip().replace('/', '.'), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // renamed or gone since the list was made: nothing to archive
            }
        }
    }
}
