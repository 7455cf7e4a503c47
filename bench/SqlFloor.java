import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The floor of a JVM client for an upgrade from empty (bench/sql-floor.sh): connect, then send the offline script of
 * ./crmp upgrade base:head --sql one revision (BEGIN ... COMMIT) at a time, and nothing else: no plan, lock, checks
 * or output. Usage: java SqlFloor SCRIPT JDBC_URL (user in the URL).
 */
public class SqlFloor {
    public static void main(String[] args) throws Exception {
        String script = Files.readString(Path.of(args[0]));
        try (Connection connection = DriverManager.getConnection(args[1]);
             Statement statement = connection.createStatement()) {
            for (String revision : script.split("(?m)^COMMIT;\\s*$")) {
                if (!revision.isBlank()) {
                    statement.execute(revision + "\nCOMMIT;");
                }
            }
        }
    }
}
