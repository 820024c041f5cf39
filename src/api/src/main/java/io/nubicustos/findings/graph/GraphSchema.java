package io.nubicustos.findings.graph;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;

import io.nubicustos.model.graph.EdgeType;
import io.quarkus.runtime.StartupEvent;

/**
 * Constraints and indexes of the graph, created at start-up (and before the first sync when Neo4j
 * was not up yet). Every statement is idempotent ({@code IF NOT EXISTS}).
 */
@ApplicationScoped
public class GraphSchema {

    private static final Logger LOG = Logger.getLogger(GraphSchema.class);

    private final Driver driver;
    private volatile boolean ready;

    public GraphSchema(Driver driver) {
        this.driver = driver;
    }

    static List<String> statements() {
        List<String> statements = new ArrayList<>(List.of(
                "CREATE CONSTRAINT asset_key IF NOT EXISTS FOR (a:Asset) REQUIRE a.key IS UNIQUE",
                "CREATE CONSTRAINT finding_key IF NOT EXISTS FOR (f:Finding) REQUIRE f.key IS UNIQUE",
                "CREATE CONSTRAINT attack_path_id IF NOT EXISTS FOR (p:AttackPath) REQUIRE p.id IS UNIQUE",
                "CREATE CONSTRAINT path_analysis_scope IF NOT EXISTS FOR (s:PathAnalysis) REQUIRE s.scope IS UNIQUE",
                "CREATE INDEX asset_scope IF NOT EXISTS FOR (a:Asset) ON (a.scope)",
                "CREATE INDEX finding_scope IF NOT EXISTS FOR (f:Finding) ON (f.scope)",
                "CREATE INDEX attack_path_scope IF NOT EXISTS FOR (p:AttackPath) ON (p.scope)",
                "CREATE INDEX attack_path_draft_scope IF NOT EXISTS FOR (p:AttackPathDraft) ON (p.scope)",
                "CREATE INDEX attack_path_score IF NOT EXISTS FOR (p:AttackPath) ON (p.score)"));
        for (EdgeType type : EdgeType.values()) {
            // The sync replaces a ScanJob's edges by their source; without an index that is a scan of every edge.
            statements.add("CREATE INDEX edge_source_" + type.name().toLowerCase(java.util.Locale.ROOT) + " IF NOT EXISTS FOR ()-[r:" + type.name()
                    + "]-() ON (r.source)");
        }
        return statements;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensure();
        } catch (RuntimeException e) {
            // The API serves findings without Neo4j; the schema is made before the first sync instead.
            LOG.warnf("Neo4j schema not created at start-up (%s); will retry before the first graph sync", e.getClass().getSimpleName());
        }
    }

    /** Creates what is missing; cheap once done. */
    public void ensure() {
        if (ready) {
            return;
        }
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            for (String statement : statements()) {
                session.run(statement).consume();
            }
            session.run("CALL db.awaitIndexes(60)").consume();
        }
        ready = true;
    }
}
