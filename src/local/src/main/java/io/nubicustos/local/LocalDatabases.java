package io.nubicustos.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * The embedded defaults of {@code make run}: a real PostgreSQL from the binaries on Maven Central
 * and a real Neo4j, both keeping their data under the data directory, so a second run finds the
 * first one's findings. Both listen on 127.0.0.1 only and require the password they are given (a
 * new one each run): PostgreSQL takes SCRAM passwords over TCP only (no Unix socket, no
 * {@code trust}, whatever an earlier run's data directory said), Neo4j has authentication on.
 */
final class LocalDatabases {

    /** The superuser of the embedded PostgreSQL; its password is set anew at every start. */
    static final String POSTGRES_USER = "postgres";
    /** Neo4j's built-in user; its password is set anew at every start. */
    static final String NEO4J_USER = "neo4j";

    /** How the API reaches PostgreSQL. */
    record Postgres(String jdbcUrl, String username, String password, AutoCloseable server) {
    }

    /** How the API reaches Neo4j over Bolt. */
    record Neo4j(String boltUri, String username, String password, AutoCloseable server) {
    }

    private LocalDatabases() {
    }

    /**
     * Starts the PostgreSQL of {@code dataDir/postgres} with {@code password} for {@value #POSTGRES_USER}. Its binaries
     * are unpacked in a private directory ({@code binaries}, 0700), not in the shared temporary directory, where another
     * user could have put binaries of their own first.
     */
    static Postgres postgres(Path dataDir, Path binaries, String password) throws IOException {
        Path dir = dataDir.resolve("postgres");
        DataDirectory.createDirectories(dir);
        DataDirectory.createDirectories(binaries);
        DigestingResolver resolver = new DigestingResolver();
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile()).setPgBinaryResolver(resolver)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setConnectConfig("password", password)
                    // Before every start, initdb's or an earlier run's: password authentication only, and this run's password.
                    .setDataDirectoryCustomizer(d -> secure(d.toPath(), resolver.postgres(binaries), password))
                    .start();
        } catch (IllegalStateException e) {
            throw new IOException("another make run uses " + dataDir + " (its PostgreSQL is locked): stop it first", e);
        }
        String server = jdbcUrl(pg.getPort(), "postgres");
        try (Connection c = DriverManager.getConnection(server, POSTGRES_USER, password); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = 'nubicustos'")) {
                if (!r.next()) {
                    s.execute("create database nubicustos");
                }
            }
        } catch (SQLException e) {
            pg.close();
            throw new IOException("the embedded PostgreSQL refused to create its database (SQL state " + e.getSQLState() + ")", e);
        }
        return new Postgres(jdbcUrl(pg.getPort(), "nubicustos"), POSTGRES_USER, password, pg);
    }

    /** PostgreSQL's error details quote row contents: pgJDBC leaves them out of messages, and so out of logs. */
    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?logServerErrorDetail=false";
    }

    /** Only SCRAM over TCP on 127.0.0.1; no line for Unix sockets, which are off. */
    static final String PG_HBA = """
            # Written by make run at every start: a password (SCRAM) over TCP from 127.0.0.1 only; no trust, no Unix socket.
            host all all 127.0.0.1/32 scram-sha-256
            """;

    /**
     * Writes pg_hba.conf and sets the superuser's password in single-user mode (the server is not running yet, and
     * nothing listens): the password goes on its standard input, never on a command line.
     */
    private static void secure(Path dataDirectory, Path postgres, String password) {
        try {
            DataDirectory.write(dataDirectory.resolve("pg_hba.conf"), PG_HBA);
            List<String> command = new ArrayList<>();
            if (LinuxUtils.isUnshareAvailable()) {
                // As zonky starts it: PostgreSQL refuses to run as root, and this maps root to an unprivileged user.
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(postgres.toString(), "--single", "-D", dataDirectory.toString(), "-c", "listen_addresses=",
                    "-c", "unix_socket_directories=", POSTGRES_USER));
            Process single = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = single.getOutputStream()) {
                in.write(("ALTER ROLE " + POSTGRES_USER + " WITH PASSWORD '" + password + "'\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!single.waitFor(2, TimeUnit.MINUTES) || single.exitValue() != 0) {
                single.destroyForcibly();
                throw new IllegalStateException("the embedded PostgreSQL could not set its password (single-user mode failed)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL could not be secured", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while securing the embedded PostgreSQL", e);
        }
    }

    /**
     * zonky's binaries, with the MD5 of their archive noted as zonky reads it: zonky unpacks them into
     * {@code <working directory>/PG-<md5>}, where single-user mode finds {@code bin/postgres}.
     */
    private static final class DigestingResolver implements PgBinaryResolver {
        private volatile MessageDigest md5;

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
            if (archive == null) {
                return null;
            }
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
            return new DigestInputStream(archive, md5);
        }

        Path postgres(Path workingDirectory) {
            if (md5 == null) {
                throw new IllegalStateException("the PostgreSQL binaries were not unpacked");
            }
            return workingDirectory.resolve("PG-" + HexFormat.of().formatHex(md5.digest())).resolve("bin/postgres");
        }
    }

    /** Starts the Neo4j of {@code dataDir/neo4j}, Bolt on 127.0.0.1 only, authentication on, {@code password} for {@value #NEO4J_USER}. */
    static Neo4j neo4j(Path dataDir, String password) throws IOException {
        int port = freePort();
        Path home = DataDirectory.createDirectories(dataDir.resolve("neo4j"));
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(1))
                .build();
        try {
            // In this JVM, not over Bolt: no password needed to set one. A parameter, so the statement never holds it.
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER " + NEO4J_USER + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw new IOException("the embedded Neo4j could not set its password", e);
        }
        return new Neo4j("bolt://127.0.0.1:" + port, NEO4J_USER, password, dbms::shutdown);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
