package org.pacificclimate.crmp.liquibase.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the diff found and what a revision must do about it: the differences (for people and {@code check}), the
 * steps (each with its exact inverse for the rollback) and what the diff cannot decide (TODOs: data migrations,
 * renames, NOT NULL on columns holding NULLs, narrowing type changes).
 */
public final class Plan {

    /** The order steps run in; the rollback runs the inverses in the reverse order. */
    public enum Phase {
        DROP_VIEWS("drop-views"),
        DROP_TRIGGERS("drop-triggers"),
        DROP_CONSTRAINTS("drop-constraints"),
        DROP_INDEXES("drop-indexes"),
        SEQUENCES("sequences"),
        TABLES("tables"),
        COLUMNS("columns"),
        FUNCTIONS("functions"),
        CONSTRAINTS("constraints"),
        FOREIGN_KEYS("foreign-keys"),
        INDEXES("indexes"),
        VIEWS("views"),
        VIEW_INDEXES("view-indexes"),
        TRIGGERS("triggers"),
        OWNERS("owners"),
        GRANTS("grants"),
        COMMENTS("comments"),
        DROP_FUNCTIONS("drop-functions"),
        DROP_COLUMNS("drop-columns"),
        DROP_TABLES("drop-tables"),
        DROP_SEQUENCES("drop-sequences");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A statement to run (text only), an existing object body file to run (file only:
     * {@code objects/<kind>/<name>/<version>.sql}, relative to the changelog directory), or a new object body file
     * the revision adds (both: the writer writes the text into the file, the revision runs the file).
     */
    public record Sql(String text, String objectFile) {
        public static Sql of(String text) {
            return new Sql(text, null);
        }

        public static Sql file(String objectFile) {
            return new Sql(null, objectFile);
        }

        public static Sql newFile(String objectFile, String text) {
            return new Sql(text, objectFile);
        }

        public boolean isFile() {
            return objectFile != null;
        }
    }

    /**
     * One step: what it does (for people), whether it runs under the elevated role, its statements and their inverse.
     * {@code order} orders steps within a phase (views by dependency).
     */
    public record Step(Phase phase, int order, boolean elevated, String label, List<Sql> up, List<Sql> down) {
    }

    private final List<String> differences = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<String> todos = new ArrayList<>();

    void difference(String text) {
        differences.add(text);
    }

    void step(Phase phase, int order, boolean elevated, String label, List<Sql> up, List<Sql> down) {
        steps.add(new Step(phase, order, elevated, label, List.copyOf(up), List.copyOf(down)));
    }

    void todo(String text) {
        todos.add(text);
    }

    public List<String> differences() {
        return List.copyOf(differences);
    }

    public List<String> todos() {
        return List.copyOf(todos);
    }

    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** The steps in the order the upgrade runs them. */
    public List<Step> upgrade() {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(Step::phase).thenComparingInt(Step::order));
        return sorted;
    }

    /** The steps in the order the rollback runs their inverses. */
    public List<Step> rollback() {
        List<Step> reversed = new ArrayList<>(upgrade());
        java.util.Collections.reverse(reversed);
        return reversed;
    }
}
