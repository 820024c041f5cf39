package io.nubicustos.findings.graph;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.neo4j.driver.Driver;

import io.nubicustos.findings.config.Neo4jConfig;

/** Ready only when Neo4j answers within the configured timeout; reports latency, never addresses or credentials. */
@Readiness
@ApplicationScoped
public class Neo4jHealthCheck implements HealthCheck {

    static final String NAME = "neo4j";

    private final Driver driver;
    private final Duration timeout;

    public Neo4jHealthCheck(Driver driver, Neo4jConfig config) {
        this.driver = driver;
        this.timeout = config.connectionTimeout();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        long start = System.nanoTime();
        try {
            driver.verifyConnectivityAsync().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.up().withData("latency_ms", (System.nanoTime() - start) / 1_000_000).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (Exception e) {
            // The exception text may carry the URI; report only its kind.
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            return response.down().withData("error", cause.getClass().getSimpleName()).build();
        }
    }
}
