package io.nubicustos.findings.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the attack-path graph lives: a Neo4j reached over Bolt. */
@ConfigMapping(prefix = "nubicustos.neo4j")
public interface Neo4jConfig {

    /** Bolt URI, e.g. bolt://neo4j:7687 or neo4j+s://graph.example.com. */
    @WithDefault("bolt://localhost:7687")
    String uri();

    /** User name; absent: no authentication (the embedded server of `make run`). */
    Optional<String> username();

    /** Password, from a Secret; never logged or reported. */
    Optional<String> password();

    /** How long connecting and the readiness check may take. */
    @WithDefault("3s")
    Duration connectionTimeout();
}
