package org.pacificclimate.crmp.model;

import static org.pacificclimate.crmp.model.Owner.ELEVATED_ROLE;
import static org.pacificclimate.crmp.model.Owner.LOGIN_ROLE;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Table;

/**
 * The head schema (revision {@value #REVISION}), as one description: the entities of this package map its 18 tables
 * (columns, types, defaults, keys, constraints, plain indexes) and its 4 views and 11 materialized views (columns,
 * read-only); this registry holds what JPA cannot express: primary key names, sequences, functions, triggers, the
 * views' definitions and the materialized views' indexes, owners, grants, the comments on indexes and the
 * extensions the objects need.
 * Together they are enough to rebuild the head schema exactly ({@code liquibase.diff.ModelSchema} does), as
 * {@code docs/schema/head.sql} shows it.
 *
 * <p>Conventions (docs/autogenerate.md, "The model"):
 * <ul>
 *   <li>No class names a schema. SQL texts name the schema's own objects unqualified
 *       ({@code nextval('meta_vars_vars_id_seq'::regclass)}, {@code REFERENCES meta_network(network_id)}, the row
 *       type {@code meta_vars}) and the extensions' objects
 *       qualified with {@code public}; whoever builds the schema qualifies the former with the schema chosen at
 *       run time.</li>
 *   <li>The only exception is a name derived from the schema: PyCDS names the history tables' indexes
 *       {@code ix_<schema>_<table>_<column>}, written {@value #SCHEMA_PLACEHOLDER} in their {@code @Index} names
 *       ({@code ix_${schemaName}_meta_vars_hx_vars_id}), the placeholder of the changelogs and their body files.</li>
 *   <li>Columns are in physical order: the declaration order of the entity's fields.</li>
 *   <li>Lists are in creation order: a function, view or materialized view comes after what it reads.</li>
 * </ul>
 */
public final class HeadSchema {

    /** The revision this model describes: PyCDS's head. */
    public static final String REVISION = "f6d5a4c2e901";
    /** Stands for the schema in the names derived from it (and in the changelogs' SQL files). */
    public static final String SCHEMA_PLACEHOLDER = "${schemaName}";

    /** The extensions the head objects use; all but the languages live in {@code public}. */
    public static final List<ExtensionDef> EXTENSIONS = List.of(
            new ExtensionDef("plpgsql", null, "the plpgsql functions and trigger functions"),
            new ExtensionDef("plpython3u", null,
                    "getstationvariabletable, query_one_station, query_one_station_climo"),
            new ExtensionDef("postgis", "public",
                    "meta_history(_hx).the_geom (public.geometry), the views' public.st_asewkb,"
                            + " closest_stns_within_threshold"),
            new ExtensionDef("citext", "public",
                    "meta_vars(_hx).net_var_name (public.citext) and their check ck_net_var_name_valid_identifier,"
                            + " monthly_total_precipitation_mv"));

    /** The tables, in the order they are created (foreign keys are added once all exist). */
    public static final List<TableDef> TABLES = List.of(
            table(MetaContact.class),
            table(MetaSensor.class),
            table(MetaNetwork.class),
            table(MetaStation.class),
            table(MetaHistory.class),
            table(MetaVars.class),
            table(MetaNativeFlag.class),
            table(MetaPcicFlag.class),
            table(ObsRaw.class),
            table(ObsRawNativeFlag.class),
            table(ObsRawPcicFlag.class),
            table(ObsDerivedValue.class),
            table(TimeBounds.class),
            // the history tables (revisions a59d64cf16ca, 8c05da87cb79, 33179b5ae85a): standard grants
            historyTable(MetaNetworkHx.class, "meta_network_hx_pkey1"), // made while meta_network_hx_pkey existed
            historyTable(MetaStationHx.class, "meta_station_hx_pkey"),
            historyTable(MetaHistoryHx.class, "meta_history_hx_pkey"),
            historyTable(MetaVarsHx.class, "meta_vars_hx_pkey"),
            historyTable(ObsRawHx.class, "obs_raw_hx_pkey"));

    /** Every sequence: the serial-style ones, then the identity columns' implicit ones. */
    public static final List<SequenceDef> SEQUENCES = List.of(
            SequenceDef.serial("meta_contact_contact_id_seq", "integer", "meta_contact", "contact_id"),
            SequenceDef.serial("meta_history_history_id_seq", "integer", "meta_history", "history_id"),
            SequenceDef.serial("meta_native_flag_native_flag_id_seq", "integer", "meta_native_flag", "native_flag_id"),
            SequenceDef.serial("meta_network_network_id_seq", "integer", "meta_network", "network_id"),
            SequenceDef.serial("meta_pcic_flag_pcic_flag_id_seq", "integer", "meta_pcic_flag", "pcic_flag_id"),
            SequenceDef.serial("meta_sensor_sensor_id_seq", "integer", "meta_sensor", "sensor_id"),
            SequenceDef.serial("meta_station_station_id_seq", "integer", "meta_station", "station_id"),
            SequenceDef.serial("meta_vars_vars_id_seq", "integer", "meta_vars", "vars_id"),
            SequenceDef.serial("obs_derived_values_obs_derived_value_id_seq", "integer", "obs_derived_values",
                    "obs_derived_value_id"),
            SequenceDef.serial("obs_raw_obs_raw_id_seq", "bigint", "obs_raw", "obs_raw_id"),
            SequenceDef.identity("meta_history_hx", "meta_history_hx_id"),
            SequenceDef.identity("meta_network_hx", "meta_network_hx_id"),
            SequenceDef.identity("meta_station_hx", "meta_station_hx_id"),
            SequenceDef.identity("meta_vars_hx", "meta_vars_hx_id"),
            SequenceDef.identity("obs_raw_hx", "obs_raw_hx_id"));

    /** Every function, each with its current body file. {@code variable_tags} needs table meta_vars first. */
    public static final List<FunctionDef> FUNCTIONS = List.of(
            function("closest_stns_within_threshold", "x numeric, y numeric, thres integer", "4a2f1879293a",
                    ELEVATED_ROLE),
            function("daily_ts", "station_id integer, vars_id integer, percent_obs real,"
                    + " OUT daily_time timestamp without time zone, OUT daily_mean real,"
                    + " OUT percent_obs_available real, OUT daily_count integer", "4a2f1879293a", ELEVATED_ROLE),
            function("daysinmonth", "d timestamp without time zone", "4a2f1879293a", ELEVATED_ROLE),
            function("do_query_one_station", "station_id integer", "4a2f1879293a", ELEVATED_ROLE),
            function("effective_day", "obs_time timestamp without time zone, extremum character varying,"
                    + " freq character varying", "f6d5a4c2e901", ELEVATED_ROLE),
            function("getstationvariabletable", "station_id integer, climo boolean", "efde19ea4f52", ELEVATED_ROLE),
            function("hxtk_add_foreign_hx_keys", "", "7ab87f8fbcf4", LOGIN_ROLE),
            function("hxtk_collection_name_from_hx", "hx_table_name text", "7ab87f8fbcf4", LOGIN_ROLE),
            function("hxtk_hx_id_name", "collection_name text", "7ab87f8fbcf4", LOGIN_ROLE),
            function("hxtk_hx_table_name", "collection_name text", "7ab87f8fbcf4", LOGIN_ROLE),
            function("hxtk_primary_control_hx_cols", "", "7ab87f8fbcf4", LOGIN_ROLE),
            function("hxtk_primary_ops_to_hx", "", "7ab87f8fbcf4", LOGIN_ROLE),
            function("lastdateofmonth", "date", "4a2f1879293a", ELEVATED_ROLE),
            function("monthly_ts", "station_id integer, vars_id integer, percent_obs real,"
                    + " OUT monthly_time timestamp without time zone, OUT monthly_mean real,"
                    + " OUT percent_obs_available real, OUT monthly_count integer", "4a2f1879293a", ELEVATED_ROLE),
            function("prevent_network_name_modification", "", "33179b5ae85a", LOGIN_ROLE),
            function("query_one_station", "station_id integer", "4a2f1879293a", ELEVATED_ROLE),
            function("query_one_station_climo", "station_id integer", "4a2f1879293a", ELEVATED_ROLE),
            function("season", "d timestamp without time zone", "4a2f1879293a", ELEVATED_ROLE),
            function("set_network_display_name_default", "", "33179b5ae85a", LOGIN_ROLE),
            function("updatesdateedate", "", "4a2f1879293a", ELEVATED_ROLE),
            function("variable_tags", "var meta_vars", "83896ee79b06", LOGIN_ROLE));

    /** Every view and materialized view, each after what it reads (materialized views are created WITH DATA). */
    public static final List<ViewDef> VIEWS_AND_MATERIALIZED_VIEWS = List.of(
            matview(VarsPerHistoryMv.class, "3505750d3416", ELEVATED_ROLE,
                    IndexDef.btree("vars_per_history_mv", "var_hist_idx", "history_id", "vars_id")),
            matview(CollapsedVarsMv.class, "fecff1a73d7e", ELEVATED_ROLE,
                    IndexDef.btree("collapsed_vars_mv", "collapsed_vars_idx", "history_id")),
            matview(ClimoObsCountMv.class, "96729d6db8b3", LOGIN_ROLE,
                    IndexDef.btree("climo_obs_count_mv", "climo_obs_count_idx", "history_id")),
            matview(StationObsStatsMv.class, "bf366199f463", LOGIN_ROLE,
                    IndexDef.btree("station_obs_stats_mv", "station_obs_stats_mv_idx",
                            "min_obs_time", "max_obs_time", "obs_count", "station_id", "history_id")),
            matview(ObsCountPerMonthHistoryMv.class, "bb2a222a1d4a", LOGIN_ROLE,
                    IndexDef.btree("obs_count_per_month_history_mv", "obs_count_per_month_history_idx",
                            "date_trunc", "history_id")),
            matview(DiscardedObsRawMv.class, "f6d5a4c2e901", ELEVATED_ROLE,
                    IndexDef.uniqueBtree("discarded_obs_raw_mv", "discarded_obs_raw_mv_pkey", "obs_raw_id")),
            matview(DailyMaxTemperatureMv.class, "f6d5a4c2e901", ELEVATED_ROLE,
                    IndexDef.uniqueBtree("daily_max_temperature_mv", "daily_max_temperature_mv_idx",
                            "history_id", "vars_id", "obs_day")),
            matview(DailyMinTemperatureMv.class, "f6d5a4c2e901", ELEVATED_ROLE,
                    IndexDef.uniqueBtree("daily_min_temperature_mv", "daily_min_temperature_mv_idx",
                            "history_id", "vars_id", "obs_day")),
            matview(MonthlyTotalPrecipitationMv.class, "f6d5a4c2e901", ELEVATED_ROLE,
                    IndexDef.uniqueBtree("monthly_total_precipitation_mv", "monthly_total_precipitation_mv_idx",
                            "history_id", "vars_id", "obs_month")),
            matview(MonthlyAverageOfDailyMaxTemperatureMv.class, "081f17262852", ELEVATED_ROLE,
                    IndexDef.uniqueBtree("monthly_average_of_daily_max_temperature_mv",
                            "monthly_average_of_daily_max_temperature_mv_idx", "history_id", "vars_id", "obs_month")),
            matview(MonthlyAverageOfDailyMinTemperatureMv.class, "081f17262852", ELEVATED_ROLE,
                    IndexDef.uniqueBtree("monthly_average_of_daily_min_temperature_mv",
                            "monthly_average_of_daily_min_temperature_mv_idx", "history_id", "vars_id", "obs_month")),
            view(CrmpNetworkGeoserver.class, "6cb393f711c3", ELEVATED_ROLE, Grant.STANDARD),
            view(HistoryJoinStationNetwork.class, "84b7fc2596d5", LOGIN_ROLE, List.of()),
            view(ObsCountPerDayHistoryV.class, "84b7fc2596d5", LOGIN_ROLE, List.of()),
            view(ObsWithFlags.class, "84b7fc2596d5", LOGIN_ROLE, List.of()));

    /** The comments on indexes: the markers of the revisions that create obs_raw's indexes only if missing. */
    public static final List<IndexCommentDef> INDEX_COMMENTS = List.of(
            new IndexCommentDef("obs_raw", "mod_time_idx", "Created by revision bdc28573df56"),
            new IndexCommentDef("obs_raw", "obs_raw_comp_idx", "Created by revision bdc28573df56"),
            new IndexCommentDef("obs_raw", "obs_raw_history_id_idx", "Created by revision bdc28573df56"),
            new IndexCommentDef("obs_raw", "obs_raw_id_idx", "Created by revision bdc28573df56"),
            new IndexCommentDef("obs_raw", "obs_raw_history_obs_time_idx", "Created by revision f6d5a4c2e901"));

    private static final List<String> ALL_EVENTS = List.of("INSERT", "DELETE", "UPDATE");

    /** Every trigger: history tracking (revisions a59d64cf16ca, 8c05da87cb79) and meta_network's two rules. */
    public static final List<TriggerDef> TRIGGERS = triggers();

    private HeadSchema() {
    }

    /** The views (not materialized), in creation order. */
    public static List<ViewDef> views() {
        return VIEWS_AND_MATERIALIZED_VIEWS.stream().filter(v -> !v.materialized()).toList();
    }

    /** The materialized views, in creation order. */
    public static List<ViewDef> materializedViews() {
        return VIEWS_AND_MATERIALIZED_VIEWS.stream().filter(ViewDef::materialized).toList();
    }

    /** Every entity class of the model: the tables', then the views' and materialized views'. */
    public static List<Class<?>> entityClasses() {
        List<Class<?>> classes = new ArrayList<>();
        TABLES.forEach(t -> classes.add(t.entity()));
        VIEWS_AND_MATERIALIZED_VIEWS.forEach(v -> classes.add(v.entity()));
        return List.copyOf(classes);
    }

    private static List<TriggerDef> triggers() {
        List<TriggerDef> triggers = new ArrayList<>();
        // A tracked table stamps mod_time/mod_user before each change and appends the row to its history after it.
        for (String table : List.of("meta_network", "meta_station", "meta_history", "meta_vars", "obs_raw")) {
            triggers.add(new TriggerDef(table, "t100_primary_control_hx_cols", "BEFORE", ALL_EVENTS, "ROW",
                    "hxtk_primary_control_hx_cols", List.of()));
            triggers.add(new TriggerDef(table, "t100_primary_ops_to_hx", "AFTER", ALL_EVENTS, "ROW",
                    "hxtk_primary_ops_to_hx", List.of()));
        }
        // A history table fills in the latest history ids of the rows its row refers to.
        triggers.add(addForeignHxKeys("meta_network_hx"));
        triggers.add(addForeignHxKeys("meta_station_hx", "{{meta_network, network_id}}"));
        triggers.add(addForeignHxKeys("meta_history_hx", "{{meta_station, station_id}}"));
        triggers.add(addForeignHxKeys("meta_vars_hx", "{{meta_network, network_id}}"));
        triggers.add(addForeignHxKeys("obs_raw_hx", "{{meta_history, history_id}, {meta_vars, vars_id}}"));
        // meta_network: the name cannot change; the display name defaults to the name (revision 33179b5ae85a).
        triggers.add(new TriggerDef("meta_network", "prevent_network_name_modification_trigger", "BEFORE",
                List.of("UPDATE"), "ROW", "prevent_network_name_modification", List.of()));
        triggers.add(new TriggerDef("meta_network", "set_network_display_name_default_trigger", "BEFORE",
                List.of("INSERT"), "ROW", "set_network_display_name_default", List.of()));
        return List.copyOf(triggers);
    }

    private static TriggerDef addForeignHxKeys(String table, String... arguments) {
        return new TriggerDef(table, "t100_add_foreign_hx_keys", "BEFORE", List.of("INSERT"), "ROW",
                "hxtk_add_foreign_hx_keys", List.of(arguments));
    }

    /** A table with PostgreSQL's default primary key name, owned by the login role, no grants. */
    private static TableDef table(Class<?> entity) {
        return new TableDef(entity, entity.getAnnotation(Table.class).name() + "_pkey", LOGIN_ROLE, List.of(),
                List.of());
    }

    private static TableDef historyTable(Class<?> entity, String primaryKeyName) {
        return new TableDef(entity, primaryKeyName, LOGIN_ROLE, Grant.STANDARD, List.of());
    }

    private static FunctionDef function(String name, String identityArguments, String version, Owner owner) {
        return new FunctionDef(name, identityArguments, version, owner, List.of());
    }

    private static ViewDef view(Class<?> entity, String version, Owner owner, List<Grant> grants) {
        return new ViewDef(entity, false, version, owner, grants, List.of());
    }

    private static ViewDef matview(Class<?> entity, String version, Owner owner, IndexDef... indexes) {
        return new ViewDef(entity, true, version, owner, Grant.STANDARD, List.of(indexes));
    }
}
