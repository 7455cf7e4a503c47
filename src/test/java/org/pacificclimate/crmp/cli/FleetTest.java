package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;
import org.pacificclimate.crmp.testsupport.TestPostgres;

/** {@code current --all}: every label's database in one table, read in parallel, an unreachable one in its row. */
class FleetTest {

    private static final String REVISION_9 = "0d99ba90c229";

    @TempDir
    Path temporary;

    @Test
    void everyLabelHasItsRowAndAnUnreachableDatabaseFailsOnlyItsOwn() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        RevisionChain chain = RevisionChain.standard();
        try (TestDatabase head = TestDatabases.at(chain.head().id()); TestDatabase nine = TestDatabases.at(REVISION_9);
             TestDatabase empty = TestDatabases.empty()) {
            Launcher launcher = Launcher.inDirectory(temporary)
                    .label("alpha", head).label("beta", nine).label("gamma", empty)
                    .label("down", "url=jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere\nusername=tester\n")
                    .label("other", "url=" + empty.jdbcUrl() + "\nusername=tester\nschemaName=other\n");
            long start = System.nanoTime();
            Launcher.Result fleet = launcher.run("current", "--all");
            double seconds = (System.nanoTime() - start) / 1e9;

            assertEquals(ExitCode.UNREACHABLE, fleet.exitCode(), fleet.describe());
            assertEquals("crmp: 1 of 5 databases could not be read (down; their rows say why).\n", fleet.err());
            List<String> lines = fleet.lines();
            assertEquals(6, lines.size(), fleet.describe());
            assertTrue(lines.get(0).matches("label +database +schema +current +pending"), lines.get(0));
            assertRow(lines.get(1), "alpha", head, "crmp", chain.head().id() + " (head)", "0");
            assertRow(lines.get(2), "beta", nine, "crmp", REVISION_9, Integer.toString(chain.size() - 9));
            assertTrue(lines.get(3).matches("down +tester@127\\.0\\.0\\.1:" + closedPort + "/nowhere +crmp +- +- +exit 3:"
                    + " Cannot connect to tester@127\\.0\\.0\\.1:" + closedPort + "/nowhere: .*"), lines.get(3));
            assertRow(lines.get(4), "gamma", empty, "crmp", "base", Integer.toString(chain.size()));
            assertRow(lines.get(5), "other", empty, "other", "base", Integer.toString(chain.size()));
            assertTrue(seconds < 20, "the fleet took " + seconds + " s");
        }
    }

    @Test
    void withEveryDatabaseReadTheExitCodeIsZero() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION_9)) {
            Launcher.Result fleet = Launcher.inDirectory(temporary).label("only", db).run("current", "--all");
            assertEquals(0, fleet.exitCode(), fleet.describe());
            assertEquals("", fleet.err());
            assertRow(fleet.lines().get(1), "only", db, "crmp", REVISION_9, "20");
        }
    }

    @Test
    void aChosenDatabaseWithAllIsRefused() {
        Launcher.Result fleet = Launcher.inDirectory(temporary).run("-x", "db=dev", "current", "--all");
        assertEquals(ExitCode.BAD_INPUT, fleet.exitCode(), fleet.describe());
        assertEquals("crmp: current --all reads the database of every label: give no -x db= or -x url=. Nothing was "
                + "changed.\n", fleet.err());
    }

    private static void assertRow(String line, String label, TestDatabase db, String schema, String current,
                                  String pending) {
        String database = "tester@" + TestPostgres.get().host() + ":" + TestPostgres.get().port() + "/" + db.name();
        assertEquals(List.of(label, database, schema, current, pending),
                List.of(line.replace(" (head)", "_(head)").trim().split(" +")).stream()
                        .map(cell -> cell.replace("_(head)", " (head)")).toList(), line);
    }
}
