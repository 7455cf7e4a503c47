package org.pacificclimate.crmp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.config.LockSettings;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * How the compiled upgrade sends a revision: its statements together in one piece, or, when one has a '?', one at a
 * time as Liquibase's executor sends them (a statement with a '?' without the driver's escape processing). The
 * statements here are written for the test; {@code reliability.CompiledUpgradeTest} runs the packaged ones.
 */
class CompiledUpgradeStatementsTest {

    private static final Revision FIRST = RevisionChain.standard().base();

    private static CompiledUpgrade compiled(String... statements) {
        StringBuilder text = new StringBuilder(CompiledUpgrade.HEADER).append("\nliquibase\t4.33.0\n")
                .append(CompiledUpgrade.statement("table", "CREATE TABLE " + CompiledUpgrade.SCHEMA_PLACEHOLDER
                        + ".databasechangelog (ID VARCHAR(255), AUTHOR VARCHAR(255), FILENAME VARCHAR(255), "
                        + "DATEEXECUTED TIMESTAMP, ORDEREXECUTED INTEGER, EXECTYPE VARCHAR(10), MD5SUM VARCHAR(35), "
                        + "DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20), "
                        + "CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10))"))
                .append(String.join("\t", "changeset", FIRST.id(), "pcic", "revisions/x.yaml", "9:0", "it's \\\\ here",
                        "", "\\N", "\\N", "\\N")).append('\n');
        for (String statement : statements) {
            text.append(CompiledUpgrade.statement("statement", statement));
        }
        text.append(String.join("\t", "changeset", FIRST.id() + "-tag", "pcic", "revisions/x.yaml", "9:1",
                "tagDatabase", "", FIRST.id(), "\\N", "\\N")).append('\n');
        return CompiledUpgrade.parse(text.toString());
    }

    private static List<String> run(TestDatabase db, CompiledUpgrade compiled) throws Exception {
        List<String> lines = new ArrayList<>();
        compiled.run(db.connection(), "crmp", "pcicdba", List.of(FIRST), LockSettings.defaults(), lines::add,
                lines::add);
        return lines;
    }

    @Test
    void aRevisionsStatementsRunInOrderAndItsRowsKeepQuotesAndBackslashes() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            List<String> lines = run(db, compiled("CREATE TABLE crmp_compiled_schema_placeholder.a (x int) -- last",
                    "INSERT INTO crmp_compiled_schema_placeholder.a VALUES (1);\nINSERT INTO "
                            + "crmp_compiled_schema_placeholder.a VALUES (2);"));
            assertEquals("2", db.value("SELECT count(*) FROM crmp.a"));
            assertEquals("it's \\ here", db.value("SELECT description FROM crmp.databasechangelog WHERE id = '"
                    + FIRST.id() + "'"));
            assertEquals(List.of("1 " + FIRST.id(), "2 " + FIRST.id() + "-tag"), db.column(
                    "SELECT orderexecuted || ' ' || id FROM crmp.databasechangelog ORDER BY orderexecuted"));
            assertEquals(1, lines.size(), lines.toString());
        }
    }

    @Test
    void aStatementWithAQuestionMarkIsSentAsLiquibaseSendsIt() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            run(db, compiled("CREATE TABLE crmp_compiled_schema_placeholder.q (c text DEFAULT 'why?')",
                    "INSERT INTO crmp_compiled_schema_placeholder.q DEFAULT VALUES"));
            assertEquals("why?", db.value("SELECT c FROM crmp.q"));
            assertEquals("2", db.value("SELECT count(*) FROM crmp.databasechangelog"));
        }
    }
}
