package io.nubicustos.findings.graph;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import io.nubicustos.findings.config.Neo4jConfig;

/** One Bolt driver for the API; it connects lazily, so the API starts while Neo4j is still coming up. */
public class Neo4jDriverProducer {

    @Produces
    @ApplicationScoped
    Driver driver(Neo4jConfig config) {
        AuthToken auth = config.username()
                .map(user -> AuthTokens.basic(user, config.password().orElse("")))
                .orElse(AuthTokens.none());
        Config driverConfig = Config.builder()
                .withConnectionTimeout(config.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withConnectionAcquisitionTimeout(config.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withMaxConnectionPoolSize(32)
                .build();
        return GraphDatabase.driver(config.uri(), auth, driverConfig);
    }

    void close(@Disposes Driver driver) {
        driver.close();
    }
}
