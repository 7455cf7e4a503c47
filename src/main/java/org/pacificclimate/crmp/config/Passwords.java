package org.pacificclimate.crmp.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a login role's password as libpq does, so that what works for psql works here: {@code PGPASSWORD}, then the
 * password file ({@code PGPASSFILE}, else {@code ~/.pgpass}), whose first line matching
 * {@code host:port:database:username} wins ({@code *} matches anything, {@code \:} and {@code \\} escape). Like libpq,
 * a password file that others may read is ignored (with a warning). Passwords never come from a file under version
 * control.
 */
public final class Passwords {

    /** A password and where it came from ("PGPASSWORD", "/home/me/.pgpass line 3"), for messages. */
    public record Found(String password, String source) {
        @Override
        public String toString() {
            return "password from " + source; // never the password itself
        }
    }

    private Passwords() {
    }

    /**
     * @param environment the process environment ({@code PGPASSWORD}, {@code PGPASSFILE}, {@code HOME})
     * @param warnings    receives a line when a password file is ignored
     */
    public static Optional<Found> find(JdbcUrl target, String username, Map<String, String> environment,
                                       List<String> warnings) {
        String fromEnvironment = environment.get("PGPASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return Optional.of(new Found(fromEnvironment, "PGPASSWORD"));
        }
        Path file = passwordFile(environment);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (othersMayRead(file)) {
            warnings.add("password file " + file + " is ignored: others may read it (chmod 600 " + file + ")");
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            warnings.add("password file " + file + " could not be read: " + e.getMessage());
            return Optional.empty();
        }
        String[] wanted = {target.host(), Integer.toString(target.port()), target.database(), username};
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() < 5) {
                continue; // libpq skips malformed lines
            }
            boolean matches = true;
            for (int f = 0; f < 4 && matches; f++) {
                matches = fields.get(f).equals("*") || fields.get(f).equals(wanted[f]);
            }
            if (matches) {
                return Optional.of(new Found(fields.get(4), file + " line " + (n + 1)));
            }
        }
        return Optional.empty();
    }

    /** The password file libpq would read: {@code PGPASSFILE}, else {@code ~/.pgpass}. */
    public static Path passwordFile(Map<String, String> environment) {
        String explicit = environment.get("PGPASSFILE");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return home == null ? null : Path.of(home, ".pgpass");
    }

    /** Splits a line at unescaped colons; the fifth field is the rest of the line (a password may hold colons). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }

    private static boolean othersMayRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)
                    || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                    || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
