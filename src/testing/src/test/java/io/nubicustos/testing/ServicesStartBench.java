package io.nubicustos.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * What every database-backed test class and `make run` pay before their first query: the cold
 * start of the embedded PostgreSQL and of the in-process Neo4j, each to its first answered query.
 */
class ServicesStartBench {

    @Test
    void coldStartOfTheEmbeddedServices() throws Exception {
        long t0 = System.nanoTime();
        TestPostgres.Database db = TestPostgres.get();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute("SELECT 1");
        }
        long postgresMs = (System.nanoTime() - t0) / 1_000_000;

        long t1 = System.nanoTime();
        try (Driver driver = GraphDatabase.driver(TestNeo4j.boltUri(), AuthTokens.none())) {
            driver.executableQuery("RETURN 1").execute();
        }
        long neo4jMs = (System.nanoTime() - t1) / 1_000_000;

        var report = new BenchReport("services", "postgres_start_ms < 5000 and neo4j_start_ms < 15000 on 2 cores")
                .figure("postgres_start_ms", postgresMs)
                .figure("neo4j_start_ms", neo4jMs)
                .figure("heap_used_mib", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        assertThat(Files.readString(report.write())).contains("\"postgres_start_ms\": " + postgresMs);
    }
}
