package org.pacificclimate.crmp.testsupport;

/**
 * Metadata that the weather-anomaly tests of revisions 8fd8f556c548 (the manual tables) and 081f17262852 (the native
 * matviews, {@code behaviour.WeatherAnomalyMatviewsTest}) build their observations on.
 */
public final class WeatherAnomalyFixture {

    private WeatherAnomalyFixture() {
    }

    /**
     * The metadata of the weather-anomaly scenarios, with fixed ids: networks 1 and 2; station 1 in
     * network 1 with histories 1 (1-hourly), 2 (12-hourly), 3 (daily); station 2 in network 2 with history 4
     * (1-hourly); variables ("foo bar" display names) 1–4 air temperature of network 1 with cell methods point,
     * maximum, minimum, mean, 5 a "foo" point variable, 6 point air temperature of network 2, 7–8 rainfall sums
     * of network 1, 9 of network 2; native flags 1 (discard true), 2 (discard false), 3 (discard NULL); PCIC
     * flags 1 (discard true), 2 (discard false), 3 (discard NULL).
     */
    public static final String METADATA = """
            INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'Network 1'), (2, 'Network 2');
            INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (1, '1', 1), (2, '2', 2);
            INSERT INTO crmp.meta_history (history_id, station_id, station_name, freq, sdate, edate) VALUES
                (1, 1, 'Station 1', '1-hourly', '0001-01-01', '2010-01-01'),
                (2, 1, 'Station 1', '12-hourly', NULL, NULL),
                (3, 1, 'Station 1', 'daily', '2010-01-01', NULL),
                (4, 2, 'Station 2', '1-hourly', NULL, NULL);
            INSERT INTO crmp.meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)
            VALUES
                (1, 1, NULL, 'air_temperature', 'time: point', 'foo bar'),
                (2, 1, NULL, 'air_temperature', 'time: maximum', 'foo bar'),
                (3, 1, NULL, 'air_temperature', 'time: minimum', 'foo bar'),
                (4, 1, NULL, 'air_temperature', 'time: mean', 'foo bar'),
                (5, 1, NULL, 'foo', 'time: point', 'foo bar'),
                (6, 2, NULL, 'air_temperature', 'time: point', 'foo bar'),
                (7, 1, 'network_one_precipitation_one', 'thickness_of_rainfall_amount', 'time: sum', 'foo bar'),
                (8, 1, 'network_one_precipitation_two', 'thickness_of_rainfall_amount', 'time: sum', 'foo bar'),
                (9, 2, 'network_two_precipitation', 'thickness_of_rainfall_amount', 'time: sum', 'foo bar');
            INSERT INTO crmp.meta_native_flag (native_flag_id, flag_name, network_id, value, discard) VALUES
                (1, 'native discard', 1, 'd', true),
                (2, 'native keep', 1, 'k', false),
                (3, 'native unknown', 1, 'u', NULL);
            INSERT INTO crmp.meta_pcic_flag (pcic_flag_id, flag_name, discard) VALUES
                (1, 'pcic discard', true),
                (2, 'pcic keep', false),
                (3, 'pcic unknown', NULL);
            """;
}
