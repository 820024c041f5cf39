package io.nubicustos.testing;

import java.net.URI;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j (5.26 LTS, the line that runs on Java 17) in this JVM, reached over Bolt like a
 * remote one, started once per class loader (a Quarkus test application has its own: see {@link #stop()}): its cold
 * start takes seconds and it holds ~500 MB.
 */
public final class TestNeo4j {

    private static Neo4j neo4j;
    private static Thread stopAtExit;

    private TestNeo4j() {
    }

    public static synchronized URI boltUri() {
        if (neo4j == null) {
            neo4j = Neo4jBuilders.newInProcessBuilder()
                    .withDisabledServer()
                    .withConfig(GraphDatabaseSettings.pagecache_memory, 32L * 1024 * 1024)
                    // Its transaction state lives on the heap it shares with the API under test: a transaction that outgrows
                    // these fails on its own (MemoryLimitExceeded) instead of taking the JVM down with an OutOfMemoryError.
                    .withConfig(GraphDatabaseSettings.memory_transaction_max_size, 64L * 1024 * 1024)
                    .withConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 128L * 1024 * 1024)
                    // Without these, closing waits ~10 s for connections and transactions.
                    .withConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(1))
                    .withConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .withConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .build();
            stopAtExit = new Thread(neo4j::close, "neo4j-stop");
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
        return neo4j.boltURI();
    }

    /**
     * Stops the server now. Each Quarkus test application loads this class in a class loader of its own, and so starts
     * its own server: left running, the servers of the applications that had stopped shared the heap with the next ones,
     * each holding its application's classes through its shutdown hook, until a benchmark ran out of heap.
     */
    public static synchronized void stop() {
        if (neo4j != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException exiting) {
                return; // the hook stops it
            }
            neo4j.close();
            neo4j = null;
        }
    }
}
