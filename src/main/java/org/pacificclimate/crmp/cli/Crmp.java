package org.pacificclimate.crmp.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import org.pacificclimate.crmp.config.ConfigResolver;
import org.pacificclimate.crmp.config.LockSettings;
import org.pacificclimate.crmp.config.Parameter;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.RevisionChain;

/**
 * {@code ./crmp}: the maintenance guide's Alembic command lines, with {@code alembic} replaced by {@code ./crmp}.
 * Each command is one thin class that resolves its arguments and hands the work to {@code migration/}.
 *
 * <p>To add a command: a class beside the others (extend {@link DatabaseCommand} when it needs the database,
 * else implement {@code Callable<Integer>}), listed in {@link #COMMANDS} below; errors are exceptions
 * ({@link MigrationException}, {@link CommandFailure}, {@link IllegalArgumentException}), turned into one line on
 * standard error and an {@link ExitCode} here.
 */
@Command(name = "crmp",
        mixinStandardHelpOptions = true,
        versionProvider = Crmp.Version.class,
        separator = " ",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Migrates the CRMP schema of a PostgreSQL database along its revision chain, as `alembic` does for PyCDS: "
                    + "the same commands, revision ids and specs.",
            "",
            "Revisions: a full id, a unique prefix of at least 4 characters (0d99), head, base, +N / -N (from the "
                    + "current revision), <rev>+N / <rev>-N.",
        },
        footerHeading = "%n",
        footer = {
            "Settings: command line (-x) > environment (PYCDS_SCHEMA_NAME, PYCDS_SU_ROLE_NAME) > "
                    + "environments/<label>.properties > defaults. Passwords as psql finds them: PGPASSWORD, else "
                    + "PGPASSFILE or ~/.pgpass.",
            "Guide: docs/database-maintenance.md.",
        })
public final class Crmp implements Callable<Integer> {

    /** The {@code -x} keys besides the two parameters ({@link Parameter#key()}). */
    static final String DB = "db";
    static final String URL = "url";
    static final String USER = "user";

    @Option(names = "-x", paramLabel = "KEY=VALUE",
            description = {"Alembic's -x, repeatable: db=<label> (environments/<label>.properties), "
                    + "url=jdbc:postgresql://HOST:PORT/DB, user=<login role>, schemaName=<schema>, "
                    + "suRoleName=<elevated role>, lockTimeout=<how long to wait for the migration lock, 5min>, "
                    + "ddlLockTimeout=<lock wait of one attempt of a step, 5s>, ddlLockRetries=<attempts after the "
                    + "first, 10>."})
    List<String> extraArguments = new ArrayList<>();

    @Spec
    CommandSpec spec;

    final Launch launch;

    Crmp(Launch launch) {
        this.launch = launch;
    }

    /**
     * Standard output carries the launcher's own lines only: what a library prints there (Liquibase's "Waiting for
     * changelog lock....") goes to standard error with the warnings.
     */
    public static void main(String[] args) {
        warmUp(); // also sets up java.util.logging (PgJDBC's loggers), on the other core, while picocli reflects
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Launch launch = Launch.ofProcess(stdout, System.err);
        CommandLine commandLine = commandLine(launch, args);
        warningsOnStandardError(System.err); // before anything can log a warning: the command runs next
        int code = execute(commandLine, launch, args);
        stdout.flush();
        System.exit(code);
    }

    /**
     * On the second core while the first parses the command line: what most commands need next and that depends on
     * no argument (the driver's classes and initialisation, the build-time indexes). Only a head start: whatever it
     * has not done when needed is done then, on the main thread.
     */
    private static void warmUp() {
        Thread warm = new Thread(() -> {
            try {
                Class.forName("org.postgresql.Driver");
                org.pacificclimate.crmp.migration.ChangelogIndex.packaged();
                org.pacificclimate.crmp.migration.CompiledUpgrade.packaged();
            } catch (ClassNotFoundException | RuntimeException e) {
                // nothing gained; the command meets the same problem itself, and reports it
            }
        }, "crmp warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** Runs one command line in this JVM, with the given surroundings; returns the exit code. */
    public static int run(Launch launch, String... args) {
        return execute(commandLine(launch, args), launch, args);
    }

    private static int execute(CommandLine commandLine, Launch launch, String... args) {
        try {
            return commandLine.execute(args);
        } finally {
            launch.out().flush();
            launch.err().flush();
        }
    }

    /**
     * The commands, by name (each class's {@code @Command(name)}; {@code LauncherFastTest} checks that they agree).
     * Not in the {@code @Command} annotation: picocli would reflect on every command's options at each start.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new java.util.LinkedHashMap<>();
        commands.put("upgrade", UpgradeCommand.class);
        commands.put("downgrade", DowngradeCommand.class);
        commands.put("current", CurrentCommand.class);
        commands.put("history", HistoryCommand.class);
        commands.put("heads", HeadsCommand.class);
        commands.put("show", ShowCommand.class);
        commands.put("stamp", StampCommand.class);
        commands.put("revision", RevisionCommand.class);
        commands.put("check", CheckCommand.class);
        commands.put("adopt", AdoptCommand.class);
        return java.util.Collections.unmodifiableMap(commands);
    }

    /** The launcher with every command. */
    static CommandLine commandLine(Launch launch) {
        return commandLine(launch, COMMANDS.keySet());
    }

    /**
     * The launcher for one command line: with the commands it names (a command runs only when its name is one of the
     * arguments), or with all of them when it names none (help, a missing or misspelt command: listed, suggested).
     */
    static CommandLine commandLine(Launch launch, String... args) {
        List<String> named = Arrays.stream(args).filter(COMMANDS::containsKey).distinct().toList();
        return commandLine(launch, named.isEmpty() ? COMMANDS.keySet() : named);
    }

    private static CommandLine commandLine(Launch launch, java.util.Collection<String> commands) {
        CommandLine commandLine = new CommandLine(new Crmp(launch));
        for (String name : COMMANDS.keySet()) { // in the order of the usage message
            if (commands.contains(name)) {
                commandLine.addSubcommand(name, COMMANDS.get(name));
            }
        }
        commandLine.setOut(launch.out());
        commandLine.setErr(launch.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Crmp::usageError);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> failure(launch, e));
        exitCodesInHelp(commandLine);
        return commandLine;
    }

    /** Every command's {@code --help} lists the exit codes ({@link ExitCode#HELP}). */
    private static void exitCodesInHelp(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.HELP);
        commandLine.getSubcommands().values().forEach(Crmp::exitCodesInHelp);
    }

    /** {@code crmp} alone: says what is missing, as a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        String command = where.getCommandSpec().qualifiedName();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && where.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "Unknown command '" + unmatched.getUnmatched().get(0) + "': the commands are "
                    + String.join(", ", where.getSubcommands().keySet()) + ".";
        }
        where.getErr().println("crmp: " + oneLine(message) + " (" + command + " --help)");
        return ExitCode.BAD_INPUT;
    }

    private static int failure(Launch launch, Exception e) {
        int code;
        String message = e.getMessage();
        if (e instanceof CommandFailure failure) {
            code = failure.exitCode();
        } else if (e instanceof MigrationException migration) {
            code = ExitCode.of(migration.kind());
        } else if (e instanceof IllegalArgumentException) {
            code = ExitCode.BAD_INPUT;
        } else if (e instanceof SQLException) {
            code = ExitCode.FAILED; // a query of the launcher's own on a database it reached
        } else {
            code = ExitCode.FAILED;
            message = "internal error: " + e;
        }
        launch.err().println("crmp: " + oneLine(message == null ? e.toString() : message));
        return code;
    }

    /** A message on one line: lines joined, list dashes turned into semicolons. */
    static String oneLine(String message) {
        String[] lines = message.strip().split("\\R");
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            String part = line.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (text.length() > 0) {
                boolean item = part.startsWith("- ");
                if (item) {
                    part = part.substring(2);
                }
                text.append(text.charAt(text.length() - 1) == ':' ? " " : item ? "; " : " ");
            }
            text.append(part);
        }
        return text.toString();
    }

    /** The {@code -x} values: the chosen labels, and the command-line settings by {@link ConfigResolver} key. */
    Extras extras() {
        List<String> labels = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        List<String> keys = new ArrayList<>(List.of(DB, URL, USER));
        for (Parameter parameter : Parameter.values()) {
            keys.add(parameter.key());
        }
        for (LockSettings.Key key : LockSettings.Key.values()) {
            keys.add(key.key());
        }
        for (String argument : extraArguments) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                throw new CommandFailure(ExitCode.BAD_INPUT, "-x " + argument + ": write -x KEY=VALUE, KEY one of "
                        + String.join(", ", keys) + ". Nothing was changed.");
            }
            String key = argument.substring(0, equals);
            String value = argument.substring(equals + 1);
            switch (key) {
                case DB -> labels.add(value);
                case URL -> values.put(ConfigResolver.URL, value);
                case USER -> values.put(ConfigResolver.USERNAME, value);
                default -> {
                    Optional<Parameter> parameter = Arrays.stream(Parameter.values())
                            .filter(p -> p.key().equals(key)).findFirst();
                    if (parameter.isEmpty() && !keys.contains(key)) {
                        throw new CommandFailure(ExitCode.BAD_INPUT, "-x " + argument + ": unknown key '" + key
                                + "' (known: " + String.join(", ", keys) + "). Nothing was changed.");
                    }
                    values.put(key, value);
                }
            }
        }
        return new Extras(labels, values);
    }

    record Extras(List<String> labels, Map<String, String> values) {
    }

    /** The chain the commands resolve revisions against before connecting (the one the migrations will run). */
    RevisionChain chain() {
        return launch.changelogsFrom().map(p -> RevisionChain.fromDirectory(p.resolve("changelog")))
                .orElseGet(RevisionChain::standard);
    }

    /** Liquibase's warnings (through java.util.logging) as one line each on standard error; nothing else. */
    static void warningsOnStandardError(PrintStream err) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler handler = new StreamHandler(err, new Formatter() {
            @Override
            public String format(LogRecord record) {
                return "crmp: warning: " + oneLine(formatMessage(record)) + System.lineSeparator();
            }
        }) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(Level.WARNING);
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
    }

    /** {@code --version}: the project's and Liquibase's. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String project = Crmp.class.getPackage().getImplementationVersion();
            String liquibaseVersion = liquibase.util.LiquibaseUtil.getBuildVersion();
            return new String[] {"crmp-schema " + (project == null ? "(not packaged)" : project)
                    + ", Liquibase " + liquibaseVersion + ", Java " + System.getProperty("java.version")};
        }
    }
}
