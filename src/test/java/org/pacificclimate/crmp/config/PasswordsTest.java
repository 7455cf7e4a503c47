package org.pacificclimate.crmp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libpq's rules for finding a password: PGPASSWORD, then PGPASSFILE or ~/.pgpass, first matching line. */
@Tag("fast")
class PasswordsTest {

    private static final JdbcUrl TARGET = JdbcUrl.parse("jdbc:postgresql://db.example:5433/pcds");

    @TempDir
    Path home;

    @Test
    void pgpasswordComesFirst() throws IOException {
        pgpass("*:*:*:*:from-file\n");
        assertEquals(Optional.of("from-env PGPASSWORD"), find("migrator", Map.of("PGPASSWORD", "from-env")));
    }

    @Test
    void theFirstMatchingLineOfPgpassWins() throws IOException {
        pgpass("""
                # comment
                other.host:5433:pcds:migrator:wrong-host
                db.example:5432:pcds:migrator:wrong-port
                db.example:5433:pcds:someone:wrong-user
                db.example:5433:*:migrator:right
                *:*:*:*:too-late
                """);
        assertEquals(Optional.of("right " + home.resolve(".pgpass") + " line 5"), find("migrator", Map.of()));
    }

    @Test
    void escapedColonsAndBackslashesAreTakenLiterally() throws IOException {
        pgpass("db.example:5433:pcds:migrator:a\\:b\\\\c:d\n");
        assertEquals(Optional.of("a:b\\c:d " + home.resolve(".pgpass") + " line 1"), find("migrator", Map.of()));
    }

    @Test
    void pgpassfileNamesAnotherFile() throws IOException {
        Path file = home.resolve("elsewhere");
        Files.writeString(file, "*:*:pcds:*:there\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.of("there " + file + " line 1"), find("migrator", Map.of("PGPASSFILE", file.toString())));
    }

    @Test
    void aPasswordFileOthersMayReadIsIgnoredWithAWarning() throws IOException {
        pgpass("*:*:*:*:exposed\n");
        Files.setPosixFilePermissions(home.resolve(".pgpass"), PosixFilePermissions.fromString("rw-r--r--"));
        List<String> warnings = new ArrayList<>();
        assertEquals(Optional.empty(), Passwords.find(TARGET, "migrator", Map.of("HOME", home.toString()), warnings));
        assertEquals(List.of("password file " + home.resolve(".pgpass") + " is ignored: others may read it (chmod 600 "
                + home.resolve(".pgpass") + ")"), warnings);
    }

    @Test
    void noMatchingLineMeansNoPassword() throws IOException {
        pgpass("db.example:5433:other_db:migrator:nope\n");
        assertEquals(Optional.empty(), find("migrator", Map.of()));
    }

    @Test
    void theFoundPasswordIsNeverPrinted() {
        assertEquals("password from PGPASSWORD", new Passwords.Found("secret", "PGPASSWORD").toString());
    }

    @Test
    void aUrlWithoutHostOrPortHasPgjdbcsDefaults() {
        assertEquals(new JdbcUrl("localhost", 5432, "pcds"), JdbcUrl.parse("jdbc:postgresql:pcds"));
        assertEquals(new JdbcUrl("h", 5432, "d"), JdbcUrl.parse("jdbc:postgresql://h/d?ssl=true"));
    }

    private void pgpass(String text) throws IOException {
        Path file = home.resolve(".pgpass");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private Optional<String> find(String user, Map<String, String> environment) {
        Map<String, String> withHome = new java.util.HashMap<>(environment);
        withHome.put("HOME", home.toString());
        return Passwords.find(TARGET, user, withHome, new ArrayList<>()).map(f -> f.password() + " " + f.source());
    }
}
