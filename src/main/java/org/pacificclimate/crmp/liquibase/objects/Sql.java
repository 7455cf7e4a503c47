package org.pacificclimate.crmp.liquibase.objects;

import static org.pacificclimate.crmp.liquibase.objects.CatalogReader.TOKEN;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import liquibase.CatalogAndSchema;
import liquibase.database.Database;
import liquibase.diff.compare.CompareControl;
import liquibase.diff.output.DiffOutputControl;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Schema;

import org.pacificclimate.crmp.liquibase.diff.Ddl;

/**
 * The SQL of the generated changes: written with {@link Ddl} (names qualified {@code ${schemaName}.}, idempotent forms),
 * then the schema token replaced by the schema the change is for, as Liquibase names it for its own changes: the
 * comparison schema paired with the object's schema, or the {@code outputSchemas} name given for it.
 */
final class Sql {

    private static final Map<Character, String> PRIVILEGES = new LinkedHashMap<>();

    static {
        PRIVILEGES.put('r', "SELECT");
        PRIVILEGES.put('a', "INSERT");
        PRIVILEGES.put('w', "UPDATE");
        PRIVILEGES.put('d', "DELETE");
        PRIVILEGES.put('D', "TRUNCATE");
        PRIVILEGES.put('x', "REFERENCES");
        PRIVILEGES.put('t', "TRIGGER");
        PRIVILEGES.put('X', "EXECUTE");
        PRIVILEGES.put('U', "USAGE");
        PRIVILEGES.put('C', "CREATE");
        PRIVILEGES.put('c', "CONNECT");
        PRIVILEGES.put('T', "TEMPORARY");
        PRIVILEGES.put('m', "MAINTAIN");
    }

    private Sql() {
    }

    /** A change running {@code up}, undone by {@code down} ({@code null}: no rollback; empty: nothing to undo). */
    static ObjectSqlChange change(String schema, List<String> up, List<String> down) {
        return new ObjectSqlChange(render(String.join("\n", up), schema),
                down == null ? null : render(String.join("\n", down), schema));
    }

    /** {@code text} with the schema token replaced: {@code '${schemaName}'} by the name, qualifiers by the identifier. */
    static String render(String text, String schema) {
        return text.replace("'" + TOKEN + "'", "'" + schema.replace("'", "''") + "'").replace(TOKEN, Ddl.id(schema));
    }

    /**
     * The schema a change about {@code object} is for. {@code fromReference}: the object was read in the reference
     * database (missing, changed), else in the compared one (unexpected).
     */
    static String targetSchema(DatabaseObject object, boolean fromReference, DiffOutputControl control,
                               Database comparisonDatabase) {
        return targetSchema(object, fromReference, control, comparisonDatabase, true);
    }

    /** The compared database's schema a change about {@code object} is for, whatever name the output gives it. */
    static String comparisonSchema(DatabaseObject object, boolean fromReference, DiffOutputControl control,
                                   Database comparisonDatabase) {
        return targetSchema(object, fromReference, control, comparisonDatabase, false);
    }

    private static String targetSchema(DatabaseObject object, boolean fromReference, DiffOutputControl control,
                                       Database comparisonDatabase, boolean outputName) {
        Schema schema = object.getSchema();
        String name = schema == null ? null : schema.getName();
        CompareControl.SchemaComparison[] comparisons = control.getSchemaComparisons();
        if (comparisons != null) {
            for (CompareControl.SchemaComparison comparison : comparisons) {
                CatalogAndSchema side = fromReference ? comparison.getReferenceSchema() : comparison.getComparisonSchema();
                String sideName = side == null ? null : side.getSchemaName();
                if (sideName == null || name == null || sideName.equalsIgnoreCase(name)) {
                    if (outputName && comparison.getOutputSchemaAs() != null) {
                        return comparison.getOutputSchemaAs();
                    }
                    String target = comparison.getComparisonSchema() == null ? null
                            : comparison.getComparisonSchema().getSchemaName();
                    if (target != null) {
                        return target;
                    }
                    break;
                }
            }
        }
        if (!fromReference && name != null) {
            return name;
        }
        return comparisonDatabase.getDefaultSchemaName();
    }

    /** A relation, or a routine named {@code name(arguments)}, qualified with the schema token. */
    static String object(String name) {
        int paren = name.indexOf('(');
        return paren < 0 ? Ddl.q(name) : TOKEN + "." + Ddl.id(name.substring(0, paren)) + name.substring(paren);
    }

    static String role(String role) {
        return "PUBLIC".equals(role) ? "PUBLIC" : Ddl.id(role);
    }

    /** The statements that take {@code grantee}'s privileges on an object from {@code from} to {@code to}. */
    static List<String> grantChanges(String keyword, String object, String grantee, String from, String to) {
        Map<Character, Boolean> have = privileges(from);
        Map<Character, Boolean> want = privileges(to);
        List<Character> revoke = new ArrayList<>();
        List<Character> revokeOption = new ArrayList<>();
        List<Character> grant = new ArrayList<>();
        List<Character> grantWithOption = new ArrayList<>();
        for (Character letter : PRIVILEGES.keySet()) {
            Boolean h = have.get(letter);
            Boolean w = want.get(letter);
            if (h != null && w == null) {
                revoke.add(letter);
            } else if (h == null && w != null) {
                (w ? grantWithOption : grant).add(letter);
            } else if (h != null && !h.equals(w)) {
                (w ? grantWithOption : revokeOption).add(letter);
            }
        }
        String on = " ON " + keyword + " " + object(object);
        String who = role(grantee);
        List<String> out = new ArrayList<>();
        if (!revoke.isEmpty()) {
            out.add("REVOKE " + names(revoke) + on + " FROM " + who + ";");
        }
        if (!revokeOption.isEmpty()) {
            out.add("REVOKE GRANT OPTION FOR " + names(revokeOption) + on + " FROM " + who + ";");
        }
        if (!grant.isEmpty()) {
            out.add("GRANT " + names(grant) + on + " TO " + who + ";");
        }
        if (!grantWithOption.isEmpty()) {
            out.add("GRANT " + names(grantWithOption) + on + " TO " + who + " WITH GRANT OPTION;");
        }
        return out;
    }

    /** aclitem letters to privilege → with grant option. */
    private static Map<Character, Boolean> privileges(String letters) {
        Map<Character, Boolean> out = new LinkedHashMap<>();
        if (letters == null) {
            return out;
        }
        for (int i = 0; i < letters.length(); i++) {
            char letter = letters.charAt(i);
            if (letter == '*') {
                continue;
            }
            if (!PRIVILEGES.containsKey(letter)) {
                throw new IllegalArgumentException("unknown privilege '" + letter + "' in " + letters);
            }
            out.put(letter, i + 1 < letters.length() && letters.charAt(i + 1) == '*');
        }
        return out;
    }

    private static String names(List<Character> letters) {
        List<String> out = new ArrayList<>();
        letters.forEach(l -> out.add(PRIVILEGES.get(l)));
        return String.join(", ", out);
    }
}
