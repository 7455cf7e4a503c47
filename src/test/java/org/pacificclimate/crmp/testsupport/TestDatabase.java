package org.pacificclimate.crmp.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pacificclimate.crmp.catalog.CatalogDumper;
import org.pacificclimate.crmp.migration.Migrations;

/** One database of the test cluster, dropped on close. Connections are made as the migration user. */
public final class TestDatabase implements AutoCloseable {

    private final String name;
    private final List<Connection> connections = new ArrayList<>();
    private Connection connection;

    TestDatabase(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return TestPostgres.get().jdbcUrl(name);
    }

    /** The shared connection of the migration user, in autocommit mode. */
    public synchronized Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = newConnection(TestDatabases.MIGRATION_USER);
        }
        return connection;
    }

    public synchronized Connection newConnection(String user) throws SQLException {
        Connection c = TestPostgres.get().connect(name, user);
        connections.add(c);
        return c;
    }

    public synchronized Connection admin() throws SQLException {
        Connection c = TestPostgres.get().admin(name);
        connections.add(c);
        return c;
    }

    public Migrations migrations() throws SQLException {
        return Migrations.on(connection()).withoutEnvironment().schema("crmp");
    }

    public Migrations migrations(String schema) throws SQLException {
        return Migrations.on(connection()).withoutEnvironment().schema(schema);
    }

    public ObjectNode catalog(String schema) throws SQLException {
        return CatalogDumper.dump(connection(), schema);
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection().createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of every row, as text. */
    public List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection().createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Every row as a list of text values. */
    public List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection().createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public String value(String sql) throws SQLException {
        List<String> values = column(sql);
        if (values.size() != 1) {
            throw new IllegalStateException("expected one row from " + sql + ", got " + values.size());
        }
        return values.get(0);
    }

    /**
     * Loads PyCDS's test data set ({@code fixtures/crmp_subset_data.sql}, see {@code fixtures/README.md}) into
     * {@code schema}, as PyCDS's own tests do: unqualified INSERTs with the search path set to the schema.
     * The data has a {@code meta_station.publish} column, so the schema must be at {@code 879f0efa125f} or later.
     */
    public void loadSubsetData(String schema) throws SQLException {
        String data;
        try (var in = TestDatabase.class.getResourceAsStream("/fixtures/crmp_subset_data.sql")) {
            if (in == null) {
                throw new IllegalStateException("test resource fixtures/crmp_subset_data.sql is missing");
            }
            data = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = newConnection(TestDatabases.MIGRATION_USER); Statement statement = c.createStatement()) {
            statement.execute("SET search_path TO " + schema + ", public");
            statement.execute(data);
        }
    }

    /** Closes every connection this object opened (the database stays). */
    public synchronized void closeConnections() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closed already
            }
        }
        connections.clear();
        connection = null;
    }

    @Override
    public synchronized void close() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // dropping the database closes it anyway
            }
        }
        connections.clear();
        TestDatabases.drop(name);
    }
}
