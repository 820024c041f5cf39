package io.nubicustos.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Hands the Bolt URI of {@link TestNeo4j} to a {@code @QuarkusTest} application. */
public class Neo4jTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String URI_PROPERTY = "nubicustos.neo4j.uri";

    @Override
    public Map<String, String> start() {
        return Map.of(URI_PROPERTY, TestNeo4j.boltUri().toString());
    }

    @Override
    public void stop() {
        // This application's server: the next application starts its own (it loads TestNeo4j anew).
        TestNeo4j.stop();
    }
}
