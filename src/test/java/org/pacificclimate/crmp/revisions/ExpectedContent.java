package org.pacificclimate.crmp.revisions;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * The contents the native matviews of revisions 16–21 must have, computed in Java from the rows of
 * {@code obs_raw}, {@code meta_history} and {@code meta_vars}, independently of the SQL under test (whose bodies
 * are {@code changelog/objects/matviews/<name>/<revision>.sql}). Values are text as JDBC's getString gives them;
 * NULL history ids sort last.
 */
final class ExpectedContent {

    private static final Comparator<String> NUMERIC_NULLS_LAST =
            Comparator.nullsLast(Comparator.comparingLong(Long::parseLong));

    private ExpectedContent() {
    }

    /** One observation: history_id, vars_id (either may be NULL), obs_time. */
    record Obs(String historyId, String varsId, String obsTime) {
    }

    /** One variable of meta_vars. */
    record Var(int varsId, String netVarName, String standardName, String cellMethod, String displayName) {

        /**
         * variable_tags ({@code changelog/objects/functions/variable_tags/83896ee79b06.sql}): {climatology} when
         * net_var_name contains "climatology" in any letter case, else {observation} (also for a NULL name).
         */
        String tag() {
            return netVarName != null && netVarName.toLowerCase().contains("climatology") ? "climatology" : "observation";
        }

        /** The identifier collapsed_vars_mv builds: standard_name + cell_method with "time: " → "_" (NULL if either is). */
        String identifier() {
            return standardName == null || cellMethod == null ? null : standardName + cellMethod.replace("time: ", "_");
        }
    }

    static List<Obs> observations(TestDatabase db) throws SQLException {
        return db.rows("SELECT history_id, vars_id, obs_time FROM crmp.obs_raw").stream()
                .map(r -> new Obs(r.get(0), r.get(1), r.get(2))).toList();
    }

    static Map<Integer, Var> variables(TestDatabase db) throws SQLException {
        Map<Integer, Var> vars = new HashMap<>();
        for (List<String> r : db.rows("SELECT vars_id, net_var_name, standard_name, cell_method, display_name FROM crmp.meta_vars")) {
            int id = Integer.parseInt(r.get(0));
            vars.put(id, new Var(id, r.get(1), r.get(2), r.get(3), r.get(4)));
        }
        return vars;
    }

    /**
     * station_obs_stats_mv ({@code changelog/objects/matviews/station_obs_stats_mv/bf366199f463.sql}), ordered by
     * history_id: station_id, history_id, max_obs_time, min_obs_time, obs_count (distinct observation times);
     * observations without a history drop out.
     */
    static List<List<String>> stationObsStats(TestDatabase db) throws SQLException {
        Map<String, String> stationOfHistory = new HashMap<>();
        for (List<String> r : db.rows("SELECT history_id, station_id FROM crmp.meta_history")) {
            stationOfHistory.put(r.get(0), r.get(1));
        }
        Map<String, List<String>> timesByHistory = new TreeMap<>(NUMERIC_NULLS_LAST);
        for (Obs o : observations(db)) {
            if (o.historyId() != null) {
                timesByHistory.computeIfAbsent(o.historyId(), k -> new ArrayList<>()).add(o.obsTime());
            }
        }
        List<List<String>> rows = new ArrayList<>();
        timesByHistory.forEach((history, times) -> {
            List<String> known = times.stream().filter(Objects::nonNull).sorted().toList();
            rows.add(Arrays.asList(stationOfHistory.get(history), history,
                    known.isEmpty() ? null : known.get(known.size() - 1), known.isEmpty() ? null : known.get(0),
                    Long.toString(new HashSet<>(known).size())));
        });
        return rows;
    }

    /**
     * obs_count_per_month_history_mv
     * ({@code changelog/objects/matviews/obs_count_per_month_history_mv/bb2a222a1d4a.sql}): the number of
     * observations per (month, history), ordered by history_id then month (NULLs last): count, date_trunc,
     * history_id.
     */
    static List<List<String>> obsCountPerMonthHistory(TestDatabase db) throws SQLException {
        Map<List<String>, Long> counts = new HashMap<>();
        for (Obs o : observations(db)) {
            String month = o.obsTime() == null ? null : o.obsTime().substring(0, 8) + "01 00:00:00";
            counts.merge(Arrays.asList(month, o.historyId()), 1L, Long::sum);
        }
        Comparator<List<String>> order = Comparator.<List<String>, String>comparing(k -> k.get(1), NUMERIC_NULLS_LAST)
                .thenComparing(k -> k.get(0), Comparator.nullsLast(Comparator.naturalOrder()));
        return counts.keySet().stream().sorted(order)
                .map(k -> Arrays.asList(Long.toString(counts.get(k)), k.get(0), k.get(1))).toList();
    }

    /**
     * The variables of each history (NULL history included) as collapsed_vars_mv sees them: the distinct
     * (history_id, vars_id) pairs of obs_raw with a variable, ordered by history_id, each list by vars_id.
     */
    static Map<String, List<Var>> variablesPerHistory(TestDatabase db) throws SQLException {
        Map<Integer, Var> vars = variables(db);
        Map<String, Set<Integer>> ids = new TreeMap<>(NUMERIC_NULLS_LAST);
        for (Obs o : observations(db)) {
            if (o.varsId() != null) {
                ids.computeIfAbsent(o.historyId(), k -> new TreeSet<>()).add(Integer.parseInt(o.varsId()));
            }
        }
        Map<String, List<Var>> out = new LinkedHashMap<>();
        ids.forEach((history, set) -> out.put(history, set.stream().map(vars::get).toList()));
        return out;
    }

    /**
     * collapsed_vars_mv version 2 ({@code changelog/objects/matviews/collapsed_vars_mv/fecff1a73d7e.sql}), ordered
     * by history_id: history_id, vars_ids (ascending), unique_variable_tags (sorted, as our definition sorts them;
     * PyCDS leaves the order unspecified), display_names (joined with "|" by vars_id, NULLs skipped), vars
     * (joined with ", " by vars_id) — arrays in PostgreSQL's text form.
     */
    static List<List<String>> collapsedVarsV2(TestDatabase db) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        variablesPerHistory(db).forEach((history, vars) -> rows.add(Arrays.asList(history,
                vars.stream().map(v -> Integer.toString(v.varsId())).collect(Collectors.joining(",", "{", "}")),
                vars.stream().map(Var::tag).distinct().sorted().collect(Collectors.joining(",", "{", "}")),
                joinNonNull(vars.stream().map(Var::displayName).toList(), "|"),
                joinNonNull(vars.stream().map(Var::identifier).toList(), ", "))));
        return rows;
    }

    /** string_agg: the non-NULL values joined, NULL if there are none. */
    static String joinNonNull(List<String> values, String separator) {
        List<String> present = values.stream().filter(Objects::nonNull).toList();
        return present.isEmpty() ? null : String.join(separator, present);
    }
}
