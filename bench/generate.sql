-- Deterministic synthetic CRMP data for benchmarks: networks, stations, histories, variables, flags and
-- exactly :rows observations in obs_raw, set-based (generate_series), no client-side loop and no random():
-- every "random" choice is a hash of (seed, stream, key), so the same seed and rows give the same data.
--
-- usage: psql -X -v ON_ERROR_STOP=1 -v schema=crmp -v seed=1 -v rows=1000000 [-v stations=300] \
--             [-v owner=tester] -f bench/generate.sql "host=... user=tester dbname=..."
-- Run it as the migration user (who owns the tables), or as a superuser with -v owner=<that user>, on a
-- schema migrated to any revision (the tables of revision 522eed334c85 are all it needs) whose obs_raw is
-- empty. Columns added by later revisions are
-- left to their defaults or filled when present (meta_station.publish from 879f0efa125f); meta_vars always
-- gets standard_name, cell_method and display_name (NOT NULL from 7b139906ac46) and net_var_name values
-- that are valid identifiers, unique per network case-insensitively (3d50ec832e47, 78260d36e42b).
-- From 8c05da87cb79 (obs_raw history tracking) the obs_raw triggers are disabled for the bulk load and
-- obs_raw_hx is filled set-based the way that revision's initial population does, then they are enabled.
-- Derived relations (fake, manual and native matviews) are NOT refreshed here: bench/refresh.sh does it.
--
-- Shape (defaults): 6 networks, :stations stations with 1-3 consecutive histories each (freq daily,
-- 1-hourly, 12-hourly, irregular, or monthly for climatologies), 3-8 variables per network with the
-- standard names and cell methods the weather-anomaly matviews select on, series (history, variable)
-- whose row counts follow a per-frequency weight (see g_freq), so every series covers a span of time
-- that grows with :rows; station start dates spread over 1950-2024; about 3 % of observations carry a
-- native flag and 1 % a PCIC flag, some of them discarding; 0.2 % of values are NULL.

\set ON_ERROR_STOP on
\if :{?schema}
\else
\set schema crmp
\endif
\if :{?seed}
\else
\set seed 1
\endif
\if :{?stations}
\else
\set stations 300
\endif
\if :{?rows}
\else
\echo 'generate.sql: -v rows=N is required'
SELECT 1/0 AS rows_parameter_missing;
\endif

-- Run as a superuser with -v owner=<migration user> to skip the per-row foreign-key checks of the bulk
-- load (session_replication_role = replica; the data are consistent by construction) while every row is
-- still written as the owner; otherwise it runs as the connecting user with all checks.
SELECT current_setting('is_superuser')::boolean AS g_superuser \gset
\if :{?owner}
SET ROLE :"owner";
\endif
SET search_path TO :"schema", public;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
SET synchronous_commit = off;
SET jit = off;
SET client_min_messages = warning;

BEGIN;

DO $$
BEGIN
    IF to_regclass('obs_raw') IS NULL THEN
        RAISE EXCEPTION 'generate.sql: no table obs_raw in schema %', current_schema();
    END IF;
    IF EXISTS (SELECT 1 FROM obs_raw) OR EXISTS (SELECT 1 FROM meta_network) THEN
        RAISE EXCEPTION 'generate.sql: schema % already holds data; generate into an empty migrated schema',
            current_schema();
    END IF;
END
$$;

-- u(seed, stream, key): uniform in [0, 1), the top 53 bits of a seeded 64-bit hash of key.
CREATE FUNCTION pg_temp.u(seed bigint, stream integer, key bigint) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ((hashint8extended(key, seed * 1009 + stream) >> 11) & 9007199254740991)::double precision
                 / 9007199254740992.0 $$;

-- Networks: share of stations, frequencies of their histories with cumulative probabilities.
CREATE TEMP TABLE g_net (network_id int, network_name text, description text, col_hex text, contact_id int,
                         share float8, freqs text[], freq_cum float8[]) ON COMMIT DROP;
INSERT INTO g_net VALUES
    (1, 'EC',        'Synthetic national climate network',      '#1f77b4', 1, 0.24, '{daily,1-hourly}',     '{0.65,1}'),
    (2, 'MoTIe',     'Synthetic road-weather network',          '#ff7f0e', 2, 0.20, '{1-hourly}',           '{1}'),
    (3, 'FLNRO-WMB', 'Synthetic wildfire weather network',      '#2ca02c', 2, 0.20, '{1-hourly,irregular}', '{0.85,1}'),
    (4, 'BCH',       'Synthetic hydro-electric utility network', '#d62728', 3, 0.16, '{daily,1-hourly}',     '{0.75,1}'),
    (5, 'ARDA',      'Synthetic agricultural network',          '#9467bd', 3, 0.12, '{daily,12-hourly}',    '{0.5,1}'),
    (6, 'CLIMATE',   'Synthetic climate normals',               '#8c564b', 1, 0.08, '{monthly}',            '{1}');

-- Variables per network: kind drives the synthetic values; freqs lists the history frequencies that
-- report the variable.
CREATE TEMP TABLE g_var (vars_id int, network_id int, net_var_name text, standard_name text, cell_method text,
                         unit text, display_name text, short_name text, kind text, freqs text[]) ON COMMIT DROP;
INSERT INTO g_var
SELECT row_number() OVER (ORDER BY v.network_id, v.ord), v.network_id, v.net_var_name, v.standard_name,
       v.cell_method, v.unit, v.display_name, v.short_name, v.kind, v.freqs
  FROM (VALUES
    (1, 1, 'MAX_TEMP',              'air_temperature',                       'time: maximum', 'celsius', 'Temperature (Max.)',     'air_temperature time: maximum', 'tmax', '{daily}'::text[]),
    (1, 2, 'MIN_TEMP',              'air_temperature',                       'time: minimum', 'celsius', 'Temperature (Min.)',     'air_temperature time: minimum', 'tmin', '{daily}'),
    (1, 3, 'ONE_DAY_PRECIPITATION', 'lwe_thickness_of_precipitation_amount', 'time: sum',     'mm',      'Precipitation Amount',   'lwe_thickness_of_precipitation_amount time: sum', 'pcpd', '{daily}'),
    (1, 4, 'ONE_DAY_RAIN',          'thickness_of_rainfall_amount',          'time: sum',     'mm',      'Rainfall Amount',        'thickness_of_rainfall_amount time: sum', 'pcpd', '{daily}'),
    (1, 5, 'ONE_DAY_SNOW',          'thickness_of_snowfall_amount',          'time: sum',     'cm',      'Snowfall Amount',        'thickness_of_snowfall_amount time: sum', 'pcpd', '{daily}'),
    (1, 6, 'TEMP',                  'air_temperature',                       'time: point',   'celsius', 'Temperature (Point)',    'air_temperature time: point', 'tpt', '{1-hourly}'),
    (1, 7, 'REL_HUM',               'relative_humidity',                     'time: point',   '%',       'Relative Humidity',      'relative_humidity time: point', 'rh', '{1-hourly}'),
    (1, 8, 'PCPN_AMT_PST1HRS',      'lwe_thickness_of_precipitation_amount', 'time: sum',     'mm',      'Precipitation Amount',   'lwe_thickness_of_precipitation_amount time: sum', 'pcph', '{1-hourly}'),
    (2, 1, 'CURRENT_AIR_TEMPERATURE1', 'air_temperature',                    'time: point',   'celsius', 'Temperature (Point)',    'air_temperature time: point', 'tpt', '{1-hourly}'),
    (2, 2, 'MAXIMUM_AIR_TEMPERATURE',  'air_temperature',                    'time: maximum', 'celsius', 'Temperature (Max.)',     'air_temperature time: maximum', 'tmax', '{1-hourly}'),
    (2, 3, 'PRECIPITATION_NEW',     'lwe_thickness_of_precipitation_amount', 'time: sum',     'mm',      'Precipitation Amount',   'lwe_thickness_of_precipitation_amount time: sum', 'pcph', '{1-hourly}'),
    (2, 4, 'HEIGHT_OF_SNOW',        'surface_snow_thickness',                'time: point',   'cm',      'Snow Depth',             'surface_snow_thickness time: point', 'snow', '{1-hourly}'),
    (2, 5, 'AVG_WND_SPD',           'wind_speed',                            'time: mean',    'km/h',    'Wind Speed (Mean)',      'wind_speed time: mean', 'wind', '{1-hourly}'),
    (3, 1, 'temperature',           'air_temperature',                       'time: point',   'celsius', 'Temperature (Point)',    'air_temperature time: point', 'tpt', '{1-hourly,irregular}'),
    (3, 2, 'relative_humidity',     'relative_humidity',                     'time: point',   '%',       'Relative Humidity',      'relative_humidity time: point', 'rh', '{1-hourly,irregular}'),
    (3, 3, 'precipitation',         'lwe_thickness_of_precipitation_amount', 'time: sum',     'mm',      'Precipitation Amount',   'lwe_thickness_of_precipitation_amount time: sum', 'pcph', '{1-hourly,irregular}'),
    (3, 4, 'wind_speed',            'wind_speed',                            'time: mean',    'km/h',    'Wind Speed (Mean)',      'wind_speed time: mean', 'wind', '{1-hourly,irregular}'),
    (3, 5, 'wind_direction',        'wind_from_direction',                   'time: mean',    'degree',  'Wind Direction (Mean)',  'wind_from_direction time: mean', 'wdir', '{1-hourly}'),
    (4, 1, 'MAX_TEMP',              'air_temperature',                       'time: maximum', 'celsius', 'Temperature (Max.)',     'air_temperature time: maximum', 'tmax', '{daily}'),
    (4, 2, 'MIN_TEMP',              'air_temperature',                       'time: minimum', 'celsius', 'Temperature (Min.)',     'air_temperature time: minimum', 'tmin', '{daily}'),
    (4, 3, 'AVG_TEMP',              'air_temperature',                       'time: mean',    'celsius', 'Temperature (Mean)',     'air_temperature time: mean', 'tpt', '{daily,1-hourly}'),
    (4, 4, 'cum_pcpn_amt',          'lwe_thickness_of_precipitation_amount', 'time: sum',     'mm',      'Cumulative Precipitation', 'lwe_thickness_of_precipitation_amount time: sum', 'cum', '{daily,1-hourly}'),
    (4, 5, 'PRECIP',                'lwe_thickness_of_precipitation_amount', 'time: sum',     'mm',      'Precipitation Amount',   'lwe_thickness_of_precipitation_amount time: sum', 'pcpd', '{daily}'),
    (5, 1, 'Tmax',                  'air_temperature',                       'time: maximum', 'celsius', 'Temperature (Max.)',     'air_temperature time: maximum', 'tmax', '{daily,12-hourly}'),
    (5, 2, 'Tmin',                  'air_temperature',                       'time: minimum', 'celsius', 'Temperature (Min.)',     'air_temperature time: minimum', 'tmin', '{daily,12-hourly}'),
    (5, 3, 'Tmean',                 'air_temperature',                       'time: mean',    'celsius', 'Temperature (Mean)',     'air_temperature time: mean', 'tpt', '{daily}'),
    (5, 4, 'Precip',                'lwe_thickness_of_precipitation_amount', 'time: sum',     'mm',      'Precipitation Amount',   'lwe_thickness_of_precipitation_amount time: sum', 'pcpd', '{daily}'),
    (6, 1, 'Tx_Climatology',        'air_temperature', 't: maximum within days t: mean within months t: mean over years', 'celsius', 'Temperature Climatology (Max.)', 'air_temperature climatology maximum', 'ctx', '{monthly}'),
    (6, 2, 'Tn_Climatology',        'air_temperature', 't: minimum within days t: mean within months t: mean over years', 'celsius', 'Temperature Climatology (Min.)', 'air_temperature climatology minimum', 'ctn', '{monthly}'),
    (6, 3, 'Precip_Climatology',    'lwe_thickness_of_precipitation_amount', 't: sum within months t: mean over years', 'mm', 'Precipitation Climatology', 'precipitation climatology', 'cpr', '{monthly}')
  ) AS v (network_id, ord, net_var_name, standard_name, cell_method, unit, display_name, short_name, kind, freqs);

-- Frequencies: step between observation slots, offset of the first slot, and weight = the share of rows a
-- series gets. weight / (observations per day) is the relative length of its record: daily and 12-hourly
-- records are made 6 and 2 times longer than hourly ones (long manual-station records vs recent automatic
-- stations); climatologies are short (a few monthly values).
CREATE TEMP TABLE g_freq (freq text, step interval, phase interval, weight numeric) ON COMMIT DROP;
INSERT INTO g_freq VALUES
    ('1-hourly',  interval '1 hour',   interval '0',       24),
    ('12-hourly', interval '12 hours', interval '7 hours', 4),
    ('daily',     interval '1 day',    interval '0',       6),
    ('irregular', interval '1 hour',   interval '0',       8),
    ('monthly',   interval '1 month',  interval '14 days', 0.4);

CREATE TEMP TABLE g_station ON COMMIT DROP AS
SELECT s.station_id,
       coalesce((SELECT n.network_id FROM (SELECT network_id, sum(share) OVER (ORDER BY network_id) AS cum FROM g_net) n
                  WHERE n.cum > pg_temp.u(:seed, 1, s.station_id) ORDER BY n.network_id LIMIT 1),
                (SELECT max(network_id) FROM g_net)) AS network_id,
       -139.0 + 25.0 * pg_temp.u(:seed, 2, s.station_id) AS lon,
       48.3 + 11.7 * pg_temp.u(:seed, 3, s.station_id) AS lat,
       round((2500.0 * pg_temp.u(:seed, 4, s.station_id) ^ 2)::numeric) AS elev,
       1 + (pg_temp.u(:seed, 5, s.station_id) >= 0.5)::int + (pg_temp.u(:seed, 5, s.station_id) >= 0.85)::int AS n_hist,
       (ARRAY['Alder','Beaver','Cedar','Eagle','Fir','Granite','Hope','Kettle','Lynx','Moose','Otter','Pine',
              'Raven','Salmon','Spruce','Willow'])[1 + floor(16 * pg_temp.u(:seed, 6, s.station_id))::int]
       || ' ' ||
       (ARRAY['Creek','Lake','Ridge','Valley','Pass','Mountain','River','Flats'])[1 + floor(8 * pg_temp.u(:seed, 7, s.station_id))::int]
       || ' ' || (1 + floor(9 * pg_temp.u(:seed, 8, s.station_id))::int) AS station_name,
       pg_temp.u(:seed, 25, s.station_id) < 0.05 AS unpublished
  FROM generate_series(1, :stations) AS s (station_id);

-- Histories: 1-3 per station, numbered 1.. per station; frequency drawn from the network's distribution.
CREATE TEMP TABLE g_hist ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY st.station_id, j.j)::int AS history_id,
       st.station_id, st.network_id, j.j, j.j = st.n_hist AS is_last,
       st.station_name, st.lon + 0.01 * (j.j - 1) AS lon, st.lat AS lat, st.elev,
       (SELECT f.freq FROM unnest(n.freqs, n.freq_cum) AS f (freq, cum)
         WHERE f.cum > pg_temp.u(:seed, 9, st.station_id * 8 + j.j) ORDER BY f.cum LIMIT 1) AS freq
  FROM g_station st
  JOIN g_net n ON n.network_id = st.network_id
  CROSS JOIN LATERAL generate_series(1, st.n_hist) AS j (j);

-- Series (history, variable): each variable the history's frequency reports, kept with probability 0.85;
-- the history's first variable (in hash order) is always kept.
CREATE TEMP TABLE g_series ON COMMIT DROP AS
WITH candidates AS (
    SELECT h.history_id, v.vars_id, v.kind, h.freq,
           pg_temp.u(:seed, 10, h.history_id::bigint * 1000 + v.vars_id) AS keep,
           row_number() OVER (PARTITION BY h.history_id
                              ORDER BY pg_temp.u(:seed, 11, h.history_id::bigint * 1000 + v.vars_id)) AS rank
      FROM g_hist h
      JOIN g_var v ON v.network_id = h.network_id AND h.freq = ANY (v.freqs)
), kept AS (
    SELECT c.*, row_number() OVER (ORDER BY c.history_id, c.vars_id) AS series_id,
           round(f.weight * (0.5 + pg_temp.u(:seed, 12, c.history_id::bigint * 1000 + c.vars_id))::numeric, 6) AS weight,
           f.step, f.phase,
           CASE c.freq WHEN 'irregular' THEN 0.2 + 0.2 * pg_temp.u(:seed, 13, c.history_id::bigint * 1000 + c.vars_id)
                       WHEN 'monthly' THEN 1.0
                       ELSE 0.75 + 0.25 * pg_temp.u(:seed, 13, c.history_id::bigint * 1000 + c.vars_id) END AS density
      FROM candidates c JOIN g_freq f ON f.freq = c.freq
     WHERE c.keep < 0.85 OR c.rank = 1
), cumulated AS (
    SELECT k.*, sum(k.weight) OVER (ORDER BY k.series_id) AS cum, sum(k.weight) OVER () AS total FROM kept k
)
-- exactly :rows in total: the floors of the cumulative shares telescope to :rows
SELECT series_id, history_id, vars_id, kind, freq, step, phase, density,
       (floor(:rows * cum / total) - floor(:rows * (cum - weight) / total))::bigint AS cnt
  FROM cumulated;

-- Time line: a history lasts as long as its longest series (at least a day); the histories of a station
-- follow each other with a gap of 0-60 days; the station starts at a hashed date such that it ends by
-- 2025 (as long as the data fit in 75 years).
CREATE TEMP TABLE g_span ON COMMIT DROP AS
WITH dur AS (
    SELECT h.history_id, h.station_id, h.j,
           greatest(interval '1 day',
                    coalesce(max(s.step * (floor((s.cnt - 1) / s.density) + 1)::int) FILTER (WHERE s.cnt > 0),
                             interval '1 day')) AS dur,
           make_interval(days => floor(60 * pg_temp.u(:seed, 14, h.history_id))::int) AS gap
      FROM g_hist h LEFT JOIN g_series s ON s.history_id = h.history_id
     GROUP BY h.history_id, h.station_id, h.j
), placed AS (
    SELECT d.*,
           coalesce(sum(d.dur + d.gap) OVER (PARTITION BY d.station_id ORDER BY d.j
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), interval '0') AS offs,
           sum(d.dur + d.gap) OVER (PARTITION BY d.station_id) AS station_total
      FROM dur d
)
SELECT p.history_id, p.dur,
       date_trunc('day',
           timestamp '1950-01-01'
           + make_interval(days => floor(pg_temp.u(:seed, 15, p.station_id)
                                         * greatest(0, 27394 - extract(epoch FROM p.station_total) / 86400))::int)
           + p.offs) AS start_ts
  FROM placed p;

-- Metadata ------------------------------------------------------------------------------------------------

INSERT INTO meta_contact (contact_id, name, title, organization, email, phone) VALUES
    (1, 'Data Steward A', 'Climate data manager', 'Synthetic Agency One', 'a@example.org', '555-0100'),
    (2, 'Data Steward B', 'Network operator', 'Synthetic Agency Two', 'b@example.org', '555-0101'),
    (3, 'Data Steward C', 'Hydrometeorologist', 'Synthetic Utility', 'c@example.org', '555-0102');

INSERT INTO meta_network (network_id, network_name, description, virtual, publish, col_hex, contact_id)
SELECT network_id, network_name, description, NULL, true, col_hex, contact_id FROM g_net ORDER BY network_id;

INSERT INTO meta_sensor (sensor_id, name) VALUES
    (1, 'Platinum resistance thermometer'), (2, 'Tipping bucket rain gauge'), (3, 'Weighing precipitation gauge'),
    (4, 'Ultrasonic snow depth sensor'), (5, 'Manual observer');

INSERT INTO meta_pcic_flag (pcic_flag_id, flag_name, description, discard) VALUES
    (1, 'QA-HOLD',  'Held for manual review',                 false),
    (2, 'QA-RANGE', 'Outside the plausible range',            true),
    (3, 'QA-STEP',  'Step change larger than allowed',        true),
    (4, 'QA-FLAT',  'Constant value for too long',            NULL);

INSERT INTO meta_native_flag (native_flag_id, flag_name, description, network_id, value, discard)
SELECT row_number() OVER (ORDER BY f.network_id, f.value), f.flag_name, f.description, f.network_id, f.value, f.discard
  FROM (VALUES
    ('Missing',   'Reported missing by the network',   1, 'M', true),
    ('Estimated', 'Estimated by the network',          1, 'E', false),
    ('Trace',     'Trace amount',                      1, 'T', false),
    ('Suspect',   'Suspect value',                     2, 'SUSPECT', true),
    ('Calibration', 'Sensor under calibration',        2, 'CAL', NULL),
    ('Bad',       'Failed network QA',                 3, 'B', true),
    ('Edited',    'Edited by network staff',           3, 'ED', false),
    ('Ice',       'Sensor iced',                       4, 'ICE', true),
    ('Accumulated', 'Accumulated over several periods', 4, 'ACC', false),
    ('Doubtful',  'Doubtful',                          5, 'D', true),
    ('Revised',   'Revised',                           6, 'R', false)
  ) AS f (flag_name, description, network_id, value, discard);

INSERT INTO meta_vars (vars_id, net_var_name, unit, standard_name, cell_method, "precision", long_description,
                       display_name, short_name, network_id)
SELECT vars_id, net_var_name, unit, standard_name, cell_method, 0.1,
       display_name || ' reported by network ' || network_id, display_name, short_name, network_id
  FROM g_var ORDER BY vars_id;

INSERT INTO meta_station (station_id, native_id, network_id)
SELECT station_id, lpad((1000000 + floor(8999999 * pg_temp.u(:seed, 16, station_id)))::bigint::text, 7, '0'), network_id
  FROM g_station ORDER BY station_id;

INSERT INTO meta_history (history_id, station_id, station_name, lon, lat, elev, sdate, edate, tz_offset, province,
                          country, comments, freq, sensor_id, the_geom)
SELECT h.history_id, h.station_id, h.station_name, round(h.lon::numeric, 4), round(h.lat::numeric, 4), h.elev,
       sp.start_ts::date,
       CASE WHEN h.is_last AND pg_temp.u(:seed, 17, h.history_id) < 0.6 THEN NULL
            ELSE (sp.start_ts + sp.dur)::date END,
       interval '-8 hours', 'BC', 'CA',
       CASE WHEN h.j > 1 THEN 'Relocated / re-instrumented' END,
       h.freq,
       CASE WHEN pg_temp.u(:seed, 18, h.history_id) < 0.5 THEN 1 + floor(5 * pg_temp.u(:seed, 19, h.history_id))::int END,
       public.ST_SetSRID(public.ST_MakePoint(round(h.lon::numeric, 4)::float8, round(h.lat::numeric, 4)::float8), 4326)
  FROM g_hist h JOIN g_span sp ON sp.history_id = h.history_id
 ORDER BY h.history_id;

SELECT setval(pg_get_serial_sequence('meta_contact', 'contact_id'), 3),
       setval(pg_get_serial_sequence('meta_network', 'network_id'), (SELECT max(network_id) FROM meta_network)),
       setval(pg_get_serial_sequence('meta_sensor', 'sensor_id'), 5),
       setval(pg_get_serial_sequence('meta_pcic_flag', 'pcic_flag_id'), 4),
       setval(pg_get_serial_sequence('meta_native_flag', 'native_flag_id'), (SELECT max(native_flag_id) FROM meta_native_flag)),
       setval(pg_get_serial_sequence('meta_vars', 'vars_id'), (SELECT max(vars_id) FROM meta_vars)),
       setval(pg_get_serial_sequence('meta_station', 'station_id'), (SELECT max(station_id) FROM meta_station)),
       setval(pg_get_serial_sequence('meta_history', 'history_id'), (SELECT max(history_id) FROM meta_history))
\gset g_

-- Observations ----------------------------------------------------------------------------------------------

\if :g_superuser
RESET ROLE;
SET LOCAL session_replication_role = replica;
\if :{?owner}
SET ROLE :"owner";
\endif
\endif

-- From 8c05da87cb79 obs_raw carries history-tracking triggers: disable the enabled ones for the bulk load.
CREATE TEMP TABLE g_disabled_triggers (relname text, tgname text) ON COMMIT DROP;
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT c.relname, tg.tgname
               FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
              WHERE c.oid IN (to_regclass('obs_raw'), to_regclass('obs_raw_hx'))
                AND NOT tg.tgisinternal AND tg.tgenabled <> 'D'
    LOOP
        EXECUTE format('ALTER TABLE %I DISABLE TRIGGER %I', t.relname, t.tgname);
        INSERT INTO g_disabled_triggers VALUES (t.relname, t.tgname);
    END LOOP;
END
$$;

-- Bulk load without index maintenance: the secondary indexes and unique constraints of obs_raw and obs_raw_hx
-- (all but the primary keys, which the flag tables' foreign keys need and which grow in key order anyway)
-- are dropped here and re-created from their definitions, with their comments, after the load. Row by row
-- maintenance of seven random-order btrees made the load 5-8 times slower at the later revisions.
CREATE TEMP TABLE g_dropped_indexes (ord serial, tbl text, name text, def text, is_constraint boolean,
                                     index_comment text, constraint_comment text) ON COMMIT DROP;
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT c.relname AS tbl, i.relname AS name, con.oid IS NOT NULL AS is_constraint,
                    CASE WHEN con.oid IS NULL THEN pg_get_indexdef(i.oid) ELSE pg_get_constraintdef(con.oid) END AS def,
                    obj_description(i.oid, 'pg_class') AS index_comment,
                    obj_description(con.oid, 'pg_constraint') AS constraint_comment
               FROM pg_index x
               JOIN pg_class i ON i.oid = x.indexrelid
               JOIN pg_class c ON c.oid = x.indrelid
               LEFT JOIN pg_constraint con ON con.conindid = i.oid AND con.conrelid = c.oid AND con.contype IN ('u', 'p', 'x')
              WHERE c.oid IN (to_regclass('obs_raw'), to_regclass('obs_raw_hx'))
                AND NOT x.indisprimary AND (con.oid IS NULL OR con.contype = 'u')
              ORDER BY i.oid
    LOOP
        INSERT INTO g_dropped_indexes (tbl, name, def, is_constraint, index_comment, constraint_comment)
        VALUES (t.tbl, t.name, t.def, t.is_constraint, t.index_comment, t.constraint_comment);
        IF t.is_constraint THEN
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t.tbl, t.name);
        ELSE
            EXECUTE format('DROP INDEX %I', t.name);
        END IF;
    END LOOP;
END
$$;

-- Slot k of a series is at start + phase + step * floor(k / density): strictly increasing, so
-- (obs_time, history_id, vars_id) is unique. Rows are numbered in "ingestion" order: month, network,
-- station, time.
INSERT INTO obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id)
SELECT row_number() OVER (ORDER BY date_trunc('month', o.obs_time), o.network_id, o.station_id, o.obs_time,
                                   o.history_id, o.vars_id),
       o.obs_time,
       date_trunc('second', o.obs_time + make_interval(secs => 3600 + 259200 * pg_temp.u(:seed, 20, o.key))),
       CASE WHEN pg_temp.u(:seed, 21, o.key) < 0.002 THEN NULL
            ELSE round((CASE o.kind
                WHEN 'tpt'  THEN o.base + 4 * cos(2 * pi() * (extract(hour FROM o.obs_time) - 15) / 24)
                                 + 6 * (pg_temp.u(:seed, 22, o.key) - 0.5)
                WHEN 'tmax' THEN o.base + 5 + 4 * (pg_temp.u(:seed, 22, o.key) - 0.5)
                WHEN 'tmin' THEN o.base - 5 + 4 * (pg_temp.u(:seed, 22, o.key) - 0.5)
                WHEN 'pcpd' THEN CASE WHEN pg_temp.u(:seed, 22, o.key) < 0.35
                                      THEN -6 * ln(1 - pg_temp.u(:seed, 23, o.key)) ELSE 0 END
                WHEN 'pcph' THEN CASE WHEN pg_temp.u(:seed, 22, o.key) < 0.12
                                      THEN -1.2 * ln(1 - pg_temp.u(:seed, 23, o.key)) ELSE 0 END
                WHEN 'cum'  THEN (o.k * 0.37) - 2500 * floor(o.k * 0.37 / 2500)
                WHEN 'rh'   THEN 30 + 70 * pg_temp.u(:seed, 22, o.key)
                WHEN 'wind' THEN -12 * ln(1 - pg_temp.u(:seed, 22, o.key))
                WHEN 'wdir' THEN 360 * pg_temp.u(:seed, 22, o.key)
                WHEN 'snow' THEN greatest(0, 120 * cos(2 * pi() * (extract(doy FROM o.obs_time) - 40) / 365.25) - 20
                                             + 10 * pg_temp.u(:seed, 22, o.key))
                WHEN 'ctx'  THEN o.base + 5
                WHEN 'ctn'  THEN o.base - 5
                WHEN 'cpr'  THEN 40 + 100 * pg_temp.u(:seed, 22, o.key)
            END)::numeric, 1)::double precision END,
       o.vars_id, o.history_id
  FROM (
    SELECT t.*,
           8 - 0.6 * (t.lat - 48) - 0.0065 * t.elev::float8
             + 11 * cos(2 * pi() * (extract(doy FROM t.obs_time) - 200) / 365.25) AS base
      FROM (
        SELECT s.history_id, s.vars_id, s.kind, h.network_id, h.station_id, h.lat, h.elev, k.k,
               (s.series_id << 32) | k.k AS key,
               sp.start_ts + s.phase + s.step * floor(k.k / s.density)::int
                 + CASE WHEN s.freq = 'irregular'
                        THEN make_interval(mins => floor(60 * pg_temp.u(:seed, 24, (s.series_id << 32) | k.k))::int)
                        ELSE interval '0' END AS obs_time
          FROM g_series s
          JOIN g_hist h ON h.history_id = s.history_id
          JOIN g_span sp ON sp.history_id = s.history_id
          CROSS JOIN LATERAL generate_series(0::bigint, s.cnt - 1) AS k (k)
      ) AS t
  ) AS o;

SELECT setval(pg_get_serial_sequence('obs_raw', 'obs_raw_id'), greatest(1, (SELECT max(obs_raw_id) FROM obs_raw)))
\gset g_

-- From 8c05da87cb79: the history of obs_raw starts with one row per observation, in obs_raw_id order, with
-- the newest history ids of its meta_history and meta_vars rows (the revision's initial population).
DO $$
BEGIN
    IF to_regclass('obs_raw_hx') IS NOT NULL THEN
        INSERT INTO obs_raw_hx (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id, mod_user, deleted,
                                meta_history_hx_id, meta_vars_hx_id)
        SELECT o.obs_raw_id, o.obs_time, o.mod_time, o.datum, o.vars_id, o.history_id, o.mod_user, false,
               mh.hx_id, mv.hx_id
          FROM obs_raw o
          JOIN (SELECT history_id, max(meta_history_hx_id) AS hx_id FROM meta_history_hx GROUP BY history_id) mh
            ON mh.history_id = o.history_id
          JOIN (SELECT vars_id, max(meta_vars_hx_id) AS hx_id FROM meta_vars_hx GROUP BY vars_id) mv
            ON mv.vars_id = o.vars_id
         ORDER BY o.obs_raw_id;
    END IF;
END
$$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT relname, tgname FROM g_disabled_triggers LOOP
        EXECUTE format('ALTER TABLE %I ENABLE TRIGGER %I', t.relname, t.tgname);
    END LOOP;
END
$$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM g_dropped_indexes ORDER BY ord LOOP
        IF t.is_constraint THEN
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.tbl, t.name, t.def);
            IF t.constraint_comment IS NOT NULL THEN
                EXECUTE format('COMMENT ON CONSTRAINT %I ON %I IS %L', t.name, t.tbl, t.constraint_comment);
            END IF;
        ELSE
            EXECUTE t.def;
        END IF;
        IF t.index_comment IS NOT NULL THEN
            EXECUTE format('COMMENT ON INDEX %I IS %L', t.name, t.index_comment);
        END IF;
    END LOOP;
END
$$;

-- Flags: about 3 % of observations carry one of their network's native flags, 1 % a PCIC flag.
INSERT INTO obs_raw_native_flags (obs_raw_id, native_flag_id)
SELECT o.obs_raw_id, f.ids[1 + floor(cardinality(f.ids) * pg_temp.u(:seed, 31, o.obs_raw_id))::int]
  FROM obs_raw o
  JOIN g_hist h ON h.history_id = o.history_id
  JOIN (SELECT network_id, array_agg(native_flag_id ORDER BY native_flag_id) AS ids
          FROM meta_native_flag GROUP BY network_id) f ON f.network_id = h.network_id
 WHERE pg_temp.u(:seed, 30, o.obs_raw_id) < 0.03
 ORDER BY o.obs_raw_id;

INSERT INTO obs_raw_pcic_flags (obs_raw_id, pcic_flag_id)
SELECT o.obs_raw_id, 1 + floor(4 * pg_temp.u(:seed, 33, o.obs_raw_id))::int
  FROM obs_raw o
 WHERE pg_temp.u(:seed, 32, o.obs_raw_id) < 0.01
 ORDER BY o.obs_raw_id;

\if :g_superuser
RESET ROLE;
SET LOCAL session_replication_role = origin;
\if :{?owner}
SET ROLE :"owner";
\endif
\endif

-- Stations: first and last observation; 5 % unpublished where the column exists (879f0efa125f).
UPDATE meta_station st
   SET min_obs_time = x.min_t, max_obs_time = x.max_t
  FROM (SELECT h.station_id, min(o.obs_time) AS min_t, max(o.obs_time) AS max_t
          FROM obs_raw o JOIN g_hist h ON h.history_id = o.history_id
         GROUP BY h.station_id) x
 WHERE x.station_id = st.station_id;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'meta_station' AND column_name = 'publish') THEN
        UPDATE meta_station SET publish = false
         WHERE station_id IN (SELECT station_id FROM g_station WHERE unpublished);
    END IF;
END
$$;

COMMIT;

SELECT (SELECT count(*) FROM meta_network) AS networks,
       (SELECT count(*) FROM meta_station) AS stations,
       (SELECT count(*) FROM meta_history) AS histories,
       (SELECT count(*) FROM meta_vars) AS variables,
       (SELECT count(*) FROM (SELECT DISTINCT history_id, vars_id FROM obs_raw) p) AS series,
       (SELECT count(*) FROM obs_raw) AS obs_raw,
       (SELECT count(*) FROM obs_raw_native_flags) AS native_flags,
       (SELECT count(*) FROM obs_raw_pcic_flags) AS pcic_flags,
       (SELECT min(obs_time) FROM obs_raw) AS first_obs,
       (SELECT max(obs_time) FROM obs_raw) AS last_obs;
