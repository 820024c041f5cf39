package io.nubicustos.findings.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How attack paths are found and kept. */
@ConfigMapping(prefix = "nubicustos.attack-paths")
public interface AttackPathConfig {

    /** Longest path searched, in steps (1..10). */
    @WithDefault("6")
    int maxHops();

    /** How long one scope's search may take; what it found by then is kept and marked truncated. */
    @WithDefault("20s")
    Duration searchTimeout();

    /** Paths kept per scope, the highest scores. */
    @WithDefault("10000")
    int maxPaths();

    /** Paths kept per entry point, the highest scores. */
    @WithDefault("100")
    int maxPathsPerEntry();

    /** A Kubernetes label (value "true") that marks an asset as an entry point. */
    @WithDefault("nubicustos.io/entry-point")
    String entryLabel();

    /** A Kubernetes label (value "true") that marks an asset as a crown jewel. */
    @WithDefault("nubicustos.io/crown-jewel")
    String crownJewelLabel();

    /** How often runs whose graph is not yet in Neo4j are looked for (completions also start a sync at once). */
    @WithDefault("30s")
    Duration syncInterval();

    /** Longest a Neo4j transaction of the sync or the search may run. */
    @WithDefault("120s")
    Duration transactionTimeout();
}
