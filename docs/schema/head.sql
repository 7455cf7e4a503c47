--
-- The head schema: what the changelogs build, as pg_dump --schema-only shows it. One schema migrated to
-- the head revision f6d5a4c2e901 (revision 29: Optimize weather-anomaly native materialized views.),
-- without Liquibase's own tables (databasechangelog, databasechangeloglock).
--
-- GENERATED FILE: do not edit. Regenerate it (and tables.dot/svg, views.dot/svg) with
--     scripts/update-head-schema.sh
-- HeadSchemaFileTest fails when it no longer matches the changelogs.
--
-- Placeholders: ${schemaName} the target schema (default crmp), ${suRoleName} the elevated role
-- (default pcicdba), ${migrationUser} the login role that ran the migration. pg_dump's version banners and
-- session settings (SET ...) are left out: this file is for reading and reviewing, not for restoring.
-- The schema itself is made by scripts/create-database.sh. Extensions are database-wide, so not
-- dumped; the database has: citext, hstore, moddatetime, plpgsql, plpython3u, postgis, unaccent.
--

--
-- Name: ${schemaName}; Type: SCHEMA; Schema: -; Owner: ${migrationUser}
--

CREATE SCHEMA ${schemaName};


ALTER SCHEMA ${schemaName} OWNER TO ${migrationUser};

--
-- Name: closest_stns_within_threshold(numeric, numeric, integer); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.closest_stns_within_threshold(x numeric, y numeric, thres integer) RETURNS TABLE(history_id integer, lat numeric, lon numeric, dist double precision)
    LANGUAGE plpgsql SECURITY DEFINER
    AS $$
DECLARE
    point_text text := 'ST_SetSRID(ST_MakePoint(' || x || ', ' || y || '), 4326)::geography';
BEGIN
    RETURN QUERY EXECUTE
        'SELECT candidates.history_id, candidates.lat, candidates.lon, '
        || 'ST_Distance(ST_Transform(candidates.the_geom, 4326)::geography, ' || point_text || ') AS dist '
        || 'FROM ${schemaName}.meta_history AS candidates '
        || 'WHERE candidates.the_geom::geography && ST_Buffer(' || point_text || ', ' || thres || ') '
        || 'ORDER BY dist';
END;
$$;


ALTER FUNCTION ${schemaName}.closest_stns_within_threshold(x numeric, y numeric, thres integer) OWNER TO ${suRoleName};

--
-- Name: daily_ts(integer, integer, real); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.daily_ts(station_id integer, vars_id integer, percent_obs real, OUT daily_time timestamp without time zone, OUT daily_mean real, OUT percent_obs_available real, OUT daily_count integer) RETURNS SETOF record
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN QUERY EXECUTE
        'SELECT per_day.obs_day, per_day.mean_datum::real, (per_day.n / 24.0)::real, per_day.n::integer '
        || 'FROM (SELECT date_trunc(''day'', obs_time) AS obs_day, avg(datum) AS mean_datum, count(datum) AS n '
        ||       'FROM ${schemaName}.obs_raw '
        ||       'WHERE station_id = ' || station_id || ' AND vars_id = ' || vars_id || ' '
        ||       'GROUP BY date_trunc(''day'', obs_time)) AS per_day '
        || 'WHERE per_day.n / 24.0 >= ' || quote_nullable(percent_obs) || ' '
        || 'ORDER BY per_day.obs_day';
END;
$$;


ALTER FUNCTION ${schemaName}.daily_ts(station_id integer, vars_id integer, percent_obs real, OUT daily_time timestamp without time zone, OUT daily_mean real, OUT percent_obs_available real, OUT daily_count integer) OWNER TO ${suRoleName};

--
-- Name: daysinmonth(timestamp without time zone); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.daysinmonth(d timestamp without time zone) RETURNS double precision
    LANGUAGE sql
    AS $$
    SELECT date_part('day', date_trunc('month', d) + interval '1 month' - interval '1 day');
$$;


ALTER FUNCTION ${schemaName}.daysinmonth(d timestamp without time zone) OWNER TO ${suRoleName};

--
-- Name: do_query_one_station(integer); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.do_query_one_station(station_id integer) RETURNS refcursor
    LANGUAGE plpgsql
    AS $$
DECLARE
    result refcursor := 'result';
BEGIN
    OPEN result NO SCROLL FOR EXECUTE ${schemaName}.query_one_station(station_id);
    RETURN result;
END;
$$;


ALTER FUNCTION ${schemaName}.do_query_one_station(station_id integer) OWNER TO ${suRoleName};

--
-- Name: effective_day(timestamp without time zone, character varying, character varying); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.effective_day(obs_time timestamp without time zone, extremum character varying, freq character varying DEFAULT ''::character varying) RETURNS timestamp without time zone
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    shift_days integer := 0;
BEGIN
    IF extremum = 'max' AND freq = '12-hourly' AND date_part('hour', obs_time) >= 12 THEN
        shift_days := 1;
    END IF;
    RETURN date_trunc('day', obs_time) + shift_days * interval '1 day';
END;
$$;


ALTER FUNCTION ${schemaName}.effective_day(obs_time timestamp without time zone, extremum character varying, freq character varying) OWNER TO ${suRoleName};

--
-- Name: getstationvariabletable(integer, boolean); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.getstationvariabletable(station_id integer, climo boolean) RETURNS text
    LANGUAGE plpython3u
    AS $$
tag = "climatology" if climo else "observation"

variables = plpy.execute(
    "SELECT vars.vars_id, vars.net_var_name "
    "FROM ${schemaName}.meta_vars AS vars "
    "JOIN ${schemaName}.meta_station AS stn ON stn.network_id = vars.network_id "
    "WHERE stn.station_id = " + str(station_id) + " "
    "AND ${schemaName}.variable_tags(vars) @> ARRAY['" + tag + "']::text[] "
    "ORDER BY vars.net_var_name")

histories = plpy.execute(
    "SELECT history_id FROM ${schemaName}.meta_history WHERE station_id = " + str(station_id))

columns = ["obs_time"] + [
    "MAX(CASE WHEN vars_id=" + str(v["vars_id"]) + " THEN datum END) as " + v["net_var_name"]
    for v in variables]
history_clauses = ["history_id = " + str(h["history_id"]) for h in histories]
vars_ids = [str(v["vars_id"]) for v in variables]

return ("SELECT " + ",".join(columns)
        + " from obs_raw WHERE (" + " OR ".join(history_clauses)
        + ") AND vars_id IN (" + ",".join(vars_ids)
        + ") GROUP BY obs_time ORDER BY obs_time")
$$;


ALTER FUNCTION ${schemaName}.getstationvariabletable(station_id integer, climo boolean) OWNER TO ${suRoleName};

--
-- Name: hxtk_add_foreign_hx_keys(); Type: FUNCTION; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE FUNCTION ${schemaName}.hxtk_add_foreign_hx_keys() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
DECLARE
    pairs text[];
    collection text;
    fk_column text;
    fk_value integer;
    hx_id_column text;
    latest integer;
BEGIN
    IF TG_NARGS = 0 THEN
        RETURN NEW;
    END IF;
    pairs := TG_ARGV[0]::text[];
    FOR i IN 1 .. coalesce(array_length(pairs, 1), 0) LOOP
        collection := pairs[i][1];
        fk_column := pairs[i][2];
        hx_id_column := ${schemaName}.hxtk_hx_id_name(collection);
        fk_value := (to_jsonb(NEW) ->> fk_column)::integer;
        EXECUTE format('SELECT max(%I) FROM %I.%I WHERE %I = $1',
                       hx_id_column, TG_TABLE_SCHEMA, ${schemaName}.hxtk_hx_table_name(collection), fk_column)
            INTO latest
            USING fk_value;
        NEW := jsonb_populate_record(NEW, jsonb_build_object(hx_id_column, latest));
    END LOOP;
    RETURN NEW;
END;
$_$;


ALTER FUNCTION ${schemaName}.hxtk_add_foreign_hx_keys() OWNER TO ${migrationUser};

--
-- Name: hxtk_collection_name_from_hx(text); Type: FUNCTION; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE FUNCTION ${schemaName}.hxtk_collection_name_from_hx(hx_table_name text) RETURNS text
    LANGUAGE plpgsql
    AS $_$
BEGIN
    RETURN regexp_replace(hx_table_name, '_hx$', '');
END;
$_$;


ALTER FUNCTION ${schemaName}.hxtk_collection_name_from_hx(hx_table_name text) OWNER TO ${migrationUser};

--
-- Name: hxtk_hx_id_name(text); Type: FUNCTION; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE FUNCTION ${schemaName}.hxtk_hx_id_name(collection_name text) RETURNS text
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN collection_name || '_hx_id';
END;
$$;


ALTER FUNCTION ${schemaName}.hxtk_hx_id_name(collection_name text) OWNER TO ${migrationUser};

--
-- Name: hxtk_hx_table_name(text); Type: FUNCTION; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE FUNCTION ${schemaName}.hxtk_hx_table_name(collection_name text) RETURNS text
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN collection_name || '_hx';
END;
$$;


ALTER FUNCTION ${schemaName}.hxtk_hx_table_name(collection_name text) OWNER TO ${migrationUser};

--
-- Name: hxtk_primary_control_hx_cols(); Type: FUNCTION; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE FUNCTION ${schemaName}.hxtk_primary_control_hx_cols() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    NEW.mod_time := now();
    NEW.mod_user := current_user;
    RETURN NEW;
END;
$$;


ALTER FUNCTION ${schemaName}.hxtk_primary_control_hx_cols() OWNER TO ${migrationUser};

--
-- Name: hxtk_primary_ops_to_hx(); Type: FUNCTION; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE FUNCTION ${schemaName}.hxtk_primary_ops_to_hx() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
DECLARE
    hx_table text := ${schemaName}.hxtk_hx_table_name(TG_TABLE_NAME);
BEGIN
    IF TG_OP = 'DELETE' THEN
        OLD.mod_time := now();
        OLD.mod_user := current_user;
        EXECUTE format('INSERT INTO %I.%I SELECT ($1).*, true', TG_TABLE_SCHEMA, hx_table) USING OLD;
    ELSE
        EXECUTE format('INSERT INTO %I.%I SELECT ($1).*, false', TG_TABLE_SCHEMA, hx_table) USING NEW;
    END IF;
    RETURN NULL;
END;
$_$;


ALTER FUNCTION ${schemaName}.hxtk_primary_ops_to_hx() OWNER TO ${migrationUser};

--
-- Name: lastdateofmonth(date); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.lastdateofmonth(date) RETURNS date
    LANGUAGE sql
    AS $_$
    SELECT (date_trunc('month', $1::timestamp without time zone) + interval '1 month' - interval '1 day')::date;
$_$;


ALTER FUNCTION ${schemaName}.lastdateofmonth(date) OWNER TO ${suRoleName};

--
-- Name: monthly_ts(integer, integer, real); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.monthly_ts(station_id integer, vars_id integer, percent_obs real, OUT monthly_time timestamp without time zone, OUT monthly_mean real, OUT percent_obs_available real, OUT monthly_count integer) RETURNS SETOF record
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN QUERY EXECUTE
        'SELECT per_month.obs_month, per_month.mean_datum::real, '
        ||       '(per_month.n / ${schemaName}.daysinmonth(per_month.obs_month))::real, per_month.n::integer '
        || 'FROM (SELECT date_trunc(''month'', obs_time) AS obs_month, avg(datum) AS mean_datum, count(datum) AS n '
        ||       'FROM ${schemaName}.obs_raw '
        ||       'WHERE station_id = ' || station_id || ' AND vars_id = ' || vars_id || ' '
        ||       'GROUP BY date_trunc(''month'', obs_time)) AS per_month '
        || 'WHERE per_month.n / ${schemaName}.daysinmonth(per_month.obs_month) >= ' || quote_nullable(percent_obs) || ' '
        || 'ORDER BY per_month.obs_month';
END;
$$;


ALTER FUNCTION ${schemaName}.monthly_ts(station_id integer, vars_id integer, percent_obs real, OUT monthly_time timestamp without time zone, OUT monthly_mean real, OUT percent_obs_available real, OUT monthly_count integer) OWNER TO ${suRoleName};

--
-- Name: prevent_network_name_modification(); Type: FUNCTION; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE FUNCTION ${schemaName}.prevent_network_name_modification() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.network_name IS DISTINCT FROM NEW.network_name THEN
        RAISE EXCEPTION 'Modification of network_name column is not allowed';
    END IF;
    RETURN NEW;
END;
$$;


ALTER FUNCTION ${schemaName}.prevent_network_name_modification() OWNER TO ${migrationUser};

--
-- Name: query_one_station(integer); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.query_one_station(station_id integer) RETURNS text
    LANGUAGE plpython3u
    AS $_$
plan = plpy.prepare(
    "SELECT ${schemaName}.getStationVariableTable($1, false) AS stmt", ["integer"])
return plpy.execute(plan, [station_id])[0]["stmt"]
$_$;


ALTER FUNCTION ${schemaName}.query_one_station(station_id integer) OWNER TO ${suRoleName};

--
-- Name: query_one_station_climo(integer); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.query_one_station_climo(station_id integer) RETURNS text
    LANGUAGE plpython3u
    AS $_$
plan = plpy.prepare(
    "SELECT ${schemaName}.getStationVariableTable($1, true) AS stmt", ["integer"])
return plpy.execute(plan, [station_id])[0]["stmt"]
$_$;


ALTER FUNCTION ${schemaName}.query_one_station_climo(station_id integer) OWNER TO ${suRoleName};

--
-- Name: season(timestamp without time zone); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.season(d timestamp without time zone) RETURNS date
    LANGUAGE plpgsql
    AS $$
DECLARE
    yr text := date_part('year', d)::integer::text;
BEGIN
    CASE date_part('month', d)::integer
        WHEN 12, 1, 2 THEN RETURN (yr || '-01-15')::date;
        WHEN 3, 4, 5 THEN RETURN (yr || '-04-15')::date;
        WHEN 6, 7, 8 THEN RETURN (yr || '-07-15')::date;
        WHEN 9, 10, 11 THEN RETURN (yr || '-10-15')::date;
    END CASE;
END;
$$;


ALTER FUNCTION ${schemaName}.season(d timestamp without time zone) OWNER TO ${suRoleName};

--
-- Name: set_network_display_name_default(); Type: FUNCTION; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE FUNCTION ${schemaName}.set_network_display_name_default() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.network_display_name IS NULL THEN
        NEW.network_display_name := NEW.network_name;
    END IF;
    RETURN NEW;
END;
$$;


ALTER FUNCTION ${schemaName}.set_network_display_name_default() OWNER TO ${migrationUser};

--
-- Name: updatesdateedate(); Type: FUNCTION; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE FUNCTION ${schemaName}.updatesdateedate() RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    stn record;
BEGIN
    FOR stn IN SELECT DISTINCT hx.station_id FROM ${schemaName}.meta_history AS hx LOOP
        UPDATE ${schemaName}.meta_station AS s
           SET (min_obs_time, max_obs_time) = (
                   SELECT min(o.obs_time), max(o.obs_time)
                     FROM ${schemaName}.obs_raw AS o NATURAL JOIN ${schemaName}.meta_history AS h
                    WHERE h.station_id = stn.station_id)
         WHERE s.station_id = stn.station_id;
    END LOOP;
END;
$$;


ALTER FUNCTION ${schemaName}.updatesdateedate() OWNER TO ${suRoleName};

--
-- Name: meta_vars; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_vars (
    vars_id integer NOT NULL,
    net_var_name public.citext,
    unit character varying,
    standard_name character varying NOT NULL,
    cell_method character varying NOT NULL,
    "precision" double precision,
    long_description character varying,
    display_name character varying NOT NULL,
    short_name character varying,
    network_id integer,
    mod_time timestamp without time zone DEFAULT now() NOT NULL,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL,
    CONSTRAINT cell_method_nolinebreak CHECK (((cell_method)::text !~ '[
]'::text)),
    CONSTRAINT ck_net_var_name_valid_identifier CHECK ((net_var_name OPERATOR(public.~) '^[a-zA-Z_][a-zA-Z0-9_$]*$'::public.citext)),
    CONSTRAINT display_name_nolinebreak CHECK (((display_name)::text !~ '[
]'::text)),
    CONSTRAINT long_description_nolinebreak CHECK (((long_description)::text !~ '[
]'::text)),
    CONSTRAINT short_name_nolinebreak CHECK (((short_name)::text !~ '[
]'::text)),
    CONSTRAINT standard_name_nolinebreak CHECK (((standard_name)::text !~ '[
]'::text)),
    CONSTRAINT unit_nolinebreak CHECK (((unit)::text !~ '[
]'::text))
);


ALTER TABLE ${schemaName}.meta_vars OWNER TO ${migrationUser};

--
-- Name: variable_tags(${schemaName}.meta_vars); Type: FUNCTION; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE FUNCTION ${schemaName}.variable_tags(var ${schemaName}.meta_vars) RETURNS text[]
    LANGUAGE sql
    AS $$
    SELECT CASE
        WHEN var.net_var_name::text ~* 'Climatology' THEN ARRAY['climatology']::text[]
        ELSE ARRAY['observation']::text[]
    END
$$;


ALTER FUNCTION ${schemaName}.variable_tags(var ${schemaName}.meta_vars) OWNER TO ${migrationUser};

--
-- Name: obs_raw; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.obs_raw (
    obs_raw_id bigint NOT NULL,
    obs_time timestamp without time zone,
    mod_time timestamp without time zone NOT NULL,
    datum double precision,
    vars_id integer,
    history_id integer,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL
);


ALTER TABLE ${schemaName}.obs_raw OWNER TO ${migrationUser};

--
-- Name: climo_obs_count_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE MATERIALIZED VIEW ${schemaName}.climo_obs_count_mv AS
 SELECT count(*) AS count,
    obs.history_id
   FROM (${schemaName}.obs_raw obs
     JOIN ${schemaName}.meta_vars var ON ((var.vars_id = obs.vars_id)))
  WHERE (${schemaName}.variable_tags(var.*) @> ARRAY['climatology'::text])
  GROUP BY obs.history_id
  WITH NO DATA;


ALTER TABLE ${schemaName}.climo_obs_count_mv OWNER TO ${migrationUser};

--
-- Name: vars_per_history_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE MATERIALIZED VIEW ${schemaName}.vars_per_history_mv AS
 SELECT obs.history_id,
    obs.vars_id,
    min(obs.obs_time) AS start_time,
    max(obs.obs_time) AS end_time
   FROM ${schemaName}.obs_raw obs
  GROUP BY obs.history_id, obs.vars_id
  WITH NO DATA;


ALTER TABLE ${schemaName}.vars_per_history_mv OWNER TO ${suRoleName};

--
-- Name: collapsed_vars_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE MATERIALIZED VIEW ${schemaName}.collapsed_vars_mv AS
 SELECT vph.history_id,
    array_agg(var.vars_id ORDER BY var.vars_id) AS vars_ids,
    ARRAY( SELECT DISTINCT tag.tag
           FROM unnest(array_agg(${schemaName}.variable_tags(var.*))) tag(tag)
          ORDER BY tag.tag) AS unique_variable_tags,
    string_agg((var.display_name)::text, '|'::text ORDER BY var.vars_id) AS display_names,
    string_agg(((var.standard_name)::text || replace((var.cell_method)::text, 'time: '::text, '_'::text)), ', '::text ORDER BY var.vars_id) AS vars
   FROM (${schemaName}.vars_per_history_mv vph
     JOIN ${schemaName}.meta_vars var ON ((var.vars_id = vph.vars_id)))
  GROUP BY vph.history_id
  WITH NO DATA;


ALTER TABLE ${schemaName}.collapsed_vars_mv OWNER TO ${suRoleName};

--
-- Name: meta_history; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_history (
    history_id integer NOT NULL,
    station_id integer,
    station_name character varying,
    lon numeric,
    lat numeric,
    elev double precision,
    sdate date,
    edate date,
    tz_offset interval,
    province character varying,
    country character varying,
    comments character varying(255),
    freq character varying,
    sensor_id integer,
    the_geom public.geometry(Geometry,4326),
    mod_time timestamp without time zone DEFAULT now() NOT NULL,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL
);


ALTER TABLE ${schemaName}.meta_history OWNER TO ${migrationUser};

--
-- Name: meta_network; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_network (
    network_id integer NOT NULL,
    network_name character varying,
    description character varying,
    virtual character varying(255),
    publish boolean,
    col_hex character varying,
    contact_id integer,
    mod_time timestamp without time zone DEFAULT now() NOT NULL,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL,
    network_display_name character varying
);


ALTER TABLE ${schemaName}.meta_network OWNER TO ${migrationUser};

--
-- Name: meta_station; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_station (
    station_id integer NOT NULL,
    native_id character varying,
    network_id integer,
    min_obs_time timestamp without time zone,
    max_obs_time timestamp without time zone,
    publish boolean DEFAULT true NOT NULL,
    mod_time timestamp without time zone DEFAULT now() NOT NULL,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL
);


ALTER TABLE ${schemaName}.meta_station OWNER TO ${migrationUser};

--
-- Name: station_obs_stats_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE MATERIALIZED VIEW ${schemaName}.station_obs_stats_mv AS
 SELECT hist.station_id,
    stats.history_id,
    stats.max_obs_time,
    stats.min_obs_time,
    stats.obs_count
   FROM (( SELECT obs.history_id,
            min(obs.obs_time) AS min_obs_time,
            max(obs.obs_time) AS max_obs_time,
            count(DISTINCT obs.obs_time) AS obs_count
           FROM ${schemaName}.obs_raw obs
          GROUP BY obs.history_id) stats
     JOIN ${schemaName}.meta_history hist ON ((hist.history_id = stats.history_id)))
  WITH NO DATA;


ALTER TABLE ${schemaName}.station_obs_stats_mv OWNER TO ${migrationUser};

--
-- Name: crmp_network_geoserver; Type: VIEW; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE VIEW ${schemaName}.crmp_network_geoserver AS
 SELECT net.network_name,
    stn.native_id,
    hist.station_name,
    hist.lon,
    hist.lat,
    hist.elev,
    stats.min_obs_time,
    stats.max_obs_time,
    hist.freq,
    hist.tz_offset,
    hist.province,
    hist.station_id,
    hist.history_id,
    hist.country,
    hist.comments,
    public.st_asewkb(hist.the_geom) AS the_geom,
    hist.sensor_id,
    net.description,
    stn.network_id,
    net.col_hex,
    cv.vars_ids,
    cv.unique_variable_tags,
    cv.vars,
    cv.display_names
   FROM ((((${schemaName}.meta_history hist
     JOIN ${schemaName}.meta_station stn ON ((stn.station_id = hist.station_id)))
     JOIN ${schemaName}.meta_network net ON ((net.network_id = stn.network_id)))
     LEFT JOIN ${schemaName}.collapsed_vars_mv cv ON ((cv.history_id = hist.history_id)))
     LEFT JOIN ${schemaName}.station_obs_stats_mv stats ON ((stats.history_id = hist.history_id)));


ALTER TABLE ${schemaName}.crmp_network_geoserver OWNER TO ${suRoleName};

--
-- Name: meta_native_flag; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_native_flag (
    native_flag_id integer NOT NULL,
    flag_name character varying,
    description character varying,
    network_id integer,
    value character varying,
    discard boolean
);


ALTER TABLE ${schemaName}.meta_native_flag OWNER TO ${migrationUser};

--
-- Name: meta_pcic_flag; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_pcic_flag (
    pcic_flag_id integer NOT NULL,
    flag_name character varying,
    description character varying,
    discard boolean
);


ALTER TABLE ${schemaName}.meta_pcic_flag OWNER TO ${migrationUser};

--
-- Name: obs_raw_native_flags; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.obs_raw_native_flags (
    obs_raw_id bigint NOT NULL,
    native_flag_id integer NOT NULL
);


ALTER TABLE ${schemaName}.obs_raw_native_flags OWNER TO ${migrationUser};

--
-- Name: obs_raw_pcic_flags; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.obs_raw_pcic_flags (
    obs_raw_id bigint NOT NULL,
    pcic_flag_id integer NOT NULL
);


ALTER TABLE ${schemaName}.obs_raw_pcic_flags OWNER TO ${migrationUser};

--
-- Name: discarded_obs_raw_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE MATERIALIZED VIEW ${schemaName}.discarded_obs_raw_mv AS
 SELECT obs.obs_raw_id
   FROM ((((${schemaName}.obs_raw obs
     LEFT JOIN ${schemaName}.obs_raw_native_flags onf ON ((onf.obs_raw_id = obs.obs_raw_id)))
     LEFT JOIN ${schemaName}.meta_native_flag nf ON ((nf.native_flag_id = onf.native_flag_id)))
     LEFT JOIN ${schemaName}.obs_raw_pcic_flags opf ON ((opf.obs_raw_id = obs.obs_raw_id)))
     LEFT JOIN ${schemaName}.meta_pcic_flag pf ON ((pf.pcic_flag_id = opf.pcic_flag_id)))
  GROUP BY obs.obs_raw_id
 HAVING (bool_or(COALESCE(nf.discard, false)) OR bool_or(COALESCE(pf.discard, false)))
  WITH NO DATA;


ALTER TABLE ${schemaName}.discarded_obs_raw_mv OWNER TO ${suRoleName};

--
-- Name: daily_max_temperature_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE MATERIALIZED VIEW ${schemaName}.daily_max_temperature_mv AS
 WITH good_obs AS (
         SELECT obs.obs_raw_id,
            obs.obs_time,
            obs.mod_time,
            obs.datum,
            obs.vars_id,
            obs.history_id
           FROM ${schemaName}.obs_raw obs
          WHERE (NOT (EXISTS ( SELECT 1
                   FROM ${schemaName}.discarded_obs_raw_mv discarded
                  WHERE (discarded.obs_raw_id = obs.obs_raw_id))))
        )
 SELECT good_obs.history_id,
    good_obs.vars_id,
    ${schemaName}.effective_day(good_obs.obs_time, 'max'::character varying, hx.freq) AS obs_day,
    max(good_obs.datum) AS statistic,
    sum(
        CASE hx.freq
            WHEN 'daily'::text THEN 1.0
            WHEN '12-hourly'::text THEN 0.5
            WHEN '1-hourly'::text THEN 0.041666666666666664
            ELSE NULL::numeric
        END) AS data_coverage
   FROM ((good_obs
     JOIN ${schemaName}.meta_vars vars ON ((vars.vars_id = good_obs.vars_id)))
     JOIN ${schemaName}.meta_history hx ON ((hx.history_id = good_obs.history_id)))
  WHERE (((vars.standard_name)::text = 'air_temperature'::text) AND ((vars.cell_method)::text = ANY ((ARRAY['time: maximum'::character varying, 'time: point'::character varying, 'time: mean'::character varying])::text[])) AND ((hx.freq)::text = ANY ((ARRAY['1-hourly'::character varying, '12-hourly'::character varying, 'daily'::character varying])::text[])))
  GROUP BY good_obs.history_id, good_obs.vars_id, (${schemaName}.effective_day(good_obs.obs_time, 'max'::character varying, hx.freq))
  WITH NO DATA;


ALTER TABLE ${schemaName}.daily_max_temperature_mv OWNER TO ${suRoleName};

--
-- Name: daily_min_temperature_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE MATERIALIZED VIEW ${schemaName}.daily_min_temperature_mv AS
 WITH good_obs AS (
         SELECT obs.obs_raw_id,
            obs.obs_time,
            obs.mod_time,
            obs.datum,
            obs.vars_id,
            obs.history_id
           FROM ${schemaName}.obs_raw obs
          WHERE (NOT (EXISTS ( SELECT 1
                   FROM ${schemaName}.discarded_obs_raw_mv discarded
                  WHERE (discarded.obs_raw_id = obs.obs_raw_id))))
        )
 SELECT good_obs.history_id,
    good_obs.vars_id,
    ${schemaName}.effective_day(good_obs.obs_time, 'min'::character varying, hx.freq) AS obs_day,
    min(good_obs.datum) AS statistic,
    sum(
        CASE hx.freq
            WHEN 'daily'::text THEN 1.0
            WHEN '12-hourly'::text THEN 0.5
            WHEN '1-hourly'::text THEN 0.041666666666666664
            ELSE NULL::numeric
        END) AS data_coverage
   FROM ((good_obs
     JOIN ${schemaName}.meta_vars vars ON ((vars.vars_id = good_obs.vars_id)))
     JOIN ${schemaName}.meta_history hx ON ((hx.history_id = good_obs.history_id)))
  WHERE (((vars.standard_name)::text = 'air_temperature'::text) AND ((vars.cell_method)::text = ANY ((ARRAY['time: minimum'::character varying, 'time: point'::character varying, 'time: mean'::character varying])::text[])) AND ((hx.freq)::text = ANY ((ARRAY['1-hourly'::character varying, '12-hourly'::character varying, 'daily'::character varying])::text[])))
  GROUP BY good_obs.history_id, good_obs.vars_id, (${schemaName}.effective_day(good_obs.obs_time, 'min'::character varying, hx.freq))
  WITH NO DATA;


ALTER TABLE ${schemaName}.daily_min_temperature_mv OWNER TO ${suRoleName};

--
-- Name: history_join_station_network; Type: VIEW; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE VIEW ${schemaName}.history_join_station_network AS
 SELECT stn.network_id,
    hist.station_id,
    hist.history_id,
    hist.station_name,
    hist.lon,
    hist.lat,
    hist.elev,
    hist.sdate,
    hist.edate,
    hist.tz_offset,
    hist.province,
    hist.country,
    hist.comments,
    public.st_asewkb(hist.the_geom) AS the_geom,
    hist.sensor_id,
    stn.native_id,
    net.network_name,
    net.description,
    net.virtual
   FROM ((${schemaName}.meta_history hist
     JOIN ${schemaName}.meta_station stn ON ((stn.station_id = hist.station_id)))
     JOIN ${schemaName}.meta_network net ON ((net.network_id = stn.network_id)));


ALTER TABLE ${schemaName}.history_join_station_network OWNER TO ${migrationUser};

--
-- Name: meta_contact; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_contact (
    contact_id integer NOT NULL,
    name character varying,
    title character varying,
    organization character varying,
    email character varying,
    phone character varying
);


ALTER TABLE ${schemaName}.meta_contact OWNER TO ${migrationUser};

--
-- Name: meta_contact_contact_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.meta_contact_contact_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.meta_contact_contact_id_seq OWNER TO ${migrationUser};

--
-- Name: meta_contact_contact_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.meta_contact_contact_id_seq OWNED BY ${schemaName}.meta_contact.contact_id;


--
-- Name: meta_history_history_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.meta_history_history_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.meta_history_history_id_seq OWNER TO ${migrationUser};

--
-- Name: meta_history_history_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.meta_history_history_id_seq OWNED BY ${schemaName}.meta_history.history_id;


--
-- Name: meta_history_hx; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_history_hx (
    history_id integer DEFAULT nextval('${schemaName}.meta_history_history_id_seq'::regclass) NOT NULL,
    station_id integer,
    station_name character varying,
    lon numeric,
    lat numeric,
    elev double precision,
    sdate date,
    edate date,
    tz_offset interval,
    province character varying,
    country character varying,
    comments character varying(255),
    freq character varying,
    sensor_id integer,
    the_geom public.geometry(Geometry,4326),
    mod_time timestamp without time zone DEFAULT now() NOT NULL,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL,
    deleted boolean DEFAULT false,
    meta_history_hx_id integer NOT NULL,
    meta_station_hx_id integer
);


ALTER TABLE ${schemaName}.meta_history_hx OWNER TO ${migrationUser};

--
-- Name: meta_history_hx_meta_history_hx_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ${schemaName}.meta_history_hx ALTER COLUMN meta_history_hx_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME ${schemaName}.meta_history_hx_meta_history_hx_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meta_native_flag_native_flag_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.meta_native_flag_native_flag_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.meta_native_flag_native_flag_id_seq OWNER TO ${migrationUser};

--
-- Name: meta_native_flag_native_flag_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.meta_native_flag_native_flag_id_seq OWNED BY ${schemaName}.meta_native_flag.native_flag_id;


--
-- Name: meta_network_network_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.meta_network_network_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.meta_network_network_id_seq OWNER TO ${migrationUser};

--
-- Name: meta_network_network_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.meta_network_network_id_seq OWNED BY ${schemaName}.meta_network.network_id;


--
-- Name: meta_network_hx; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_network_hx (
    network_id integer DEFAULT nextval('${schemaName}.meta_network_network_id_seq'::regclass) NOT NULL,
    network_name character varying,
    description character varying,
    virtual character varying(255),
    publish boolean,
    col_hex character varying,
    contact_id integer,
    mod_time timestamp without time zone DEFAULT now() NOT NULL,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL,
    network_display_name character varying,
    deleted boolean DEFAULT false,
    meta_network_hx_id integer NOT NULL
);


ALTER TABLE ${schemaName}.meta_network_hx OWNER TO ${migrationUser};

--
-- Name: meta_network_hx_meta_network_hx_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ${schemaName}.meta_network_hx ALTER COLUMN meta_network_hx_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME ${schemaName}.meta_network_hx_meta_network_hx_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meta_pcic_flag_pcic_flag_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.meta_pcic_flag_pcic_flag_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.meta_pcic_flag_pcic_flag_id_seq OWNER TO ${migrationUser};

--
-- Name: meta_pcic_flag_pcic_flag_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.meta_pcic_flag_pcic_flag_id_seq OWNED BY ${schemaName}.meta_pcic_flag.pcic_flag_id;


--
-- Name: meta_sensor; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_sensor (
    sensor_id integer NOT NULL,
    name character varying(255)
);


ALTER TABLE ${schemaName}.meta_sensor OWNER TO ${migrationUser};

--
-- Name: meta_sensor_sensor_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.meta_sensor_sensor_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.meta_sensor_sensor_id_seq OWNER TO ${migrationUser};

--
-- Name: meta_sensor_sensor_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.meta_sensor_sensor_id_seq OWNED BY ${schemaName}.meta_sensor.sensor_id;


--
-- Name: meta_station_station_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.meta_station_station_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.meta_station_station_id_seq OWNER TO ${migrationUser};

--
-- Name: meta_station_station_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.meta_station_station_id_seq OWNED BY ${schemaName}.meta_station.station_id;


--
-- Name: meta_station_hx; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_station_hx (
    station_id integer DEFAULT nextval('${schemaName}.meta_station_station_id_seq'::regclass) NOT NULL,
    native_id character varying,
    network_id integer,
    min_obs_time timestamp without time zone,
    max_obs_time timestamp without time zone,
    publish boolean DEFAULT true NOT NULL,
    mod_time timestamp without time zone DEFAULT now() NOT NULL,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL,
    deleted boolean DEFAULT false,
    meta_station_hx_id integer NOT NULL,
    meta_network_hx_id integer
);


ALTER TABLE ${schemaName}.meta_station_hx OWNER TO ${migrationUser};

--
-- Name: meta_station_hx_meta_station_hx_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ${schemaName}.meta_station_hx ALTER COLUMN meta_station_hx_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME ${schemaName}.meta_station_hx_meta_station_hx_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meta_vars_vars_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.meta_vars_vars_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.meta_vars_vars_id_seq OWNER TO ${migrationUser};

--
-- Name: meta_vars_vars_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.meta_vars_vars_id_seq OWNED BY ${schemaName}.meta_vars.vars_id;


--
-- Name: meta_vars_hx; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.meta_vars_hx (
    vars_id integer DEFAULT nextval('${schemaName}.meta_vars_vars_id_seq'::regclass) NOT NULL,
    net_var_name public.citext,
    unit character varying,
    standard_name character varying NOT NULL,
    cell_method character varying NOT NULL,
    "precision" double precision,
    long_description character varying,
    display_name character varying NOT NULL,
    short_name character varying,
    network_id integer,
    mod_time timestamp without time zone DEFAULT now() NOT NULL,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL,
    deleted boolean DEFAULT false,
    meta_vars_hx_id integer NOT NULL,
    meta_network_hx_id integer,
    CONSTRAINT cell_method_nolinebreak CHECK (((cell_method)::text !~ '[
]'::text)),
    CONSTRAINT ck_net_var_name_valid_identifier CHECK ((net_var_name OPERATOR(public.~) '^[a-zA-Z_][a-zA-Z0-9_$]*$'::public.citext)),
    CONSTRAINT display_name_nolinebreak CHECK (((display_name)::text !~ '[
]'::text)),
    CONSTRAINT long_description_nolinebreak CHECK (((long_description)::text !~ '[
]'::text)),
    CONSTRAINT short_name_nolinebreak CHECK (((short_name)::text !~ '[
]'::text)),
    CONSTRAINT standard_name_nolinebreak CHECK (((standard_name)::text !~ '[
]'::text)),
    CONSTRAINT unit_nolinebreak CHECK (((unit)::text !~ '[
]'::text))
);


ALTER TABLE ${schemaName}.meta_vars_hx OWNER TO ${migrationUser};

--
-- Name: meta_vars_hx_meta_vars_hx_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ${schemaName}.meta_vars_hx ALTER COLUMN meta_vars_hx_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME ${schemaName}.meta_vars_hx_meta_vars_hx_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: monthly_average_of_daily_max_temperature_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE MATERIALIZED VIEW ${schemaName}.monthly_average_of_daily_max_temperature_mv AS
 SELECT per_month.history_id,
    per_month.vars_id,
    per_month.obs_month,
    per_month.statistic,
    ((per_month.total)::double precision / ${schemaName}.daysinmonth(((per_month.obs_month)::date)::timestamp without time zone)) AS data_coverage
   FROM ( SELECT daily.history_id,
            daily.vars_id,
            date_trunc('month'::text, daily.obs_day) AS obs_month,
            avg(daily.statistic) AS statistic,
            sum(daily.data_coverage) AS total
           FROM ${schemaName}.daily_max_temperature_mv daily
          GROUP BY daily.history_id, daily.vars_id, (date_trunc('month'::text, daily.obs_day))) per_month
  WITH NO DATA;


ALTER TABLE ${schemaName}.monthly_average_of_daily_max_temperature_mv OWNER TO ${suRoleName};

--
-- Name: monthly_average_of_daily_min_temperature_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE MATERIALIZED VIEW ${schemaName}.monthly_average_of_daily_min_temperature_mv AS
 SELECT per_month.history_id,
    per_month.vars_id,
    per_month.obs_month,
    per_month.statistic,
    ((per_month.total)::double precision / ${schemaName}.daysinmonth(((per_month.obs_month)::date)::timestamp without time zone)) AS data_coverage
   FROM ( SELECT daily.history_id,
            daily.vars_id,
            date_trunc('month'::text, daily.obs_day) AS obs_month,
            avg(daily.statistic) AS statistic,
            sum(daily.data_coverage) AS total
           FROM ${schemaName}.daily_min_temperature_mv daily
          GROUP BY daily.history_id, daily.vars_id, (date_trunc('month'::text, daily.obs_day))) per_month
  WITH NO DATA;


ALTER TABLE ${schemaName}.monthly_average_of_daily_min_temperature_mv OWNER TO ${suRoleName};

--
-- Name: monthly_total_precipitation_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE MATERIALIZED VIEW ${schemaName}.monthly_total_precipitation_mv AS
 WITH good_obs AS (
         SELECT obs.obs_raw_id,
            obs.obs_time,
            obs.mod_time,
            obs.datum,
            obs.vars_id,
            obs.history_id
           FROM ${schemaName}.obs_raw obs
          WHERE (NOT (EXISTS ( SELECT 1
                   FROM ${schemaName}.discarded_obs_raw_mv discarded
                  WHERE (discarded.obs_raw_id = obs.obs_raw_id))))
        )
 SELECT per_month.history_id,
    per_month.vars_id,
    per_month.obs_month,
    per_month.statistic,
    ((per_month.total)::double precision / ${schemaName}.daysinmonth(((per_month.obs_month)::date)::timestamp without time zone)) AS data_coverage
   FROM ( SELECT good_obs.history_id,
            good_obs.vars_id,
            date_trunc('month'::text, good_obs.obs_time) AS obs_month,
            sum(good_obs.datum) AS statistic,
            sum(
                CASE hx.freq
                    WHEN 'daily'::text THEN 1.0
                    WHEN '12-hourly'::text THEN 0.5
                    WHEN '1-hourly'::text THEN 0.041666666666666664
                    ELSE NULL::numeric
                END) AS total
           FROM ((good_obs
             JOIN ${schemaName}.meta_history hx ON ((hx.history_id = good_obs.history_id)))
             JOIN ${schemaName}.meta_vars vars ON ((vars.vars_id = good_obs.vars_id)))
          WHERE (((vars.standard_name)::text = ANY ((ARRAY['lwe_thickness_of_precipitation_amount'::character varying, 'thickness_of_rainfall_amount'::character varying, 'thickness_of_snowfall_amount'::character varying])::text[])) AND ((vars.cell_method)::text = 'time: sum'::text) AND ((hx.freq)::text = ANY ((ARRAY['1-hourly'::character varying, 'daily'::character varying])::text[])) AND (vars.net_var_name OPERATOR(public.<>) 'cum_pcpn_amt'::public.citext))
          GROUP BY good_obs.history_id, good_obs.vars_id, (date_trunc('month'::text, good_obs.obs_time))) per_month
  WITH NO DATA;


ALTER TABLE ${schemaName}.monthly_total_precipitation_mv OWNER TO ${suRoleName};

--
-- Name: obs_count_per_day_history_v; Type: VIEW; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE VIEW ${schemaName}.obs_count_per_day_history_v AS
 SELECT count(*) AS count,
    date_trunc('day'::text, obs.obs_time) AS date_trunc,
    obs.history_id
   FROM ${schemaName}.obs_raw obs
  GROUP BY (date_trunc('day'::text, obs.obs_time)), obs.history_id;


ALTER TABLE ${schemaName}.obs_count_per_day_history_v OWNER TO ${migrationUser};

--
-- Name: obs_count_per_month_history_mv; Type: MATERIALIZED VIEW; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE MATERIALIZED VIEW ${schemaName}.obs_count_per_month_history_mv AS
 SELECT count(obs.obs_raw_id) AS count,
    date_trunc('month'::text, obs.obs_time) AS date_trunc,
    obs.history_id
   FROM ${schemaName}.obs_raw obs
  GROUP BY (date_trunc('month'::text, obs.obs_time)), obs.history_id
  WITH NO DATA;


ALTER TABLE ${schemaName}.obs_count_per_month_history_mv OWNER TO ${migrationUser};

--
-- Name: obs_derived_values; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.obs_derived_values (
    obs_derived_value_id integer NOT NULL,
    value_time timestamp without time zone,
    mod_time timestamp without time zone NOT NULL,
    datum double precision,
    vars_id integer,
    history_id integer
);


ALTER TABLE ${schemaName}.obs_derived_values OWNER TO ${migrationUser};

--
-- Name: obs_derived_values_obs_derived_value_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.obs_derived_values_obs_derived_value_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.obs_derived_values_obs_derived_value_id_seq OWNER TO ${migrationUser};

--
-- Name: obs_derived_values_obs_derived_value_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.obs_derived_values_obs_derived_value_id_seq OWNED BY ${schemaName}.obs_derived_values.obs_derived_value_id;


--
-- Name: obs_raw_obs_raw_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE SEQUENCE ${schemaName}.obs_raw_obs_raw_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE ${schemaName}.obs_raw_obs_raw_id_seq OWNER TO ${migrationUser};

--
-- Name: obs_raw_obs_raw_id_seq; Type: SEQUENCE OWNED BY; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER SEQUENCE ${schemaName}.obs_raw_obs_raw_id_seq OWNED BY ${schemaName}.obs_raw.obs_raw_id;


--
-- Name: obs_raw_hx; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.obs_raw_hx (
    obs_raw_id bigint DEFAULT nextval('${schemaName}.obs_raw_obs_raw_id_seq'::regclass) NOT NULL,
    obs_time timestamp without time zone,
    mod_time timestamp without time zone NOT NULL,
    datum double precision,
    vars_id integer,
    history_id integer,
    mod_user character varying(64) DEFAULT CURRENT_USER NOT NULL,
    deleted boolean DEFAULT false,
    obs_raw_hx_id integer NOT NULL,
    meta_history_hx_id integer,
    meta_vars_hx_id integer
);


ALTER TABLE ${schemaName}.obs_raw_hx OWNER TO ${migrationUser};

--
-- Name: obs_raw_hx_obs_raw_hx_id_seq; Type: SEQUENCE; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ${schemaName}.obs_raw_hx ALTER COLUMN obs_raw_hx_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME ${schemaName}.obs_raw_hx_obs_raw_hx_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: obs_with_flags; Type: VIEW; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE VIEW ${schemaName}.obs_with_flags AS
 SELECT var.vars_id,
    var.network_id,
    var.unit,
    var.standard_name,
    var.cell_method,
    var.net_var_name,
    hist.station_id,
    obs.obs_raw_id,
    obs.obs_time,
    obs.mod_time,
    obs.datum
   FROM ((${schemaName}.obs_raw obs
     JOIN ${schemaName}.meta_vars var ON ((var.vars_id = obs.vars_id)))
     JOIN ${schemaName}.meta_history hist ON ((hist.history_id = obs.history_id)));


ALTER TABLE ${schemaName}.obs_with_flags OWNER TO ${migrationUser};

--
-- Name: time_bounds; Type: TABLE; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TABLE ${schemaName}.time_bounds (
    obs_raw_id integer NOT NULL,
    start timestamp without time zone,
    "end" timestamp without time zone
);


ALTER TABLE ${schemaName}.time_bounds OWNER TO ${migrationUser};

--
-- Name: meta_contact contact_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_contact ALTER COLUMN contact_id SET DEFAULT nextval('${schemaName}.meta_contact_contact_id_seq'::regclass);


--
-- Name: meta_history history_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_history ALTER COLUMN history_id SET DEFAULT nextval('${schemaName}.meta_history_history_id_seq'::regclass);


--
-- Name: meta_native_flag native_flag_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_native_flag ALTER COLUMN native_flag_id SET DEFAULT nextval('${schemaName}.meta_native_flag_native_flag_id_seq'::regclass);


--
-- Name: meta_network network_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_network ALTER COLUMN network_id SET DEFAULT nextval('${schemaName}.meta_network_network_id_seq'::regclass);


--
-- Name: meta_pcic_flag pcic_flag_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_pcic_flag ALTER COLUMN pcic_flag_id SET DEFAULT nextval('${schemaName}.meta_pcic_flag_pcic_flag_id_seq'::regclass);


--
-- Name: meta_sensor sensor_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_sensor ALTER COLUMN sensor_id SET DEFAULT nextval('${schemaName}.meta_sensor_sensor_id_seq'::regclass);


--
-- Name: meta_station station_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_station ALTER COLUMN station_id SET DEFAULT nextval('${schemaName}.meta_station_station_id_seq'::regclass);


--
-- Name: meta_vars vars_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_vars ALTER COLUMN vars_id SET DEFAULT nextval('${schemaName}.meta_vars_vars_id_seq'::regclass);


--
-- Name: obs_derived_values obs_derived_value_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_derived_values ALTER COLUMN obs_derived_value_id SET DEFAULT nextval('${schemaName}.obs_derived_values_obs_derived_value_id_seq'::regclass);


--
-- Name: obs_raw obs_raw_id; Type: DEFAULT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw ALTER COLUMN obs_raw_id SET DEFAULT nextval('${schemaName}.obs_raw_obs_raw_id_seq'::regclass);


--
-- Name: meta_contact meta_contact_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_contact
    ADD CONSTRAINT meta_contact_pkey PRIMARY KEY (contact_id);


--
-- Name: meta_history_hx meta_history_hx_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_history_hx
    ADD CONSTRAINT meta_history_hx_pkey PRIMARY KEY (meta_history_hx_id);


--
-- Name: meta_history meta_history_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_history
    ADD CONSTRAINT meta_history_pkey PRIMARY KEY (history_id);


--
-- Name: meta_native_flag meta_native_flag_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_native_flag
    ADD CONSTRAINT meta_native_flag_pkey PRIMARY KEY (native_flag_id);


--
-- Name: meta_native_flag meta_native_flag_unique; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_native_flag
    ADD CONSTRAINT meta_native_flag_unique UNIQUE (network_id, value);


--
-- Name: meta_network_hx meta_network_hx_pkey1; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_network_hx
    ADD CONSTRAINT meta_network_hx_pkey1 PRIMARY KEY (meta_network_hx_id);


--
-- Name: meta_network meta_network_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_network
    ADD CONSTRAINT meta_network_pkey PRIMARY KEY (network_id);


--
-- Name: meta_pcic_flag meta_pcic_flag_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_pcic_flag
    ADD CONSTRAINT meta_pcic_flag_pkey PRIMARY KEY (pcic_flag_id);


--
-- Name: meta_sensor meta_sensor_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_sensor
    ADD CONSTRAINT meta_sensor_pkey PRIMARY KEY (sensor_id);


--
-- Name: meta_station_hx meta_station_hx_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_station_hx
    ADD CONSTRAINT meta_station_hx_pkey PRIMARY KEY (meta_station_hx_id);


--
-- Name: meta_station meta_station_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_station
    ADD CONSTRAINT meta_station_pkey PRIMARY KEY (station_id);


--
-- Name: meta_vars_hx meta_vars_hx_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_vars_hx
    ADD CONSTRAINT meta_vars_hx_pkey PRIMARY KEY (meta_vars_hx_id);


--
-- Name: meta_vars meta_vars_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_vars
    ADD CONSTRAINT meta_vars_pkey PRIMARY KEY (vars_id);


--
-- Name: meta_vars network_variable_name_unique; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_vars
    ADD CONSTRAINT network_variable_name_unique UNIQUE (network_id, net_var_name);


--
-- Name: obs_derived_values obs_derived_value_time_place_variable_unique; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_derived_values
    ADD CONSTRAINT obs_derived_value_time_place_variable_unique UNIQUE (value_time, history_id, vars_id);


--
-- Name: obs_derived_values obs_derived_values_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_derived_values
    ADD CONSTRAINT obs_derived_values_pkey PRIMARY KEY (obs_derived_value_id);


--
-- Name: obs_raw_hx obs_raw_hx_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw_hx
    ADD CONSTRAINT obs_raw_hx_pkey PRIMARY KEY (obs_raw_hx_id);


--
-- Name: obs_raw_native_flags obs_raw_native_flags_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw_native_flags
    ADD CONSTRAINT obs_raw_native_flags_pkey PRIMARY KEY (obs_raw_id, native_flag_id);


--
-- Name: obs_raw_pcic_flags obs_raw_pcic_flags_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw_pcic_flags
    ADD CONSTRAINT obs_raw_pcic_flags_pkey PRIMARY KEY (obs_raw_id, pcic_flag_id);


--
-- Name: obs_raw obs_raw_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw
    ADD CONSTRAINT obs_raw_pkey PRIMARY KEY (obs_raw_id);


--
-- Name: time_bounds time_bounds_pkey; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.time_bounds
    ADD CONSTRAINT time_bounds_pkey PRIMARY KEY (obs_raw_id);


--
-- Name: obs_raw time_place_variable_unique; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw
    ADD CONSTRAINT time_place_variable_unique UNIQUE (obs_time, history_id, vars_id);


--
-- Name: meta_network uq_meta_network_network_display_name; Type: CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_network
    ADD CONSTRAINT uq_meta_network_network_display_name UNIQUE (network_display_name);


--
-- Name: climo_obs_count_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX climo_obs_count_idx ON ${schemaName}.climo_obs_count_mv USING btree (history_id);


--
-- Name: collapsed_vars_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE INDEX collapsed_vars_idx ON ${schemaName}.collapsed_vars_mv USING btree (history_id);


--
-- Name: daily_max_temperature_mv_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE UNIQUE INDEX daily_max_temperature_mv_idx ON ${schemaName}.daily_max_temperature_mv USING btree (history_id, vars_id, obs_day);


--
-- Name: daily_min_temperature_mv_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE UNIQUE INDEX daily_min_temperature_mv_idx ON ${schemaName}.daily_min_temperature_mv USING btree (history_id, vars_id, obs_day);


--
-- Name: discarded_obs_raw_mv_pkey; Type: INDEX; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE UNIQUE INDEX discarded_obs_raw_mv_pkey ON ${schemaName}.discarded_obs_raw_mv USING btree (obs_raw_id);


--
-- Name: fki_meta_history_station_id_fk; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX fki_meta_history_station_id_fk ON ${schemaName}.meta_history USING btree (station_id);


--
-- Name: fki_meta_station_network_id_fkey; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX fki_meta_station_network_id_fkey ON ${schemaName}.meta_station USING btree (network_id);


--
-- Name: fki_meta_vars_network_id_fkey; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX fki_meta_vars_network_id_fkey ON ${schemaName}.meta_vars USING btree (network_id);


--
-- Name: flag_index; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX flag_index ON ${schemaName}.obs_raw_native_flags USING btree (obs_raw_id);


--
-- Name: idx_meta_history_the_geom; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX idx_meta_history_the_geom ON ${schemaName}.meta_history USING btree (the_geom);


--
-- Name: ix_${schemaName}_meta_history_hx_history_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_history_hx_history_id ON ${schemaName}.meta_history_hx USING btree (history_id);


--
-- Name: ix_${schemaName}_meta_history_hx_meta_station_hx_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_history_hx_meta_station_hx_id ON ${schemaName}.meta_history_hx USING btree (meta_station_hx_id);


--
-- Name: ix_${schemaName}_meta_history_hx_mod_time; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_history_hx_mod_time ON ${schemaName}.meta_history_hx USING btree (mod_time);


--
-- Name: ix_${schemaName}_meta_history_hx_mod_user; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_history_hx_mod_user ON ${schemaName}.meta_history_hx USING btree (mod_user);


--
-- Name: ix_${schemaName}_meta_history_hx_station_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_history_hx_station_id ON ${schemaName}.meta_history_hx USING btree (station_id);


--
-- Name: ix_${schemaName}_meta_network_hx_mod_time; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_network_hx_mod_time ON ${schemaName}.meta_network_hx USING btree (mod_time);


--
-- Name: ix_${schemaName}_meta_network_hx_mod_user; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_network_hx_mod_user ON ${schemaName}.meta_network_hx USING btree (mod_user);


--
-- Name: ix_${schemaName}_meta_network_hx_network_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_network_hx_network_id ON ${schemaName}.meta_network_hx USING btree (network_id);


--
-- Name: ix_${schemaName}_meta_station_hx_meta_network_hx_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_station_hx_meta_network_hx_id ON ${schemaName}.meta_station_hx USING btree (meta_network_hx_id);


--
-- Name: ix_${schemaName}_meta_station_hx_mod_time; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_station_hx_mod_time ON ${schemaName}.meta_station_hx USING btree (mod_time);


--
-- Name: ix_${schemaName}_meta_station_hx_mod_user; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_station_hx_mod_user ON ${schemaName}.meta_station_hx USING btree (mod_user);


--
-- Name: ix_${schemaName}_meta_station_hx_network_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_station_hx_network_id ON ${schemaName}.meta_station_hx USING btree (network_id);


--
-- Name: ix_${schemaName}_meta_station_hx_station_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_station_hx_station_id ON ${schemaName}.meta_station_hx USING btree (station_id);


--
-- Name: ix_${schemaName}_meta_vars_hx_meta_network_hx_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_vars_hx_meta_network_hx_id ON ${schemaName}.meta_vars_hx USING btree (meta_network_hx_id);


--
-- Name: ix_${schemaName}_meta_vars_hx_mod_time; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_vars_hx_mod_time ON ${schemaName}.meta_vars_hx USING btree (mod_time);


--
-- Name: ix_${schemaName}_meta_vars_hx_mod_user; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_vars_hx_mod_user ON ${schemaName}.meta_vars_hx USING btree (mod_user);


--
-- Name: ix_${schemaName}_meta_vars_hx_network_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_vars_hx_network_id ON ${schemaName}.meta_vars_hx USING btree (network_id);


--
-- Name: ix_${schemaName}_meta_vars_hx_vars_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_meta_vars_hx_vars_id ON ${schemaName}.meta_vars_hx USING btree (vars_id);


--
-- Name: ix_${schemaName}_obs_raw_hx_history_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_obs_raw_hx_history_id ON ${schemaName}.obs_raw_hx USING btree (history_id);


--
-- Name: ix_${schemaName}_obs_raw_hx_meta_history_hx_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_obs_raw_hx_meta_history_hx_id ON ${schemaName}.obs_raw_hx USING btree (meta_history_hx_id);


--
-- Name: ix_${schemaName}_obs_raw_hx_meta_vars_hx_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_obs_raw_hx_meta_vars_hx_id ON ${schemaName}.obs_raw_hx USING btree (meta_vars_hx_id);


--
-- Name: ix_${schemaName}_obs_raw_hx_mod_time; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_obs_raw_hx_mod_time ON ${schemaName}.obs_raw_hx USING btree (mod_time);


--
-- Name: ix_${schemaName}_obs_raw_hx_mod_user; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_obs_raw_hx_mod_user ON ${schemaName}.obs_raw_hx USING btree (mod_user);


--
-- Name: ix_${schemaName}_obs_raw_hx_obs_raw_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_obs_raw_hx_obs_raw_id ON ${schemaName}.obs_raw_hx USING btree (obs_raw_id);


--
-- Name: ix_${schemaName}_obs_raw_hx_vars_id; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX ix_${schemaName}_obs_raw_hx_vars_id ON ${schemaName}.obs_raw_hx USING btree (vars_id);


--
-- Name: meta_history_freq_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX meta_history_freq_idx ON ${schemaName}.meta_history USING btree (freq);


--
-- Name: mod_time_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX mod_time_idx ON ${schemaName}.obs_raw USING btree (mod_time);


--
-- Name: INDEX mod_time_idx; Type: COMMENT; Schema: ${schemaName}; Owner: ${migrationUser}
--

COMMENT ON INDEX ${schemaName}.mod_time_idx IS 'Created by revision bdc28573df56';


--
-- Name: monthly_average_of_daily_max_temperature_mv_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE UNIQUE INDEX monthly_average_of_daily_max_temperature_mv_idx ON ${schemaName}.monthly_average_of_daily_max_temperature_mv USING btree (history_id, vars_id, obs_month);


--
-- Name: monthly_average_of_daily_min_temperature_mv_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE UNIQUE INDEX monthly_average_of_daily_min_temperature_mv_idx ON ${schemaName}.monthly_average_of_daily_min_temperature_mv USING btree (history_id, vars_id, obs_month);


--
-- Name: monthly_total_precipitation_mv_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE UNIQUE INDEX monthly_total_precipitation_mv_idx ON ${schemaName}.monthly_total_precipitation_mv USING btree (history_id, vars_id, obs_month);


--
-- Name: obs_count_per_month_history_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX obs_count_per_month_history_idx ON ${schemaName}.obs_count_per_month_history_mv USING btree (date_trunc, history_id);


--
-- Name: obs_raw_comp_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX obs_raw_comp_idx ON ${schemaName}.obs_raw USING btree (obs_time, vars_id, history_id);


--
-- Name: INDEX obs_raw_comp_idx; Type: COMMENT; Schema: ${schemaName}; Owner: ${migrationUser}
--

COMMENT ON INDEX ${schemaName}.obs_raw_comp_idx IS 'Created by revision bdc28573df56';


--
-- Name: obs_raw_history_id_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX obs_raw_history_id_idx ON ${schemaName}.obs_raw USING btree (history_id);


--
-- Name: INDEX obs_raw_history_id_idx; Type: COMMENT; Schema: ${schemaName}; Owner: ${migrationUser}
--

COMMENT ON INDEX ${schemaName}.obs_raw_history_id_idx IS 'Created by revision bdc28573df56';


--
-- Name: obs_raw_history_obs_time_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX obs_raw_history_obs_time_idx ON ${schemaName}.obs_raw USING btree (history_id, obs_time);


--
-- Name: INDEX obs_raw_history_obs_time_idx; Type: COMMENT; Schema: ${schemaName}; Owner: ${migrationUser}
--

COMMENT ON INDEX ${schemaName}.obs_raw_history_obs_time_idx IS 'Created by revision f6d5a4c2e901';


--
-- Name: obs_raw_id_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX obs_raw_id_idx ON ${schemaName}.obs_raw USING btree (obs_raw_id);


--
-- Name: INDEX obs_raw_id_idx; Type: COMMENT; Schema: ${schemaName}; Owner: ${migrationUser}
--

COMMENT ON INDEX ${schemaName}.obs_raw_id_idx IS 'Created by revision bdc28573df56';


--
-- Name: pcic_flag_index; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX pcic_flag_index ON ${schemaName}.obs_raw_pcic_flags USING btree (obs_raw_id);


--
-- Name: station_obs_stats_mv_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE INDEX station_obs_stats_mv_idx ON ${schemaName}.station_obs_stats_mv USING btree (min_obs_time, max_obs_time, obs_count, station_id, history_id);


--
-- Name: var_hist_idx; Type: INDEX; Schema: ${schemaName}; Owner: ${suRoleName}
--

CREATE INDEX var_hist_idx ON ${schemaName}.vars_per_history_mv USING btree (history_id, vars_id);


--
-- Name: meta_network prevent_network_name_modification_trigger; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER prevent_network_name_modification_trigger BEFORE UPDATE ON ${schemaName}.meta_network FOR EACH ROW EXECUTE FUNCTION ${schemaName}.prevent_network_name_modification();


--
-- Name: meta_network set_network_display_name_default_trigger; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER set_network_display_name_default_trigger BEFORE INSERT ON ${schemaName}.meta_network FOR EACH ROW EXECUTE FUNCTION ${schemaName}.set_network_display_name_default();


--
-- Name: meta_history_hx t100_add_foreign_hx_keys; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_add_foreign_hx_keys BEFORE INSERT ON ${schemaName}.meta_history_hx FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_add_foreign_hx_keys('{{meta_station, station_id}}');


--
-- Name: meta_network_hx t100_add_foreign_hx_keys; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_add_foreign_hx_keys BEFORE INSERT ON ${schemaName}.meta_network_hx FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_add_foreign_hx_keys();


--
-- Name: meta_station_hx t100_add_foreign_hx_keys; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_add_foreign_hx_keys BEFORE INSERT ON ${schemaName}.meta_station_hx FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_add_foreign_hx_keys('{{meta_network, network_id}}');


--
-- Name: meta_vars_hx t100_add_foreign_hx_keys; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_add_foreign_hx_keys BEFORE INSERT ON ${schemaName}.meta_vars_hx FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_add_foreign_hx_keys('{{meta_network, network_id}}');


--
-- Name: obs_raw_hx t100_add_foreign_hx_keys; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_add_foreign_hx_keys BEFORE INSERT ON ${schemaName}.obs_raw_hx FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_add_foreign_hx_keys('{{meta_history, history_id}, {meta_vars, vars_id}}');


--
-- Name: meta_history t100_primary_control_hx_cols; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_control_hx_cols BEFORE INSERT OR DELETE OR UPDATE ON ${schemaName}.meta_history FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_control_hx_cols();


--
-- Name: meta_network t100_primary_control_hx_cols; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_control_hx_cols BEFORE INSERT OR DELETE OR UPDATE ON ${schemaName}.meta_network FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_control_hx_cols();


--
-- Name: meta_station t100_primary_control_hx_cols; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_control_hx_cols BEFORE INSERT OR DELETE OR UPDATE ON ${schemaName}.meta_station FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_control_hx_cols();


--
-- Name: meta_vars t100_primary_control_hx_cols; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_control_hx_cols BEFORE INSERT OR DELETE OR UPDATE ON ${schemaName}.meta_vars FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_control_hx_cols();


--
-- Name: obs_raw t100_primary_control_hx_cols; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_control_hx_cols BEFORE INSERT OR DELETE OR UPDATE ON ${schemaName}.obs_raw FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_control_hx_cols();


--
-- Name: meta_history t100_primary_ops_to_hx; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_ops_to_hx AFTER INSERT OR DELETE OR UPDATE ON ${schemaName}.meta_history FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_ops_to_hx();


--
-- Name: meta_network t100_primary_ops_to_hx; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_ops_to_hx AFTER INSERT OR DELETE OR UPDATE ON ${schemaName}.meta_network FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_ops_to_hx();


--
-- Name: meta_station t100_primary_ops_to_hx; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_ops_to_hx AFTER INSERT OR DELETE OR UPDATE ON ${schemaName}.meta_station FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_ops_to_hx();


--
-- Name: meta_vars t100_primary_ops_to_hx; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_ops_to_hx AFTER INSERT OR DELETE OR UPDATE ON ${schemaName}.meta_vars FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_ops_to_hx();


--
-- Name: obs_raw t100_primary_ops_to_hx; Type: TRIGGER; Schema: ${schemaName}; Owner: ${migrationUser}
--

CREATE TRIGGER t100_primary_ops_to_hx AFTER INSERT OR DELETE OR UPDATE ON ${schemaName}.obs_raw FOR EACH ROW EXECUTE FUNCTION ${schemaName}.hxtk_primary_ops_to_hx();


--
-- Name: meta_history_hx meta_history_hx_meta_station_hx_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_history_hx
    ADD CONSTRAINT meta_history_hx_meta_station_hx_id_fkey FOREIGN KEY (meta_station_hx_id) REFERENCES ${schemaName}.meta_station_hx(meta_station_hx_id);


--
-- Name: meta_history meta_history_sensor_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_history
    ADD CONSTRAINT meta_history_sensor_id_fkey FOREIGN KEY (sensor_id) REFERENCES ${schemaName}.meta_sensor(sensor_id);


--
-- Name: meta_history meta_history_station_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_history
    ADD CONSTRAINT meta_history_station_id_fkey FOREIGN KEY (station_id) REFERENCES ${schemaName}.meta_station(station_id);


--
-- Name: meta_native_flag meta_native_flag_network_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_native_flag
    ADD CONSTRAINT meta_native_flag_network_id_fkey FOREIGN KEY (network_id) REFERENCES ${schemaName}.meta_network(network_id);


--
-- Name: meta_network meta_network_contact_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_network
    ADD CONSTRAINT meta_network_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES ${schemaName}.meta_contact(contact_id);


--
-- Name: meta_station_hx meta_station_hx_meta_network_hx_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_station_hx
    ADD CONSTRAINT meta_station_hx_meta_network_hx_id_fkey FOREIGN KEY (meta_network_hx_id) REFERENCES ${schemaName}.meta_network_hx(meta_network_hx_id);


--
-- Name: meta_station meta_station_network_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_station
    ADD CONSTRAINT meta_station_network_id_fkey FOREIGN KEY (network_id) REFERENCES ${schemaName}.meta_network(network_id);


--
-- Name: meta_vars_hx meta_vars_hx_meta_network_hx_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_vars_hx
    ADD CONSTRAINT meta_vars_hx_meta_network_hx_id_fkey FOREIGN KEY (meta_network_hx_id) REFERENCES ${schemaName}.meta_network_hx(meta_network_hx_id);


--
-- Name: meta_vars meta_vars_network_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.meta_vars
    ADD CONSTRAINT meta_vars_network_id_fkey FOREIGN KEY (network_id) REFERENCES ${schemaName}.meta_network(network_id);


--
-- Name: obs_derived_values obs_derived_values_history_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_derived_values
    ADD CONSTRAINT obs_derived_values_history_id_fkey FOREIGN KEY (history_id) REFERENCES ${schemaName}.meta_history(history_id);


--
-- Name: obs_derived_values obs_derived_values_vars_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_derived_values
    ADD CONSTRAINT obs_derived_values_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES ${schemaName}.meta_vars(vars_id);


--
-- Name: obs_raw obs_raw_history_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw
    ADD CONSTRAINT obs_raw_history_id_fkey FOREIGN KEY (history_id) REFERENCES ${schemaName}.meta_history(history_id);


--
-- Name: obs_raw_hx obs_raw_hx_meta_history_hx_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw_hx
    ADD CONSTRAINT obs_raw_hx_meta_history_hx_id_fkey FOREIGN KEY (meta_history_hx_id) REFERENCES ${schemaName}.meta_history_hx(meta_history_hx_id);


--
-- Name: obs_raw_hx obs_raw_hx_meta_vars_hx_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw_hx
    ADD CONSTRAINT obs_raw_hx_meta_vars_hx_id_fkey FOREIGN KEY (meta_vars_hx_id) REFERENCES ${schemaName}.meta_vars_hx(meta_vars_hx_id);


--
-- Name: obs_raw_native_flags obs_raw_native_flags_native_flag_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw_native_flags
    ADD CONSTRAINT obs_raw_native_flags_native_flag_id_fkey FOREIGN KEY (native_flag_id) REFERENCES ${schemaName}.meta_native_flag(native_flag_id);


--
-- Name: obs_raw_native_flags obs_raw_native_flags_obs_raw_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw_native_flags
    ADD CONSTRAINT obs_raw_native_flags_obs_raw_id_fkey FOREIGN KEY (obs_raw_id) REFERENCES ${schemaName}.obs_raw(obs_raw_id);


--
-- Name: obs_raw_pcic_flags obs_raw_pcic_flags_obs_raw_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw_pcic_flags
    ADD CONSTRAINT obs_raw_pcic_flags_obs_raw_id_fkey FOREIGN KEY (obs_raw_id) REFERENCES ${schemaName}.obs_raw(obs_raw_id);


--
-- Name: obs_raw_pcic_flags obs_raw_pcic_flags_pcic_flag_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw_pcic_flags
    ADD CONSTRAINT obs_raw_pcic_flags_pcic_flag_id_fkey FOREIGN KEY (pcic_flag_id) REFERENCES ${schemaName}.meta_pcic_flag(pcic_flag_id);


--
-- Name: obs_raw obs_raw_vars_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.obs_raw
    ADD CONSTRAINT obs_raw_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES ${schemaName}.meta_vars(vars_id);


--
-- Name: time_bounds time_bounds_obs_raw_id_fkey; Type: FK CONSTRAINT; Schema: ${schemaName}; Owner: ${migrationUser}
--

ALTER TABLE ONLY ${schemaName}.time_bounds
    ADD CONSTRAINT time_bounds_obs_raw_id_fkey FOREIGN KEY (obs_raw_id) REFERENCES ${schemaName}.obs_raw(obs_raw_id);


--
-- Name: TABLE climo_obs_count_mv; Type: ACL; Schema: ${schemaName}; Owner: ${migrationUser}
--

GRANT SELECT ON TABLE ${schemaName}.climo_obs_count_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.climo_obs_count_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.climo_obs_count_mv TO steward;


--
-- Name: TABLE vars_per_history_mv; Type: ACL; Schema: ${schemaName}; Owner: ${suRoleName}
--

GRANT SELECT ON TABLE ${schemaName}.vars_per_history_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.vars_per_history_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.vars_per_history_mv TO steward;


--
-- Name: TABLE collapsed_vars_mv; Type: ACL; Schema: ${schemaName}; Owner: ${suRoleName}
--

GRANT SELECT ON TABLE ${schemaName}.collapsed_vars_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.collapsed_vars_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.collapsed_vars_mv TO steward;


--
-- Name: TABLE station_obs_stats_mv; Type: ACL; Schema: ${schemaName}; Owner: ${migrationUser}
--

GRANT SELECT ON TABLE ${schemaName}.station_obs_stats_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.station_obs_stats_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.station_obs_stats_mv TO steward;


--
-- Name: TABLE crmp_network_geoserver; Type: ACL; Schema: ${schemaName}; Owner: ${suRoleName}
--

GRANT SELECT ON TABLE ${schemaName}.crmp_network_geoserver TO inspector;
GRANT SELECT ON TABLE ${schemaName}.crmp_network_geoserver TO viewer;
GRANT ALL ON TABLE ${schemaName}.crmp_network_geoserver TO steward;


--
-- Name: TABLE discarded_obs_raw_mv; Type: ACL; Schema: ${schemaName}; Owner: ${suRoleName}
--

GRANT SELECT ON TABLE ${schemaName}.discarded_obs_raw_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.discarded_obs_raw_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.discarded_obs_raw_mv TO steward;


--
-- Name: TABLE daily_max_temperature_mv; Type: ACL; Schema: ${schemaName}; Owner: ${suRoleName}
--

GRANT SELECT ON TABLE ${schemaName}.daily_max_temperature_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.daily_max_temperature_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.daily_max_temperature_mv TO steward;


--
-- Name: TABLE daily_min_temperature_mv; Type: ACL; Schema: ${schemaName}; Owner: ${suRoleName}
--

GRANT SELECT ON TABLE ${schemaName}.daily_min_temperature_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.daily_min_temperature_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.daily_min_temperature_mv TO steward;


--
-- Name: TABLE meta_history_hx; Type: ACL; Schema: ${schemaName}; Owner: ${migrationUser}
--

GRANT SELECT ON TABLE ${schemaName}.meta_history_hx TO inspector;
GRANT SELECT ON TABLE ${schemaName}.meta_history_hx TO viewer;
GRANT ALL ON TABLE ${schemaName}.meta_history_hx TO steward;


--
-- Name: TABLE meta_network_hx; Type: ACL; Schema: ${schemaName}; Owner: ${migrationUser}
--

GRANT SELECT ON TABLE ${schemaName}.meta_network_hx TO inspector;
GRANT SELECT ON TABLE ${schemaName}.meta_network_hx TO viewer;
GRANT ALL ON TABLE ${schemaName}.meta_network_hx TO steward;


--
-- Name: TABLE meta_station_hx; Type: ACL; Schema: ${schemaName}; Owner: ${migrationUser}
--

GRANT SELECT ON TABLE ${schemaName}.meta_station_hx TO inspector;
GRANT SELECT ON TABLE ${schemaName}.meta_station_hx TO viewer;
GRANT ALL ON TABLE ${schemaName}.meta_station_hx TO steward;


--
-- Name: TABLE meta_vars_hx; Type: ACL; Schema: ${schemaName}; Owner: ${migrationUser}
--

GRANT SELECT ON TABLE ${schemaName}.meta_vars_hx TO inspector;
GRANT SELECT ON TABLE ${schemaName}.meta_vars_hx TO viewer;
GRANT ALL ON TABLE ${schemaName}.meta_vars_hx TO steward;


--
-- Name: TABLE monthly_average_of_daily_max_temperature_mv; Type: ACL; Schema: ${schemaName}; Owner: ${suRoleName}
--

GRANT SELECT ON TABLE ${schemaName}.monthly_average_of_daily_max_temperature_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.monthly_average_of_daily_max_temperature_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.monthly_average_of_daily_max_temperature_mv TO steward;


--
-- Name: TABLE monthly_average_of_daily_min_temperature_mv; Type: ACL; Schema: ${schemaName}; Owner: ${suRoleName}
--

GRANT SELECT ON TABLE ${schemaName}.monthly_average_of_daily_min_temperature_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.monthly_average_of_daily_min_temperature_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.monthly_average_of_daily_min_temperature_mv TO steward;


--
-- Name: TABLE monthly_total_precipitation_mv; Type: ACL; Schema: ${schemaName}; Owner: ${suRoleName}
--

GRANT SELECT ON TABLE ${schemaName}.monthly_total_precipitation_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.monthly_total_precipitation_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.monthly_total_precipitation_mv TO steward;


--
-- Name: TABLE obs_count_per_month_history_mv; Type: ACL; Schema: ${schemaName}; Owner: ${migrationUser}
--

GRANT SELECT ON TABLE ${schemaName}.obs_count_per_month_history_mv TO inspector;
GRANT SELECT ON TABLE ${schemaName}.obs_count_per_month_history_mv TO viewer;
GRANT ALL ON TABLE ${schemaName}.obs_count_per_month_history_mv TO steward;


--
-- Name: TABLE obs_raw_hx; Type: ACL; Schema: ${schemaName}; Owner: ${migrationUser}
--

GRANT SELECT ON TABLE ${schemaName}.obs_raw_hx TO inspector;
GRANT SELECT ON TABLE ${schemaName}.obs_raw_hx TO viewer;
GRANT ALL ON TABLE ${schemaName}.obs_raw_hx TO steward;
