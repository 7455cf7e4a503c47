package org.pacificclimate.crmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacificclimate.crmp.cli.Launcher.on;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.CatalogAssertions;
import org.pacificclimate.crmp.testsupport.PsqlScript;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * {@code upgrade|downgrade [START:]END --sql}: the script is written without a database, and run by psql (with and
 * without {@code --single-transaction}) on a database at the range's start it leaves exactly the catalog PyCDS has at
 * the range's end and the changelog rows the online command leaves.
 */
class OfflineSqlTest {

    private static final RevisionChain CHAIN = RevisionChain.standard();
    private static final String REVISION_2 = "4a2f1879293a";
    private static final String REVISION_9 = "0d99ba90c229";
    private static final String HEAD = CHAIN.head().id();

    @TempDir
    Path temporary;

    private final Launcher launcher = Launcher.ofRepository();

    /**
     * @param start the database's revision before the script ("base": an empty schema)
     * @param range what follows --sql's command
     * @param end   where the script leaves the schema
     */
    @ParameterizedTest(name = "{0} {2} --sql, psql --single-transaction: {3}")
    @CsvSource({
        "upgrade,   base,         0d99,          0d99ba90c229, true",
        "upgrade,   base,         0d99,          0d99ba90c229, false",
        "upgrade,   0d99ba90c229, 0d99:head,     f6d5a4c2e901, true",
        "upgrade,   7b139906ac46, 7b13:+3,       78260d36e42b, false",
        "downgrade, f6d5a4c2e901, head:4a2f,     4a2f1879293a, true",
        "downgrade, f6d5a4c2e901, 4a2f,          4a2f1879293a, false",
        "downgrade, 0d99ba90c229, 0d99:base,     base,         true",
    })
    void theScriptRunByPsqlLeavesTheCatalogAndTheRecordsOfTheOnlineCommand(String command, String start, String range,
            String end, boolean singleTransaction) throws Exception {
        Path script = temporary.resolve("script.sql");
        Launcher.Result written = launcher.run(command, range, "--sql", "--output", script.toString());
        assertEquals(0, written.exitCode(), written.describe());
        assertEquals("", written.err(), written.describe());
        try (TestDatabase offline = at(start); TestDatabase online = at(start)) {
            PsqlScript.Result run = PsqlScript.run(offline, script, singleTransaction);
            assertEquals(0, run.exitCode(), run.output());
            assertFalse(run.output().contains("ERROR"), run.output());

            Launcher.Result onlineRun = launcher.run(on(online, command, end.equals("base") ? "base" : end));
            assertEquals(0, onlineRun.exitCode(), onlineRun.describe());

            if (end.equals("base")) {
                assertEquals(List.of(), objects(offline), "nothing left in schema crmp but the changelog tables");
                assertEquals(Optional.empty(), offline.migrations().current());
            } else {
                CatalogAssertions.assertCatalogMatches(Revision.byId(end), offline.catalog("crmp"),
                        "after the offline script " + command + " " + range);
                assertEquals(Optional.of(end), offline.migrations().current());
            }
            assertEquals(records(online), records(offline), "the changelog rows, online and offline");
        }
    }

    @Test
    @Tag("fast")
    void theScriptGoesToStandardOutputAndNamesNeitherTheLockTableNorATemporaryFile() {
        Launcher.Result written = launcher.run("upgrade", "0d99", "--sql");
        assertEquals(0, written.exitCode(), written.describe());
        assertEquals("", written.err(), written.describe());
        String sql = written.out();
        assertTrue(sql.startsWith("-- crmp upgrade base:" + REVISION_9 + " --sql: schema crmp, elevated role pcicdba, "
                + "9 revisions\n"), sql.substring(0, Math.min(400, sql.length())));
        assertFalse(sql.toLowerCase().contains("databasechangeloglock"), "the script uses the lock table");
        assertFalse(sql.contains(".csv"), "the script names the offline history file");
        assertFalse(sql.contains("${"), "an unsubstituted parameter");
        assertEquals(9, count(sql, "\nBEGIN;\n"), "one transaction per revision");
        assertEquals(9, count(sql, "\nCOMMIT;\n"), "one transaction per revision");
        assertEquals(18, count(sql, "INSERT INTO crmp.databasechangelog "), "two rows per revision");
    }

    @Test
    @Tag("fast")
    void theSchemaComesFromTheSettingsAsOnline() {
        Launcher.Result written = launcher.with("PYCDS_SCHEMA_NAME", "other").run("upgrade", REVISION_2, "--sql");
        assertEquals(0, written.exitCode(), written.describe());
        assertTrue(written.out().contains("INSERT INTO other.databasechangelog "), written.describe());
        assertFalse(written.out().contains("crmp."), "the script names schema crmp");
    }

    @Test
    void aScriptRunOnADatabaseNotAtItsStartStopsAtItsFirstStatementWithNothingChanged() throws Exception {
        Path script = temporary.resolve("script.sql");
        Launcher.Result written = launcher.run("upgrade", "4a2f:0d99", "--sql", "-o", script.toString());
        assertEquals(0, written.exitCode(), written.describe());
        assertEquals("Wrote the upgrade script of schema crmp from " + REVISION_2 + " to " + REVISION_9
                + ", 7 revisions, to " + script + ".\n", written.out());
        try (TestDatabase db = TestDatabases.at(REVISION_9)) {
            List<List<String>> before = records(db);
            PsqlScript.Result run = PsqlScript.run(db, script, false);
            assertNotEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("crmp: schema crmp is at " + REVISION_9 + ", not at " + REVISION_2),
                    run.output());
            assertEquals(before, records(db));
            CatalogAssertions.assertCatalogMatches(Revision.byId(REVISION_9), db.catalog("crmp"), "after the refusal");
            assertEquals(List.of(), db.column("SELECT locked::text FROM crmp.databasechangeloglock WHERE locked"));
        }
    }

    @Test
    @Tag("fast")
    void aRangeThatNeedsTheCurrentRevisionOrGoesTheWrongWayIsRefused() {
        Launcher.Result relative = launcher.run("upgrade", "+1:head", "--sql");
        assertEquals(ExitCode.BAD_INPUT, relative.exitCode(), relative.describe());
        assertTrue(relative.err().startsWith("crmp: '+1' counts from the database's current revision"),
                relative.describe());
        Launcher.Result backwards = launcher.run("upgrade", "head:4a2f", "--sql");
        assertEquals(ExitCode.BAD_INPUT, backwards.exitCode(), backwards.describe());
        assertEquals("crmp: 'head:4a2f' goes from " + HEAD + " down to " + REVISION_2 + ": use downgrade for that. "
                + "Nothing was changed.\n", backwards.err());
        Launcher.Result outputAlone = launcher.run("upgrade", "head", "-o", temporary.resolve("x.sql").toString());
        assertEquals(ExitCode.BAD_INPUT, outputAlone.exitCode(), outputAlone.describe());
        assertFalse(Files.exists(temporary.resolve("x.sql")));
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static TestDatabase at(String revision) {
        return revision.equals("base") ? TestDatabases.empty() : TestDatabases.at(revision);
    }

    /** The changelog rows, as the online command records them: what identifies and describes each. */
    static List<List<String>> records(TestDatabase db) throws Exception {
        return db.rows("SELECT id, author, filename, md5sum, exectype, description, comments, coalesce(tag, '-') "
                + "FROM crmp.databasechangelog ORDER BY orderexecuted");
    }

    private static List<String> objects(TestDatabase db) throws Exception {
        return db.column("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'crmp' AND c.relname NOT LIKE 'databasechangelog%' UNION ALL SELECT p.proname "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'crmp' ORDER BY 1");
    }




    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
