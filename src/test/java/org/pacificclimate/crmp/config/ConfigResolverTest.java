package org.pacificclimate.crmp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One resolver, one precedence: command line > environment > environments/&lt;label&gt;.properties > defaults. */
@Tag("fast")
class ConfigResolverTest {

    @TempDir
    Path environments;

    @BeforeEach
    void labels() throws IOException {
        Files.writeString(environments.resolve("dev.properties"), """
                url=jdbc:postgresql://localhost:30599/pycds_test
                username=tester
                """);
        Files.writeString(environments.resolve("prod.properties"), """
                url=jdbc:postgresql://db.example:5432/pcds
                username=migrator
                schemaName=crmp_prod
                suRoleName=prod_su
                """);
        Files.writeString(environments.resolve(".hidden.properties"), "url=jdbc:postgresql://nowhere/x\n");
    }

    @Test
    void withNothingGivenTheSchemaIsCrmpAndTheElevatedRolePcicdba() {
        Settings settings = resolver(Map.of(), Map.of()).resolve(Optional.empty());
        assertEquals("crmp", settings.schemaName());
        assertEquals("pcicdba", settings.suRoleName());
        assertEquals(Optional.empty(), settings.url());
        assertEquals("default", settings.sourceOf("schemaName"));
    }

    @Test
    void aLabelGivesItsUrlAndLoginRole() {
        Settings settings = resolver(Map.of(), Map.of()).resolve(Optional.of("dev"));
        assertEquals(Optional.of("jdbc:postgresql://localhost:30599/pycds_test"), settings.url());
        assertEquals(Optional.of("tester"), settings.username());
        assertEquals("environments/dev.properties", settings.sourceOf("url"));
    }

    @Test
    void aLabelFileMaySetTheSchemaAndTheElevatedRole() {
        Settings settings = resolver(Map.of(), Map.of()).resolve(Optional.of("prod"));
        assertEquals("crmp_prod", settings.schemaName());
        assertEquals("prod_su", settings.suRoleName());
    }

    @Test
    void theEnvironmentBeatsTheLabelFile() {
        Settings settings = resolver(Map.of(), Map.of("PYCDS_SCHEMA_NAME", "other", "PYCDS_SU_ROLE_NAME", "su2"))
                .resolve(Optional.of("prod"));
        assertEquals("other", settings.schemaName());
        assertEquals("su2", settings.suRoleName());
        assertEquals("PYCDS_SCHEMA_NAME", settings.sourceOf("schemaName"));
    }

    @Test
    void theCommandLineBeatsTheEnvironmentAndTheLabelFile() {
        Settings settings = resolver(Map.of("schemaName", "given", "url", "jdbc:postgresql://elsewhere/db",
                "username", "me"), Map.of("PYCDS_SCHEMA_NAME", "other")).resolve(Optional.of("prod"));
        assertEquals("given", settings.schemaName());
        assertEquals(Optional.of("jdbc:postgresql://elsewhere/db"), settings.url());
        assertEquals(Optional.of("me"), settings.username());
        assertEquals("prod_su", settings.suRoleName());
    }

    @Test
    void blankValuesAndUnresolvedMavenExpressionsCountAsNotGiven() {
        Settings settings = resolver(Map.of("schemaName", "  ", "suRoleName", "${pycds.suRoleName}"),
                Map.of("PYCDS_SCHEMA_NAME", "")).resolve(Optional.empty());
        assertEquals("crmp", settings.schemaName());
        assertEquals("pcicdba", settings.suRoleName());
    }

    @Test
    void theLabelsAreTheVisiblePropertiesFiles() {
        assertEquals(Set.of("dev", "prod"), resolver(Map.of(), Map.of()).labels());
    }

    @Test
    void anUnknownLabelIsRefusedWithTheKnownOnes() {
        assertRefused("Unknown database label 'nosuch'. Known labels: dev, prod (environments/<label>.properties). "
                + "Nothing was changed.", () -> resolver(Map.of(), Map.of()).resolve(List.of("nosuch"), Set.of()));
    }

    @Test
    void twoLabelsAreRefused() {
        assertRefused("Two database labels chosen (dev, prod): choose one. Nothing was changed.",
                () -> resolver(Map.of(), Map.of()).resolve(List.of("dev", "prod"), Set.of()));
    }

    @Test
    void requestedNamesThatAreNotLabelsAreIgnoredWhenDeclaredSo() {
        Settings settings = resolver(Map.of(), Map.of()).resolve(List.of("quiet", "dev"), Set.of("quiet"));
        assertEquals(Optional.of("dev"), settings.label());
    }

    @Test
    void aMisspelledSettingInALabelFileIsRefused() throws IOException {
        Files.writeString(environments.resolve("typo.properties"), "url=jdbc:postgresql://h/d\nshemaName=x\n");
        assertRefused("environments/typo.properties: unknown setting 'shemaName' (known: url, username, schemaName, "
                + "suRoleName, lockTimeout, ddlLockTimeout, ddlLockRetries). Nothing was changed.", () -> resolver(Map.of(), Map.of()).resolve(Optional.of("typo")));
    }

    @Test
    void aPasswordInALabelFileIsRefused() throws IOException {
        Files.writeString(environments.resolve("leak.properties"), "url=jdbc:postgresql://h/d\npassword=secret\n");
        assertRefused("environments/leak.properties holds a password: remove it and use ~/.pgpass or PGPASSWORD. "
                + "Nothing was changed.", () -> resolver(Map.of(), Map.of()).resolve(Optional.of("leak")));
    }

    @Test
    void aSchemaNameThatIsNotAPlainIdentifierIsRefusedWhereverItComesFrom() {
        assertRefused("The schema name (PYCDS_SCHEMA_NAME) 'Bad-Name' is not a plain lowercase SQL identifier: use "
                + "lowercase letters, digits and underscores, starting with a letter or underscore, at most 63 "
                + "characters. Nothing was changed.",
                () -> resolver(Map.of(), Map.of("PYCDS_SCHEMA_NAME", "Bad-Name")).resolve(Optional.empty()));
        assertRefused("The elevated role name (PYCDS_SU_ROLE_NAME) 'select' is a reserved SQL key word. Nothing was "
                + "changed.", () -> resolver(Map.of("suRoleName", "select"), Map.of()).resolve(Optional.empty()));
    }

    private ConfigResolver resolver(Map<String, String> commandLine, Map<String, String> environment) {
        return new ConfigResolver(commandLine, environment, environments);
    }

    private static void assertRefused(String message, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(message, e.getMessage());
    }
}
