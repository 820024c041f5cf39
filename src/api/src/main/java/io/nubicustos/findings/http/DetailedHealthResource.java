package io.nubicustos.findings.http;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.neo4j.driver.Driver;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.findings.config.Neo4jConfig;

/**
 * Each dependency's status, latency and version, for operators; no addresses, user names or
 * error texts, which could carry either. 503 when any dependency is down.
 */
@Path("/api/health/detailed")
@Produces(MediaType.APPLICATION_JSON)
public class DetailedHealthResource {

    public record Dependency(String status, Long latencyMs, String version, String error) {
    }

    private final AgroalDataSource db;
    private final Driver neo4j;
    private final Duration timeout;
    private final String version;

    public DetailedHealthResource(AgroalDataSource db, Driver neo4j, Neo4jConfig neo4jConfig,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.0.0") String version) {
        this.db = db;
        this.neo4j = neo4j;
        this.timeout = neo4jConfig.connectionTimeout();
        this.version = version;
    }

    @GET
    @PermitAll
    public Response detailed() {
        Map<String, Object> body = new LinkedHashMap<>();
        Dependency postgres = check(() -> {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                try (ResultSet r = s.executeQuery("show server_version")) {
                    r.next();
                    return r.getString(1);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Dependency graph = check(() -> neo4j.executableQuery("call dbms.components() yield versions return versions[0] as v").execute()
                .records().get(0).get("v").asString());
        boolean up = "UP".equals(postgres.status()) && "UP".equals(graph.status());
        body.put("status", up ? "UP" : "DOWN");
        body.put("version", version);
        Map<String, Dependency> dependencies = new LinkedHashMap<>();
        dependencies.put("postgresql", postgres);
        dependencies.put("neo4j", graph);
        body.put("dependencies", dependencies);
        return Response.status(up ? 200 : 503).entity(body).build();
    }

    private Dependency check(Supplier<String> probe) {
        return check(probe, timeout);
    }

    /** A probe's answer within the timeout; down, the reason is one fixed word, never the failure's class or text. */
    static Dependency check(Supplier<String> probe, Duration timeout) {
        long start = System.nanoTime();
        try {
            String v = CompletableFuture.supplyAsync(probe).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Dependency("UP", (System.nanoTime() - start) / 1_000_000, v, null);
        } catch (java.util.concurrent.TimeoutException e) {
            return new Dependency("DOWN", null, null, "timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Dependency("DOWN", null, null, "interrupted");
        } catch (Exception e) {
            // A fixed word: exception class names tell a caller which driver and which failure, and say nothing an operator needs.
            return new Dependency("DOWN", null, null, "unavailable");
        }
    }
}
