package org.pacificclimate.crmp.liquibase;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

import org.pacificclimate.crmp.catalog.CatalogObjects;
import org.pacificclimate.crmp.catalog.CatalogObjects.Key;
import org.pacificclimate.crmp.catalog.ReferenceCatalogs;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;

/**
 * Idempotence that verifies: before the first revision of a run, the objects the planned revisions create, change or
 * drop must be exactly as the recorded revision left them, as the reference catalog of that revision
 * ({@link ReferenceCatalogs}) has them. The idempotent forms of the changelogs ({@code IF NOT EXISTS}, "skip when
 * already there") accept any object of the right name; this check makes sure that what they skip is what they would
 * have made.
 *
 * <ul>
 *   <li>The objects checked are those whose state differs between any two catalogs of the plan (recorded revision
 *       to target, both ways), so a change made outside the migrations to an object no planned revision touches (a
 *       DBA's extra index, an extra grant) does not stop a run.</li>
 *   <li>Equal to the recorded revision's catalog: the run goes on. Equal to the catalog of a later revision of the
 *       plan instead (the next one: a run stopped after that revision committed and before it was recorded; a later
 *       one: also a stamp below what the schema has; going down, the same with rollbacks): the revisions up to it
 *       run again, which their idempotent SQL makes no-ops that record them.</li>
 *   <li>Anything else is refused, naming each object and the difference, before anything runs.</li>
 *   <li>{@link #VARIANTS}: objects that a revision accepts in any state on purpose, as PyCDS does (production
 *       databases that had them before), are not checked.</li>
 *   <li>A recorded revision without a reference catalog (one added after PyCDS's 29) is not checked; a plan that goes
 *       beyond the last reference catalog is checked on the objects the revisions with one touch.</li>
 * </ul>
 */
public final class CatalogVerification {

    /**
     * Objects some revision accepts in whatever state it finds them, as PyCDS does: it skips creating them when one
     * of that name exists (production databases had some already), or converts them only when they are not yet
     * converted. These are never compared. Each entry names the revision whose changelog handles it; a test checks
     * that its SQL names every object listed.
     */
    private static final String BASE = "522eed334c85";

    public static final List<Variant> VARIANTS = List.of(
            new Variant("bdc28573df56", "an obs_raw index of one of these names is kept as it is",
                    List.of(index("obs_raw", "mod_time_idx"), index("obs_raw", "obs_raw_comp_idx"),
                            index("obs_raw", "obs_raw_history_id_idx"), index("obs_raw", "obs_raw_id_idx"))),
            new Variant("e688e520d265", "the unique constraint may be gone and the primary key already there",
                    List.of(whole("tables", "obs_raw_native_flags"), whole("tables", "obs_raw_pcic_flags"))),
            new Variant("2914c6c8a7f9", "meta_climo_attrs may be gone already",
                    List.of(whole("tables", "meta_climo_attrs"))),
            new Variant("0d99ba90c229", "an index of one of these names is kept as it is",
                    List.of(index("climo_obs_count_mv", "climo_obs_count_idx"),
                            index("collapsed_vars_mv", "collapsed_vars_idx"),
                            index("meta_history", "fki_meta_history_station_id_fk"),
                            index("meta_history", "meta_history_freq_idx"),
                            index("meta_history", "idx_meta_history_the_geom"),
                            index("meta_station", "fki_meta_station_network_id_fkey"),
                            index("meta_vars", "fki_meta_vars_network_id_fkey"),
                            index("obs_count_per_month_history_mv", "obs_count_per_month_history_idx"),
                            index("station_obs_stats_mv", "station_obs_stats_mv_idx"))),
            matview("96729d6db8b3", "climo_obs_count_mv", "climo_obs_count_v"),
            matview("bf366199f463", "station_obs_stats_mv", "station_obs_stats_v"),
            matview("22819129a609", "collapsed_vars_mv", "collapsed_vars_v"),
            new Variant("22819129a609", "crmp_network_geoserver, which a materialized view collapsed_vars_mv made by "
                    + "hand made someone drop, is created if it is missing", List.of(relation("crmp_network_geoserver")))
                    .since("84b7fc2596d5"),
            matview("bb2a222a1d4a", "obs_count_per_month_history_mv", "obs_count_per_month_history_v"),
            new Variant("081f17262852", "a weather-anomaly object that is a materialized view already is left alone",
                    List.of(relation("monthly_total_precipitation_mv"), relation("daily_max_temperature_mv"),
                            relation("daily_min_temperature_mv"),
                            relation("monthly_average_of_daily_max_temperature_mv"),
                            relation("monthly_average_of_daily_min_temperature_mv"))).since("8fd8f556c548"),
            new Variant("f6d5a4c2e901", "an obs_raw index of this name is kept as it is",
                    List.of(index("obs_raw", "obs_raw_history_obs_time_idx"))));

    /** A marker comment: "&lt;what&gt; by revision &lt;revision&gt;", a sentence without a final period. */
    private static final java.util.regex.Pattern MARKER = java.util.regex.Pattern.compile(
            "[A-Z][^\\n]* by revision [0-9a-f]{12}");

    private static final List<String> RELATIONS = List.of("tables", "views", "materialized_views", "sequences");

    private static final int CACHED_REFERENCES = 40;
    private static final Map<String, Optional<JsonNode>> REFERENCES = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<JsonNode>> eldest) {
                    return size() > CACHED_REFERENCES;
                }
            });

    private CatalogVerification() {
    }

    /**
     * Objects a revision accepts in any state.
     *
     * @param revision  the revision whose changelog accepts them
     * @param since     the revision from which on they can be there (the one that first creates them): before it, a
     *                  schema with them is compared as any other
     * @param why       what the revision does with them, for people
     * @param objects   the objects: group, relation, and optionally part and item (null: any)
     */
    public record Variant(String revision, String since, String why, List<Pattern> objects) {
        public Variant(String revision, String why, List<Pattern> objects) {
            this(revision, BASE, why, objects);
        }

        /** The same variant, possible only from revision {@code since} on (when the objects first exist). */
        Variant since(String revisionId) {
            return new Variant(revision, revisionId, why, objects);
        }

        boolean covers(Key key) {
            return objects.stream().anyMatch(p -> p.matches(key));
        }

        /** Whether the variant can be there in a schema recorded at {@code recorded} (a position of the chain). */
        boolean possibleAt(RevisionChain chain, int recorded) {
            return chain.find(since).map(r -> recorded >= r.number()).orElse(true);
        }
    }

    /** Objects of one relation: of any group among {@code groups}, and the given part and item (null: any). */
    public record Pattern(Set<String> groups, String name, String part, String item) {
        boolean matches(Key key) {
            return groups.contains(key.group()) && name.equals(key.name())
                    && (part == null || part.equals(key.part())) && (item == null || item.equals(key.item()));
        }
    }

    private static Pattern index(String relation, String index) {
        return new Pattern(Set.of("tables", "materialized_views"), relation, "indexes", index);
    }

    private static Pattern whole(String group, String relation) {
        return new Pattern(Set.of(group), relation, null, null);
    }

    private static Pattern relation(String name) {
        return new Pattern(Set.of("tables", "views", "materialized_views"), name, null, null);
    }

    private static Variant matview(String revision, String matview, String companionView) {
        return new Variant(revision, "when a materialized view of that name exists already, the revision does "
                + "nothing to it or its companion view", List.of(relation(matview), relation(companionView)));
    }

    /** What the check found. */
    public enum Outcome {
        /** The objects the plan touches are as the recorded revision left them. */
        MATCHES,
        /**
         * They are as a later revision of the plan leaves them (going down: an earlier one): the revisions up to it
         * ran but are not recorded (a crash between a revision's commit and its record, or a stamp below what the
         * schema has); going down, rolled back but still recorded.
         */
        DONE_BUT_NOT_RECORDED,
        /** The recorded revision has no reference catalog: nothing was checked. */
        NOT_CHECKED,
        /** Anything else: refused. */
        DIFFERS
    }

    /**
     * @param outcome     what was found
     * @param recorded    the recorded revision (empty: base)
     * @param next        the first revision of the plan (the one after the recorded one; going down, the recorded one)
     * @param through     for {@link Outcome#DONE_BUT_NOT_RECORDED}: the last revision of the plan whose work is done
     * @param checked     the objects compared (those the plan touches, variants excepted)
     * @param differences one line per object that differs, for {@link Outcome#DIFFERS}
     */
    public record Result(Outcome outcome, Optional<Revision> recorded, Optional<Revision> next,
                         Optional<Revision> through, Set<Key> checked, List<String> differences) {
    }

    /**
     * The reference catalog of position {@code position} of {@code chain} (0: base, the empty schema), as PyCDS
     * builds it in {@code schema}; empty when the revision has none.
     */
    public static Optional<JsonNode> reference(RevisionChain chain, int position, String schema) {
        if (position == 0) {
            return Optional.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
        Revision revision = chain.number(position);
        return REFERENCES.computeIfAbsent(ReferenceCatalogs.name(revision) + "@" + schema, key -> {
            try {
                return Optional.of(ReferenceCatalogs.after(revision, schema));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Compares the live catalog with the reference catalogs of a plan.
     *
     * @param live      the schema as it is ({@code CatalogDumper}'s format)
     * @param chain     the revisions
     * @param recorded  the position of the recorded revision (0: base)
     * @param target    the position the plan ends at (above {@code recorded}: an upgrade; below: a downgrade)
     * @param reference the reference catalog of a position, when there is one
     */
    public static Result compare(JsonNode live, RevisionChain chain, int recorded, int target,
                                 IntFunction<Optional<JsonNode>> reference) {
        return plan(chain, recorded, target, reference).compare(live);
    }

    /**
     * The reference catalogs of a plan, as far as there are some, and the objects they touch: what {@link #compare}
     * compares the live catalog with.
     */
    public static Plan plan(RevisionChain chain, int recorded, int target, IntFunction<Optional<JsonNode>> reference) {
        Optional<JsonNode> start = reference.apply(recorded);
        List<SortedMap<Key, JsonNode>> catalogs = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Set<Key> touched = new TreeSet<>();
        if (start.isEmpty() || target == recorded) {
            return new Plan(chain, recorded, target, catalogs, positions, touched);
        }
        int step = target > recorded ? 1 : -1;
        catalogs.add(CatalogObjects.of(start.get()));
        positions.add(recorded);
        for (int p = recorded + step; p != target + step; p += step) {
            Optional<JsonNode> catalog = reference.apply(p);
            if (catalog.isEmpty()) {
                break;
            }
            catalogs.add(CatalogObjects.of(catalog.get()));
            positions.add(p);
        }
        for (int i = 1; i < catalogs.size(); i++) {
            touched.addAll(CatalogObjects.differing(catalogs.get(i - 1), catalogs.get(i)));
        }
        // Tables, views, materialized views and sequences share one namespace: where the plan makes or drops one,
        // a relation of that name of another kind is a conflict too.
        for (Key key : List.copyOf(touched)) {
            if (key.part() == null && RELATIONS.contains(key.group())) {
                RELATIONS.forEach(group -> touched.add(new Key(group, key.name(), null, null)));
            }
        }
        touched.removeIf(key -> VARIANTS.stream().anyMatch(v -> v.covers(key) && v.possibleAt(chain, recorded)));
        return new Plan(chain, recorded, target, catalogs, positions, touched);
    }

    /**
     * The reference side of a verification.
     *
     * @param catalogs  the reference catalogs from the recorded revision towards the target, cut into objects (empty
     *                  when the recorded revision has none)
     * @param positions their positions in the chain
     * @param touched   the objects that differ between two of them (variants excepted): those compared
     */
    public record Plan(RevisionChain chain, int recorded, int target, List<SortedMap<Key, JsonNode>> catalogs,
                       List<Integer> positions, Set<Key> touched) {

        /** The names of the relations the plan touches: the only ones the live catalog needs to describe. */
        public Set<String> relations() {
            Set<String> names = new TreeSet<>();
            touched.stream().filter(k -> RELATIONS.contains(k.group())).forEach(k -> names.add(k.name()));
            return names;
        }

        /** Compares the live catalog (all of it, or at least the relations of {@link #relations()}). */
        public Result compare(JsonNode live) {
            Optional<Revision> recordedRevision = recorded == 0 ? Optional.empty() : Optional.of(chain.number(recorded));
            if (catalogs.isEmpty()) {
                return new Result(Outcome.NOT_CHECKED, recordedRevision, Optional.empty(), Optional.empty(), Set.of(),
                        List.of());
            }
            SortedMap<Key, JsonNode> actual = CatalogObjects.of(withoutMarkers(live));
            List<Key> differing = differingOn(touched, actual, catalogs.get(0));
            if (differing.isEmpty()) {
                return new Result(Outcome.MATCHES, recordedRevision, Optional.empty(), Optional.empty(), touched,
                        List.of());
            }
            boolean up = target > recorded;
            Optional<Revision> next = Optional.of(chain.number(up ? recorded + 1 : recorded));
            for (int i = 1; i < catalogs.size(); i++) {
                if (differingOn(touched, actual, catalogs.get(i)).isEmpty()) {
                    Revision through = chain.number(up ? positions.get(i) : positions.get(i) + 1);
                    return new Result(Outcome.DONE_BUT_NOT_RECORDED, recordedRevision, next, Optional.of(through),
                            touched, List.of());
                }
            }
            List<String> lines = new ArrayList<>();
            for (Key key : differing) {
                if (!orderExplainedByColumns(key, actual, catalogs.get(0))) {
                    lines.add(describe(key, actual.get(key), catalogs, positions, chain));
                }
            }
            return new Result(Outcome.DIFFERS, recordedRevision, next, Optional.empty(), touched, lines);
        }
    }

    /**
     * The catalog without the marker comments revisions leave for their own rollbacks ("Legacy trigger ... dropped
     * by revision 8c05da87cb79", docs/changelog-conventions.md), which no reference catalog has.
     */
    static JsonNode withoutMarkers(JsonNode catalog) {
        JsonNode copy = catalog.deepCopy();
        removeMarkers(copy);
        return copy;
    }

    private static void removeMarkers(JsonNode node) {
        if (node.isObject()) {
            JsonNode comment = node.get("comment");
            if (comment != null && comment.isTextual() && MARKER.matcher(comment.asText()).matches()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("comment");
            }
            node.forEach(CatalogVerification::removeMarkers);
        } else if (node.isArray()) {
            node.forEach(CatalogVerification::removeMarkers);
        }
    }

    /**
     * Whether {@code key} is a column order that differs only by columns present on one side, which the lines of
     * those columns name already.
     */
    private static boolean orderExplainedByColumns(Key key, Map<Key, JsonNode> actual, Map<Key, JsonNode> expected) {
        if (!"columns".equals(key.part()) || key.item() != null || actual.get(key) == null
                || expected.get(key) == null) {
            return false;
        }
        List<String> a = new ArrayList<>();
        List<String> e = new ArrayList<>();
        actual.get(key).forEach(n -> a.add(n.asText()));
        expected.get(key).forEach(n -> e.add(n.asText()));
        List<String> common = a.stream().filter(e::contains).toList();
        return !common.isEmpty() && common.equals(e.stream().filter(a::contains).toList()) && !a.equals(e);
    }

    private static List<Key> differingOn(Set<Key> keys, Map<Key, JsonNode> actual, Map<Key, JsonNode> expected) {
        return keys.stream().filter(k -> !CatalogObjects.same(actual.get(k), expected.get(k))).toList();
    }

    /** "column meta_network.network_display_name: is {...}; revision X has none; revision Y makes it {...}". */
    private static String describe(Key key, JsonNode actual, List<SortedMap<Key, JsonNode>> catalogs,
                                   List<Integer> positions, RevisionChain chain) {
        JsonNode expected = catalogs.get(0).get(key);
        String at = positions.get(0) == 0 ? "an empty schema (base)" : "revision " + chain.number(positions.get(0)).id();
        StringBuilder line = new StringBuilder(key.toString()).append(": ");
        if (actual == null) {
            line.append("missing, ").append(at).append(" has ").append(compact(expected));
        } else if (expected == null) {
            line.append("is there (").append(compact(actual)).append("), ").append(at).append(" has none");
        } else {
            List<String> fields = new ArrayList<>();
            List<String> diff = ReferenceCatalogs.differences(expected, actual);
            for (int i = 0; i < diff.size(); i++) {
                String text = diff.get(i);
                String path = text.substring(2, text.indexOf(':', 2));
                String value = text.substring(text.indexOf(':', 2) + 2);
                if (text.startsWith("- ")) {
                    boolean paired = i + 1 < diff.size() && diff.get(i + 1).startsWith("+ " + path + ":");
                    String found = paired ? diff.get(++i).substring(path.length() + 4) : "nothing";
                    fields.add((path.isEmpty() ? "" : path + " ") + found + " where " + at + " has " + value);
                } else {
                    fields.add((path.isEmpty() ? "" : path + " ") + value + " where " + at + " has nothing");
                }
            }
            line.append(String.join(", ", fields));
        }
        // What the plan would make of it: the first catalog of the plan where it changes.
        for (int i = 1; i < catalogs.size(); i++) {
            JsonNode then = catalogs.get(i).get(key);
            if (!CatalogObjects.same(then, catalogs.get(i - 1).get(key))) {
                Revision revision = chain.number(positions.get(i) > positions.get(0) ? positions.get(i)
                        : positions.get(i - 1));
                String verb = positions.get(i) > positions.get(0) ? "" : "the rollback of ";
                line.append("; ").append(verb).append("revision ").append(revision.id())
                        .append(then == null ? " drops it" : " makes it " + compact(then));
                break;
            }
        }
        return line.toString();
    }

    private static String compact(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }
}
