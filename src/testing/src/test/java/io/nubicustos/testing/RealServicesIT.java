package io.nubicustos.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/** The services the other modules' tests stand on are real servers, reached as clients reach them. */
class RealServicesIT {

    @Test
    void postgresIsARealServerWithAFreshDatabase() throws Exception {
        TestPostgres.Database db = TestPostgres.get();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_database()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(150000);
                assertThat(rs.getString(2)).startsWith("nubicustos");
            }
            // JSONB and a unique index: what the findings store relies on.
            s.execute("CREATE TABLE probe (fingerprint text PRIMARY KEY, doc jsonb NOT NULL)");
            s.execute("INSERT INTO probe VALUES ('a', '{\"severity\": \"high\"}') ON CONFLICT (fingerprint) DO NOTHING");
            s.execute("INSERT INTO probe VALUES ('a', '{\"severity\": \"low\"}') ON CONFLICT (fingerprint) DO NOTHING");
            try (ResultSet rs = s.executeQuery("SELECT count(*), min(doc->>'severity') FROM probe")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("high");
            }
        }
        assertThat(TestPostgres.get()).as("one server per JVM").isSameAs(db);
    }

    @Test
    void neo4jAnswersCypherOverBolt() {
        try (Driver driver = GraphDatabase.driver(TestNeo4j.boltUri(), AuthTokens.none());
                Session session = driver.session()) {
            session.run("CREATE (:Internet)-[:CAN_REACH]->(:Workload {name: 'web'})").consume();
            long paths = session.run("MATCH p = (:Internet)-[:CAN_REACH*1..6]->(w:Workload {name: 'web'}) RETURN count(p) AS n")
                    .single().get("n").asLong();
            assertThat(paths).isEqualTo(1);
        }
        assertThat(TestNeo4j.boltUri().getScheme()).isEqualTo("bolt");
    }
}
