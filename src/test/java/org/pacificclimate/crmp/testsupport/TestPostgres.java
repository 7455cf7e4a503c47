package org.pacificclimate.crmp.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The PostgreSQL server the tests use, one per test run, chosen in this order:
 * <ol>
 *   <li>{@code PYCDS_TEST_DATABASE_URL} (a superuser URL, {@code postgresql://user:password@host:port/db});</li>
 *   <li>a private throwaway cluster started from the local PostgreSQL 15 binaries (as user postgres when the
 *       JVM runs as root, since initdb refuses root), deleted when the JVM exits;</li>
 *   <li>Testcontainers, where a Docker engine is reachable ({@link ContainerPostgres});</li>
 *   <li>otherwise a failure that says what to install.</li>
 * </ol>
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "PYCDS_TEST_DATABASE_URL";
    static final String PACKAGES = "postgresql-15 postgresql-15-postgis-3 postgresql-plpython3-15";

    /** On the private cluster, members of this role must give a password (see {@link #requiresPasswords()}). */
    public static final String PASSWORD_GROUP = "password_users";

    private static TestPostgres instance;

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;
    private final boolean requiresPasswords;

    private TestPostgres(String host, int port, String adminUser, String adminPassword) {
        this(host, port, adminUser, adminPassword, false);
    }

    private TestPostgres(String host, int port, String adminUser, String adminPassword, boolean requiresPasswords) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.requiresPasswords = requiresPasswords;
    }

    /**
     * Whether members of {@value #PASSWORD_GROUP} must log in with their password (true on the private cluster,
     * whose pg_hba.conf says so; unknown for a server given by URL or a container).
     */
    public boolean requiresPasswords() {
        return requiresPasswords;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestPostgres start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return fromUrl(url);
        }
        Path bin = Path.of("/usr/lib/postgresql/15/bin");
        if (Files.isExecutable(bin.resolve("initdb")) && extensionsInstalled()) {
            return LocalCluster.start(bin);
        }
        if (ContainerPostgres.dockerAvailable()) {
            return ContainerPostgres.start();
        }
        throw new IllegalStateException("No PostgreSQL 15 with PostGIS and PL/Python for the tests. Either set "
                + URL_VARIABLE + "=postgresql://SUPERUSER:PASSWORD@HOST:PORT/postgres, or install the local server: "
                + "sudo apt-get install " + PACKAGES + " (or make a Docker engine reachable for Testcontainers).");
    }

    private static boolean extensionsInstalled() {
        Path extensions = Path.of("/usr/share/postgresql/15/extension");
        return Files.exists(extensions.resolve("postgis.control"))
                && Files.exists(extensions.resolve("plpython3u.control"));
    }

    static TestPostgres of(String host, int port, String adminUser, String adminPassword) {
        return new TestPostgres(host, port, adminUser, adminPassword);
    }

    private static TestPostgres fromUrl(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String user = "postgres";
        String password = null;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : null;
        }
        return new TestPostgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** libpq connection string of the admin, for psql and the project's scripts. */
    public String adminConninfo() {
        return "host=" + host + " port=" + port + " user=" + adminUser;
    }

    /** Environment for psql/scripts run against this server (the admin's password, if any). */
    public Map<String, String> clientEnvironment() {
        return adminPassword == null ? Map.of() : Map.of("PGPASSWORD", adminPassword);
    }

    public Connection admin(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", adminUser);
        if (adminPassword != null) {
            properties.setProperty("password", adminPassword);
        }
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** A connection as a login role of the test cluster (they have no password: trust, or the admin's). */
    public Connection connect(String database, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (adminPassword != null) {
            properties.setProperty("password", adminPassword);
        }
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** A cluster of our own from the local binaries: trust authentication, bound to localhost only. */
    static final class LocalCluster {
        static TestPostgres start(Path bin) {
            try {
                boolean root = "root".equals(System.getProperty("user.name"));
                Path directory = Files.createTempDirectory("crmp-test-pg-");
                Path data = directory.resolve("data");
                if (root) {
                    run(List.of("chown", "postgres:postgres", directory.toString()));
                }
                int port = freePort();
                run(asPostgres(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                        "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")));
                requirePasswordsOfGroup(data.resolve("pg_hba.conf"));
                run(asPostgres(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
                        "-l", directory.resolve("server.log").toString(), "-o",
                        "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                        "start")));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        run(asPostgres(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                                "-m", "immediate", "-w", "stop")));
                    } catch (Exception ignored) {
                        // the directory goes anyway
                    }
                    deleteRecursively(directory);
                }));
                return new TestPostgres("127.0.0.1", port, "postgres", null, true);
            } catch (IOException e) {
                throw new IllegalStateException("Could not start a throwaway PostgreSQL cluster: " + e.getMessage(), e);
            }
        }

        /**
         * Members of {@value #PASSWORD_GROUP} must log in with a password (SCRAM); everybody else is trusted. The
         * password tests make their login roles members of it.
         */
        private static void requirePasswordsOfGroup(Path hba) throws IOException {
            String rules = Files.readString(hba);
            Files.writeString(hba, "host all +" + PASSWORD_GROUP + " 127.0.0.1/32 scram-sha-256\n" + rules);
        }

        private static List<String> asPostgres(boolean root, List<String> command) {
            if (!root) {
                return command;
            }
            List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
            wrapped.addAll(command);
            return wrapped;
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static void deleteRecursively(Path directory) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: it lives under the temporary directory
            }
        }
    }

    static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
