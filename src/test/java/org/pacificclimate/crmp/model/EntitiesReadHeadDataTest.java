package org.pacificclimate.crmp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The model's entities are usable as they are: Hibernate ORM (a JPA 3.2 provider, test scope only) reads PyCDS's
 * test data set ({@code fixtures/crmp_subset_data.sql}) from a database migrated to head by the changelogs, the
 * schema given at run time ({@code hibernate.default_schema}): the classes name none.
 */
class EntitiesReadHeadDataTest {

    private static final String SCHEMA = "crmp";

    private static TestDatabase database;
    private static EntityManagerFactory factory;
    private EntityManager em;

    @BeforeAll
    static void migrateLoadAndMap() throws SQLException {
        database = TestDatabases.at(HeadSchema.REVISION);
        database.loadSubsetData(SCHEMA);
        try (Connection admin = database.admin(); Statement statement = admin.createStatement()) {
            // The data set has no time zone offsets: give one history one, to read an interval.
            statement.execute("UPDATE crmp.meta_history SET tz_offset = interval '-8 hours' WHERE history_id = 6916");
            // collapsed_vars_mv reads vars_per_history_mv (refresh that first); the view reads both matviews.
            statement.execute("REFRESH MATERIALIZED VIEW crmp.vars_per_history_mv");
            statement.execute("REFRESH MATERIALIZED VIEW crmp.collapsed_vars_mv");
            statement.execute("REFRESH MATERIALIZED VIEW crmp.station_obs_stats_mv");
        }
        PersistenceConfiguration configuration = new PersistenceConfiguration("crmp-head-model")
                .property("jakarta.persistence.nonJtaDataSource", new LoginDataSource(database))
                .property("hibernate.default_schema", SCHEMA)
                // JPA maps no Java type to interval: Hibernate reads and writes Duration as interval only when told
                .property("hibernate.type.preferred_duration_jdbc_type", "INTERVAL_SECOND")
                .property("hibernate.hbm2ddl.auto", "none");
        HeadSchema.entityClasses().forEach(configuration::managedClass);
        factory = configuration.createEntityManagerFactory();
    }

    @AfterAll
    static void close() {
        if (factory != null) {
            factory.close();
        }
        database.close();
    }

    @BeforeEach
    void open() {
        em = factory.createEntityManager();
    }

    @AfterEach
    void closeEntityManager() {
        em.close();
    }

    @Test
    void aStationWithItsNetwork() {
        MetaStation station = em.find(MetaStation.class, 4137);
        assertEquals("109011", station.getNativeId());
        assertTrue(station.getPublish());
        assertNotNull(station.getModTime(), "mod_time: filled by the column default when the data was loaded");
        assertEquals(TestDatabases.MIGRATION_USER, station.getModUser());
        MetaNetwork network = station.getNetwork();
        assertEquals(17, network.getNetworkId());
        assertEquals("ARDA", network.getNetworkName());
        assertEquals("ARDA", network.getNetworkDisplayName(), "the display name defaults to the name (trigger)");
    }

    @Test
    void aHistoryWithItsGeometryAndTimeZoneOffset() {
        MetaHistory history = em.find(MetaHistory.class, 6916);
        assertEquals("KUSKANAX", history.getStationName());
        assertEquals(5235, history.getStation().getStationId());
        assertEquals(new BigDecimal("-117.811944444444"), history.getLon());
        assertEquals(Duration.ofHours(-8), history.getTzOffset());
        // geometry(Geometry,4326) reads as PostGIS's text form, hex EWKB: a point with SRID 4326 at (lon, lat)
        ByteBuffer ewkb = ByteBuffer.wrap(HexFormat.of().parseHex(history.getTheGeom()));
        assertEquals(1, ewkb.get(), "little-endian");
        ewkb.order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x20000001, ewkb.getInt(), "point with SRID");
        assertEquals(4326, ewkb.getInt());
        assertEquals(-117.811944444444, ewkb.getDouble(), 1e-9);
        assertEquals(50.2613888888889, ewkb.getDouble(), 1e-9);
    }

    @Test
    void aVariableWithItsCitextName() throws SQLException {
        MetaVars variable = em.find(MetaVars.class, 526);
        assertEquals("ACCPPT1", variable.getNetVarName());
        assertEquals("time: sum", variable.getCellMethod());
        assertEquals(17, variable.getNetwork().getNetworkId());
        List<MetaVars> found = em.createQuery(
                        "select v from MetaVars v where v.netVarName = :name and v.network.networkId = 17", MetaVars.class)
                .setParameter("name", "ACCPPT1").getResultList();
        assertEquals(List.of(526), found.stream().map(MetaVars::getVarsId).toList());
        assertEquals(database.value("SELECT count(*) FROM crmp.meta_vars"),
                String.valueOf(em.createQuery("select count(v) from MetaVars v", Long.class).getSingleResult()));
    }

    @Test
    void anObservationWithItsFlags() {
        List<ObsRawNativeFlag> flags = em.createQuery(
                        "select f from ObsRawNativeFlag f where f.obsRaw.obsRawId = 378027796", ObsRawNativeFlag.class)
                .getResultList();
        assertEquals(1, flags.size());
        assertEquals("MoE_AP_1", flags.get(0).getNativeFlag().getFlagName());
        ObsRaw observation = flags.get(0).getObsRaw();
        assertNotNull(observation.getHistory());
        assertNotNull(observation.getVariable().getStandardName());
    }

    @Test
    void aViewRow() throws SQLException {
        CrmpNetworkGeoserver row = em.find(CrmpNetworkGeoserver.class, 6916);
        assertEquals("ARDA", row.getNetworkName());
        assertEquals("KUSKANAX", row.getStationName());
        assertEquals(Duration.ofHours(-8), row.getTzOffset());
        assertArrayEquals(new Integer[] {526, 527, 528}, row.getVarsIds());
        assertArrayEquals(new String[] {"observation"}, row.getUniqueVariableTags());
        assertEquals(database.value("SELECT display_names FROM crmp.collapsed_vars_mv WHERE history_id = 6916"),
                row.getDisplayNames());
        assertEquals(timestamp("SELECT min(obs_time) FROM crmp.obs_raw WHERE history_id = 6916"), row.getMinObsTime());
        assertEquals(timestamp("SELECT max(obs_time) FROM crmp.obs_raw WHERE history_id = 6916"), row.getMaxObsTime());
        assertEquals(1, row.getTheGeom()[0], "the view exposes the geometry as EWKB bytes (ST_AsEWKB)");
        assertEquals(database.value("SELECT count(*) FROM crmp.history_join_station_network"),
                String.valueOf(em.createQuery("select count(h) from HistoryJoinStationNetwork h", Long.class)
                        .getSingleResult()));
    }

    @Test
    void aMaterializedViewAfterRefresh() throws SQLException {
        List<VarsPerHistoryMv> rows = em.createQuery(
                        "select v from VarsPerHistoryMv v where v.historyId = 6916 order by v.varsId", VarsPerHistoryMv.class)
                .getResultList();
        assertEquals(List.of(526, 527, 528), rows.stream().map(VarsPerHistoryMv::getVarsId).toList());
        assertEquals(timestamp("SELECT min(obs_time) FROM crmp.obs_raw WHERE history_id = 6916 AND vars_id = 526"),
                rows.get(0).getStartTime());
        CollapsedVarsMv collapsed = em.find(CollapsedVarsMv.class, 6916);
        assertArrayEquals(new Integer[] {526, 527, 528}, collapsed.getVarsIds());
        assertFalse(collapsed.getVars().isEmpty());
    }

    @Test
    void aNewRowTakesItsIdFromItsSequenceInTheRunTimeSchema() throws SQLException {
        em.getTransaction().begin();
        try {
            MetaNetwork network = new MetaNetwork();
            network.setNetworkName("MODEL-TEST");
            em.persist(network);
            em.flush();
            assertEquals(database.value("SELECT last_value FROM crmp.meta_network_network_id_seq"),
                    String.valueOf(network.getNetworkId()));
        } finally {
            em.getTransaction().rollback();
        }
    }

    /** The one timestamp a query returns. */
    private static LocalDateTime timestamp(String query) throws SQLException {
        return LocalDateTime.parse(database.value("SELECT to_char((" + query + "), 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"));
    }

    /** Connections of the migration user, as the test database makes them (trust, or the server's password). */
    private record LoginDataSource(TestDatabase database) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return database.newConnection(TestDatabases.MIGRATION_USER);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return database.newConnection(username);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
