package io.nubicustos.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded defaults of {@code make run}: a real PostgreSQL from the binaries on Maven Central
 * and a real Neo4j, both keeping their data under the data directory, so a second run finds the
 * first one's findings.
 */
final class LocalDatabases {

    /** How the API reaches PostgreSQL. */
    record Postgres(String jdbcUrl, String username, String password, AutoCloseable server) {
    }

    /** How the API reaches Neo4j over Bolt. */
    record Neo4j(String boltUri, AutoCloseable server) {
    }

    private LocalDatabases() {
    }

    static Postgres postgres(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("postgres");
        Files.createDirectories(dir);
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
        } catch (IllegalStateException e) {
            throw new IOException("another make run uses " + dataDir + " (its PostgreSQL is locked): stop it first", e);
        }
        String server = pg.getJdbcUrl("postgres", "postgres");
        try (Connection c = DriverManager.getConnection(server, "postgres", ""); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = 'nubicustos'")) {
                if (!r.next()) {
                    s.execute("create database nubicustos");
                }
            }
        } catch (SQLException e) {
            pg.close();
            throw new IOException("the embedded PostgreSQL refused to create its database: " + e.getMessage(), e);
        }
        // PostgreSQL's error details quote row contents: pgJDBC leaves them out of messages, and so out of logs.
        return new Postgres(pg.getJdbcUrl("postgres", "nubicustos") + "&logServerErrorDetail=false", "postgres", "", pg);
    }

    static Neo4j neo4j(Path dataDir) throws IOException {
        int port = freePort();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dataDir.resolve("neo4j"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(1))
                .build();
        return new Neo4j("bolt://127.0.0.1:" + port, dbms::shutdown);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
