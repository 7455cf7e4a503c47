package org.pacificclimate.crmp.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.pacificclimate.crmp.catalog.CatalogObjects;
import org.pacificclimate.crmp.catalog.CatalogObjects.Key;
import org.pacificclimate.crmp.liquibase.RevisionNeeds.Need;
import org.pacificclimate.crmp.liquibase.RevisionNeeds.Role;
import org.pacificclimate.crmp.migration.Revision;

/**
 * The pre-flight of a whole plan: before its first revision runs, every privilege its revisions need, found from the
 * changelog ({@link RevisionNeeds}) and from the objects the plan touches ({@link CatalogVerification}), checked
 * with read-only queries. Each problem is one line; a plan with any is refused before anything runs, instead of
 * failing at the revision that needs the privilege after the ones before it were applied.
 */
final class Preflight {

    private final Connection connection;
    private final String suRoleName;
    private final Map<String, Optional<Boolean>> superusers = new HashMap<>();

    private Preflight(Connection connection, String suRoleName) {
        this.connection = connection;
        this.suRoleName = suRoleName;
    }

    /**
     * @param needs   what the planned revisions' steps need, in the order they run
     * @param live    the schema's catalog
     * @param touched the objects the planned revisions create, change or drop
     * @return one line per problem; empty when the plan can run
     */
    static List<String> problems(Connection connection, String suRoleName, List<RevisionNeeds> needs, JsonNode live,
                                 Set<Key> touched) throws SQLException {
        Preflight preflight = new Preflight(connection, suRoleName);
        List<String> problems = new ArrayList<>();
        preflight.extensionsAndLanguages(needs, problems);
        preflight.owners(live, touched, problems);
        return problems;
    }

    private void extensionsAndLanguages(List<RevisionNeeds> plan, List<String> problems) throws SQLException {
        // The first revision of each need. Keyed by text: a record's hashCode is bootstrapped through method handles,
        // ~20 ms of a cold launcher.
        Map<String, Map.Entry<Need, Revision>> firsts = new LinkedHashMap<>();
        for (RevisionNeeds revision : plan) {
            for (Need need : revision.needs()) {
                firsts.putIfAbsent(need.kind() + ' ' + need.name() + ' ' + need.role(),
                        Map.entry(need, revision.revision()));
            }
        }
        List<Map.Entry<Need, Revision>> first = List.copyOf(firsts.values());
        String login = value("SELECT current_user");
        String database = value("SELECT current_database()");
        for (Map.Entry<Need, Revision> entry : first) {
            Need need = entry.getKey();
            Revision revision = entry.getValue();
            String role = need.role() == Role.ELEVATED ? suRoleName : login;
            Optional<Boolean> superuser = superuser(role);
            if (superuser.isEmpty()) {
                continue; // the elevated role is missing: Prerequisites says so
            }
            String who = "revision " + revision.id() + " (" + revision.message() + ")";
            if (need.kind().equals("extension")) {
                if (exists("SELECT 1 FROM pg_extension WHERE extname = ?", need.name())) {
                    continue; // IF NOT EXISTS: nothing to install
                }
                List<String> trusted = column("SELECT v.trusted::text FROM pg_available_extensions e "
                        + "JOIN pg_available_extension_versions v ON v.name = e.name AND v.version = e.default_version "
                        + "WHERE e.name = ?", need.name());
                if (trusted.isEmpty()) {
                    problems.add(who + " installs extension " + need.name() + ", which the server does not have "
                            + "(install the package that provides it, e.g. postgresql-contrib-15)");
                } else if (!superuser.get()) {
                    boolean mayCreate = exists("SELECT 1 WHERE has_database_privilege(?, current_database(), 'CREATE')",
                            role);
                    if (!trusted.get(0).equals("true")) {
                        problems.add(who + " installs extension " + need.name() + " as " + role + ", which is not a "
                                + "superuser (the extension is not trusted): have a superuser run CREATE EXTENSION "
                                + need.name() + " SCHEMA public first");
                    } else if (!mayCreate) {
                        problems.add(who + " installs extension " + need.name() + " as " + role + ", which lacks "
                                + "CREATE on database " + database + ": GRANT CREATE ON DATABASE " + database + " TO "
                                + role + ", or have a superuser run CREATE EXTENSION " + need.name()
                                + " SCHEMA public first");
                    }
                }
            } else {
                List<String> trusted = column("SELECT lanpltrusted::text FROM pg_language WHERE lanname = ?",
                        need.name());
                if (trusted.isEmpty()) {
                    problems.add(who + " creates functions in language " + need.name() + ", which is not installed "
                            + "in this database (CREATE EXTENSION " + need.name() + " as a superuser)");
                } else if (!trusted.get(0).equals("true") && !superuser.get()) {
                    problems.add(who + " creates functions in the untrusted language " + need.name() + " as " + role
                            + ", which is not a superuser");
                }
            }
        }
    }

    /** Every object the plan touches that exists must belong to a role the login role is a member of. */
    private void owners(JsonNode live, Set<Key> touched, List<String> problems) throws SQLException {
        SortedMap<Key, JsonNode> objects = CatalogObjects.of(live);
        Set<Key> owners = new TreeSet<>();
        touched.forEach(k -> owners.add(k.owner()));
        Map<String, Boolean> member = new HashMap<>();
        for (Key key : owners) {
            JsonNode object = objects.get(key);
            if (object == null || !object.hasNonNull("owner")) {
                continue;
            }
            String owner = object.get("owner").asText();
            Boolean ok = member.get(owner);
            if (ok == null) {
                ok = exists("SELECT 1 FROM pg_roles WHERE rolname = ? AND pg_has_role(current_user, oid, 'MEMBER')",
                        owner);
                member.put(owner, ok);
            }
            if (!ok) {
                problems.add(key + " belongs to role " + owner + ", of which the login role is not a member: the "
                        + "planned revisions change it, which needs its owner");
            }
        }
    }

    private Optional<Boolean> superuser(String role) throws SQLException {
        Optional<Boolean> known = superusers.get(role);
        if (known == null) {
            List<String> found = column("SELECT rolsuper::text FROM pg_roles WHERE rolname = ?", role);
            known = found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).equals("true"));
            superusers.put(role, known);
        }
        return known;
    }

    private String value(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private boolean exists(String sql, String parameter) throws SQLException {
        return !column(sql, parameter).isEmpty();
    }

    private List<String> column(String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            }
        }
    }
}
