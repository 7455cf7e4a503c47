package org.pacificclimate.crmp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock settings (docs/reliability.md) come through the one resolver, with the one precedence: command line
 * ({@code -x lockTimeout=}, {@code -Dpycds.lockTimeout=}) &gt; environment ({@code PYCDS_LOCK_TIMEOUT}) &gt; label
 * file &gt; defaults; a value that is not a duration or a count is refused before anything connects.
 */
@Tag("fast")
class LockSettingsTest {

    @TempDir
    Path environments;

    @Test
    void withNothingGivenAMigrationWaitsFiveMinutesForTheLockAndEachStepFiveSecondsTenTimesMore() {
        LockSettings locks = resolve(Map.of(), Map.of(), Optional.empty());
        assertEquals(Duration.ofMinutes(5), locks.lockTimeout());
        assertEquals(Duration.ofSeconds(5), locks.ddlLockTimeout());
        assertEquals(10, locks.ddlLockRetries());
        assertEquals(11, locks.ddlLockAttempts());
        assertEquals("default", locks.sources().get("lockTimeout"));
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentWhichWinsOverTheLabelFile() throws IOException {
        Files.writeString(environments.resolve("prod.properties"),
                "url=jdbc:postgresql://h/d\nlockTimeout=1h\nddlLockTimeout=2s\nddlLockRetries=3\n");
        LockSettings locks = resolve(Map.of("lockTimeout", "30s"),
                Map.of("PYCDS_LOCK_TIMEOUT", "10min", "PYCDS_DDL_LOCK_TIMEOUT", "750ms"), Optional.of("prod"));
        assertEquals(Duration.ofSeconds(30), locks.lockTimeout());
        assertEquals(Duration.ofMillis(750), locks.ddlLockTimeout());
        assertEquals(3, locks.ddlLockRetries());
        assertEquals(Map.of("lockTimeout", "command line", "ddlLockTimeout", "PYCDS_DDL_LOCK_TIMEOUT",
                "ddlLockRetries", "environments/prod.properties"), locks.sources());
    }

    @Test
    void durationsAreWrittenAsPostgresqlWritesItsSettingsAndABareNumberIsSeconds() {
        assertEquals(Duration.ofMillis(500), resolve(Map.of("lockTimeout", "500ms"), Map.of(), Optional.empty())
                .lockTimeout());
        assertEquals(Duration.ofHours(2), resolve(Map.of("lockTimeout", "2h"), Map.of(), Optional.empty())
                .lockTimeout());
        assertEquals(Duration.ofSeconds(90), resolve(Map.of("lockTimeout", "90"), Map.of(), Optional.empty())
                .lockTimeout());
        assertEquals(Duration.ZERO, resolve(Map.of("lockTimeout", "0"), Map.of(), Optional.empty()).lockTimeout());
    }

    @Test
    void aValueThatIsNotADurationIsRefusedNamingItsSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of(), Map.of("PYCDS_LOCK_TIMEOUT", "5 minutes"), Optional.empty()));
        assertEquals("lockTimeout (PYCDS_LOCK_TIMEOUT) '5 minutes' is not a duration: write it as 500ms, 30s, 5min "
                + "or 2h. Nothing was changed.", e.getMessage());
        IllegalArgumentException retries = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("ddlLockRetries", "-1"), Map.of(), Optional.empty()));
        assertEquals("ddlLockRetries (PYCDS_DDL_LOCK_RETRIES) '-1' is not a number of retries from 0 to 1000. "
                + "Nothing was changed.", retries.getMessage());
    }

    @Test
    void thePauseAfterAnAttemptDoublesFromTheLockTimeoutUpToAMinute() {
        LockSettings locks = resolve(Map.of("ddlLockTimeout", "5s"), Map.of(), Optional.empty());
        assertEquals(Duration.ofSeconds(5), locks.backoff(1));
        assertEquals(Duration.ofSeconds(10), locks.backoff(2));
        assertEquals(Duration.ofSeconds(40), locks.backoff(4));
        assertEquals(Duration.ofMinutes(1), locks.backoff(5));
        assertEquals(Duration.ofMinutes(1), locks.backoff(1000));
    }

    @Test
    void settingsWithoutLockSettingsGetTheDefaults() {
        Settings settings = new Settings(Optional.empty(), Optional.empty(), Optional.empty(), "crmp", "pcicdba",
                Map.of());
        assertEquals(LockSettings.defaults(), settings.locks());
    }

    private LockSettings resolve(Map<String, String> commandLine, Map<String, String> environment,
                                 Optional<String> label) {
        return new ConfigResolver(commandLine, environment, environments).resolve(label).locks();
    }
}
