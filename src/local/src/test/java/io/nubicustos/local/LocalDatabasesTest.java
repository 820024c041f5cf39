package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.SecurityException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The embedded databases of make run take their password and no other, on 127.0.0.1 only. */
class LocalDatabasesTest {

    static final String PASSWORD = "plantedDatabasePassword7Kq2";

    @TempDir
    Path data;
    @TempDir
    Path binaries;

    static void connect(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("select 1");
        }
    }

    void assertPostgresTakesOnly(LocalDatabases.Postgres pg, String password) throws Exception {
        Path dataDir = data.resolve("postgres");
        assertThatThrownBy(() -> connect(pg.jdbcUrl(), "postgres", null)).as("no password").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(pg.jdbcUrl(), "postgres", "")).as("an empty one").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(pg.jdbcUrl(), "postgres", password + "x")).as("a wrong one")
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> connect(pg.jdbcUrl(), "nobody", password)).as("another user").isInstanceOf(SQLException.class);
        connect(pg.jdbcUrl(), "postgres", password);

        int port = URI.create(pg.jdbcUrl().substring("jdbc:".length())).getPort();
        assertThat(LocalProcesses.listeningOn(port)).as("where PostgreSQL listens").containsExactly("127.0.0.1:" + port);
        assertThat(LocalProcesses.unixSockets(".s.PGSQL." + port)).as("no Unix socket").isEmpty();
        List<ProcessHandle> processes = new java.util.ArrayList<>(LocalProcesses.ours());
        processes.addAll(LocalProcesses.postgres(dataDir));
        assertThat(processes).extracting(LocalProcesses::commandLine).anySatisfy(c -> assertThat(c).contains("postgres"))
                .allSatisfy(c -> assertThat(c).doesNotContain(password));
    }

    @Test
    void postgresRefusesConnectionsWithoutItsPasswordAndListensOnLoopbackOnly() throws Exception {
        LocalDatabases.Postgres pg = LocalDatabases.postgres(data, binaries, PASSWORD);
        try {
            assertPostgresTakesOnly(pg, PASSWORD);
        } finally {
            pg.server().close();
        }

        // The next run, with its own password: the last one no longer opens it.
        String next = "anotherRunsPassword3Vx8";
        LocalDatabases.Postgres second = LocalDatabases.postgres(data, binaries, next);
        try {
            assertPostgresTakesOnly(second, next);
            assertThatThrownBy(() -> connect(second.jdbcUrl(), "postgres", PASSWORD)).isInstanceOf(SQLException.class);
        } finally {
            second.server().close();
        }
    }

    @Test
    void anEarlierRunsTrustingPostgresRequiresThePasswordToo() throws Exception {
        // As make run made it before: initdb -A trust, a server that lets every local user in.
        EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(data.resolve("postgres")).setCleanDataDirectory(false).start();
        connect(earlier.getJdbcUrl("postgres", "postgres"), "postgres", null);
        earlier.close();

        LocalDatabases.Postgres pg = LocalDatabases.postgres(data, binaries, PASSWORD);
        try {
            assertPostgresTakesOnly(pg, PASSWORD);
        } finally {
            pg.server().close();
        }
    }

    @Test
    void neo4jRefusesBoltWithoutItsPasswordAndListensOnLoopbackOnly() throws Exception {
        LocalDatabases.Neo4j neo4j = LocalDatabases.neo4j(data, PASSWORD);
        try {
            for (var auth : List.of(AuthTokens.none(), AuthTokens.basic("neo4j", "neo4j"), AuthTokens.basic("neo4j", PASSWORD + "x"),
                    AuthTokens.basic("nobody", PASSWORD))) {
                try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), auth)) {
                    assertThatThrownBy(driver::verifyConnectivity).as(auth.toString())
                            .isInstanceOfAny(AuthenticationException.class, SecurityException.class, ClientException.class);
                }
            }
            try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic(neo4j.username(), PASSWORD))) {
                driver.verifyConnectivity();
                assertThat(driver.executableQuery("RETURN 1 AS one").execute().records().get(0).get("one").asInt()).isEqualTo(1);
            }
            int port = URI.create(neo4j.boltUri()).getPort();
            assertThat(LocalProcesses.listeningOn(port)).as("where Bolt listens").containsExactly("127.0.0.1:" + port);
        } finally {
            neo4j.server().close();
        }
    }
}
