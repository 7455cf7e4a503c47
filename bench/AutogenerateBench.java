import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.pacificclimate.crmp.liquibase.diff.Autogenerate;
import org.pacificclimate.crmp.liquibase.diff.ModelReference;

/**
 * Warm timing of autogenerate's comparison (shadow schema built from the model, both schemas read, the plan made,
 * all rolled back) against one database, repeated in one JVM: the first runs warm the JVM, the median of the rest
 * is what a warm run costs. Run by bench/autogenerate.sh:
 *
 *   java -cp 'target/crmp-schema.jar:target/lib/*' bench/AutogenerateBench.java JDBC_URL USER SCHEMA RUNS
 */
public class AutogenerateBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String schema = args[2];
        int runs = Integer.parseInt(args[3]);
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (System.getenv("PGPASSWORD") != null) {
            properties.setProperty("password", System.getenv("PGPASSWORD"));
        }
        List<Double> seconds = new ArrayList<>();
        int differences = -1;
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            Autogenerate autogenerate = new Autogenerate(connection, schema, "pcicdba", Path.of("changelog"),
                    new ModelReference());
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                differences = autogenerate.diff("000000000000").differences().size();
                seconds.add((System.nanoTime() - start) / 1e9);
            }
        }
        List<Double> warm = new ArrayList<>(seconds.subList(Math.min(3, seconds.size() - 1), seconds.size()));
        Collections.sort(warm);
        System.out.printf("runs %s%n", seconds.stream().map(s -> String.format("%.2f", s)).toList());
        System.out.printf("first (cold) %.2f s, warm median %.2f s over %d runs, differences %d%n", seconds.get(0),
                warm.get(warm.size() / 2), warm.size(), differences);
    }
}
