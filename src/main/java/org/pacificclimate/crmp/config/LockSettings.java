package org.pacificclimate.crmp.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a migration waits for locks (docs/reliability.md), resolved with the other settings by {@link ConfigResolver}:
 * command line &gt; environment &gt; {@code environments/<label>.properties} &gt; defaults.
 *
 * @param lockTimeout    how long a migration waits for the migration lock of its schema (held by another migration
 *                       of the same schema) before it gives up: exit code 4
 * @param ddlLockTimeout the {@code lock_timeout} of each step of a revision: how long one attempt of a step waits for
 *                       a table lock before it gives way to the queries queued behind it
 * @param ddlLockRetries how many times a step whose attempt timed out is tried again (with back-off) before the
 *                       revision fails
 * @param sources        where each value came from, by {@link Key#key()}
 */
public record LockSettings(Duration lockTimeout, Duration ddlLockTimeout, int ddlLockRetries,
                           Map<String, String> sources) {

    /** The longest pause between two attempts of a step. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** More retries than this is a typo, not a plan. */
    public static final int MAX_RETRIES = 1000;

    /** The settings, each with its key on every channel, its environment variable and its default. */
    public enum Key {
        LOCK_TIMEOUT("lockTimeout", "PYCDS_LOCK_TIMEOUT", "5min",
                "how long to wait for the migration lock of the schema"),
        DDL_LOCK_TIMEOUT("ddlLockTimeout", "PYCDS_DDL_LOCK_TIMEOUT", "5s",
                "how long one attempt of a revision's step waits for a table lock"),
        DDL_LOCK_RETRIES("ddlLockRetries", "PYCDS_DDL_LOCK_RETRIES", "10",
                "how many times a step that timed out waiting for a lock is tried again");

        private final String key;
        private final String environmentVariable;
        private final String defaultValue;
        private final String description;

        Key(String key, String environmentVariable, String defaultValue, String description) {
            this.key = key;
            this.environmentVariable = environmentVariable;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        /** The label-file setting, the launcher's {@code -x} key, and {@code pycds.<key>} for Maven's {@code -D}. */
        public String key() {
            return key;
        }

        public String systemProperty() {
            return "pycds." + key;
        }

        public String environmentVariable() {
            return environmentVariable;
        }

        public String defaultValue() {
            return defaultValue;
        }

        public String description() {
            return description;
        }
    }

    public LockSettings {
        sources = Map.copyOf(sources);
    }

    /** Every default. */
    public static LockSettings defaults() {
        return new LockSettings(duration(Key.LOCK_TIMEOUT, Key.LOCK_TIMEOUT.defaultValue()),
                duration(Key.DDL_LOCK_TIMEOUT, Key.DDL_LOCK_TIMEOUT.defaultValue()),
                retries(Key.DDL_LOCK_RETRIES.defaultValue()), Map.of());
    }

    /** From text values by key (already chosen by precedence); each is validated. */
    static LockSettings of(Map<Key, String> values, Map<String, String> sources) {
        return new LockSettings(duration(Key.LOCK_TIMEOUT, values.get(Key.LOCK_TIMEOUT)),
                duration(Key.DDL_LOCK_TIMEOUT, values.get(Key.DDL_LOCK_TIMEOUT)),
                retries(values.get(Key.DDL_LOCK_RETRIES)), sources);
    }

    /** Attempts of a step in all: the first one and the retries. */
    public int ddlLockAttempts() {
        return ddlLockRetries + 1;
    }

    /**
     * The pause after failed attempt {@code attempt} (1-based): the lock timeout, doubled after each attempt, at most
     * {@link #MAX_BACKOFF}. Readers queued behind the step's lock request get the table back during the pause.
     */
    public Duration backoff(int attempt) {
        long millis = Math.max(ddlLockTimeout.toMillis(), 1);
        for (int i = 1; i < attempt && millis < MAX_BACKOFF.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    // The lines and the message of a step that waits for table locks, the same for every kind of step.

    /**
     * Why an attempt failed, for people, when it was a lock timeout ({@code 55P03}) or a deadlock ({@code 40P01});
     * empty for any other SQL state: not something to try again.
     */
    public Optional<String> lockFailure(String sqlState) {
        if ("40P01".equals(sqlState)) {
            return Optional.of("was chosen as a deadlock victim");
        }
        if ("55P03".equals(sqlState)) {
            return Optional.of("waited " + describe(ddlLockTimeout) + " for a lock");
        }
        return Optional.empty();
    }

    /** "lock wait   WHAT  attempt 1 of 11 waited 5 s for a lock; next attempt in 5 s". */
    public String retryNotice(String what, int attempt, String failure) {
        return "lock wait   " + what + "  attempt " + attempt + " of " + ddlLockAttempts() + " " + failure
                + "; next attempt in " + describe(backoff(attempt));
    }

    /** "lock wait   WHAT  attempt 11 of 11 waited 5 s for a lock: giving up". */
    public String giveUpNotice(String what, int attempt, String failure) {
        return "lock wait   " + what + "  attempt " + attempt + " of " + ddlLockAttempts() + " " + failure
                + ": giving up";
    }

    /** "lock wait   WHAT  attempt 3 of 11 got its locks". */
    public String gotLocksNotice(String what, int attempt) {
        return "lock wait   " + what + "  attempt " + attempt + " of " + ddlLockAttempts() + " got its locks";
    }

    /** The failure of a step that gave up; {@code cause}: the first line of the last attempt's error. */
    public String gaveUpMessage(String what, String cause) {
        int attempts = ddlLockAttempts();
        return what + " did not get its locks in " + attempts + " attempt" + (attempts == 1 ? "" : "s") + " of "
                + describe(ddlLockTimeout) + " (ddlLockTimeout) each: another session holds a lock on an object it "
                + "changes (" + cause + "). Find it with SELECT pid, state, query FROM pg_stat_activity WHERE datname = "
                + "current_database(); ddlLockRetries sets how many times a step is tried again";
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|h)?");

    /**
     * A duration as PostgreSQL writes its settings: {@code 500ms}, {@code 30s}, {@code 5min}, {@code 2h}; a bare
     * number is seconds.
     */
    static Duration duration(Key key, String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(key.key() + " (" + key.environmentVariable() + ") '" + text
                    + "' is not a duration: write it as 500ms, 30s, 5min or 2h.");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    static int retries(String text) {
        Key key = Key.DDL_LOCK_RETRIES;
        String value = text == null ? "" : text.strip();
        if (!value.matches("\\d{1,4}") || Integer.parseInt(value) > MAX_RETRIES) {
            throw new IllegalArgumentException(key.key() + " (" + key.environmentVariable() + ") '" + text
                    + "' is not a number of retries from 0 to " + MAX_RETRIES + ".");
        }
        return Integer.parseInt(value);
    }

    /** "5 s", "1.5 s", "5 min": a duration for people. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return String.format(Locale.ROOT, "%d min %d s", millis / 60_000, (millis % 60_000) / 1000);
    }
}
