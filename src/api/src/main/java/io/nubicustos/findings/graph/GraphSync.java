package io.nubicustos.findings.graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nubicustos.findings.attackpath.AttackPathAnalyzer;
import io.nubicustos.findings.finding.FindingStatusChanges;
import io.nubicustos.findings.ingest.IngestService;
import io.quarkus.scheduler.Scheduled;

/**
 * Moves completed runs into Neo4j and searches the scopes they changed. Runs on one background
 * thread, started by each completion and by a timer (which retries while Neo4j is down: nothing is
 * lost, the runs stay pending in PostgreSQL). Across replicas a PostgreSQL advisory lock lets one
 * sync at a time.
 */
@ApplicationScoped
public class GraphSync {

    private static final Logger LOG = Logger.getLogger(GraphSync.class);
    /** Any constant shared by the replicas; "NBCG" in ASCII. */
    private static final long LOCK = 0x4E424347L;

    private final RunGraphs runs;
    private final GraphWriter writer;
    private final AttackPathAnalyzer analyzer;
    private final AgroalDataSource db;
    private final Clock clock;
    private final Timer timer;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "graph-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Set<String> stale = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public GraphSync(RunGraphs runs, GraphWriter writer, AttackPathAnalyzer analyzer, AgroalDataSource db, Clock clock, MeterRegistry registry) {
        this.runs = runs;
        this.writer = writer;
        this.analyzer = analyzer;
        this.db = db;
        this.clock = clock;
        this.timer = Timer.builder("nubicustos.graph.sync").description("Time to write one run's graph to Neo4j").register(registry);
    }

    void onCompleted(@Observes IngestService.RunCompleted completed) {
        trigger();
    }

    /** A finding marked false positive or accepted no longer enables a step: its scope is searched again. */
    void onStatusChanged(@Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS) FindingStatusChanges.StatusChanged changed) {
        worker.submit(() -> {
            try {
                writer.findingStatus(changed.scope(), changed.fingerprint(), changed.status());
                stale.add(changed.scope());
            } catch (RuntimeException e) {
                // The next sync of a run writes the status from PostgreSQL again.
                LOG.warnf("attack paths not updated after a status change (%s)", e.getClass().getSimpleName());
            }
            // The search happens in a sync, under its lock: many changes in a row (a bulk triage) search each scope once.
            trigger();
        });
    }

    @Scheduled(every = "${nubicustos.attack-paths.sync-interval:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        trigger();
    }

    /** Asks for a sync soon; requests made while one waits are served by it. */
    public void trigger() {
        if (queued.compareAndSet(false, true)) {
            worker.submit(() -> {
                queued.set(false);
                try {
                    syncPending();
                } catch (RuntimeException e) {
                    // The message may carry a URI; the kind tells what failed. The runs stay pending.
                    LOG.warnf("graph sync failed (%s); pending runs are retried", e.getClass().getSimpleName());
                }
            });
        }
    }

    /**
     * Writes the pending runs' graphs, in completion order, then searches each scope they touched and
     * each scope a finding status change made stale.
     *
     * @return the scopes searched; empty when another replica holds the lock
     */
    public Set<String> syncPending() {
        Set<String> scopes = new LinkedHashSet<>();
        try (Connection c = db.getConnection()) {
            if (!lock(c, "select pg_try_advisory_lock(?)")) {
                return scopes;
            }
            try {
                List<RunGraphs.PendingRun> pending = runs.pending(500);
                for (RunGraphs.PendingRun run : pending) {
                    long start = System.nanoTime();
                    RunGraphs.Uploaded uploaded = runs.uploaded(run);
                    writer.write(run.scope(), run.source(), run.runId(), uploaded.nodes(), uploaded.edges(),
                            page -> runs.findings(run, GraphWriter.BATCH, page));
                    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    scopes.add(run.scope());
                }
                // The search comes after every pending run's write, each written in many transactions: it never sees half a run.
                List<String> changed = List.copyOf(stale);
                stale.removeAll(changed);
                scopes.addAll(changed);
                try {
                    for (String scope : scopes) {
                        analyzer.analyze(scope);
                    }
                } catch (RuntimeException e) {
                    stale.addAll(changed);
                    throw e;
                }
                // Only now: a failed search leaves its runs pending, and writing them again changes nothing.
                for (RunGraphs.PendingRun run : pending) {
                    runs.synced(run, clock.instant());
                }
            } finally {
                lock(c, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("graph sync could not reach PostgreSQL", e);
        }
        return scopes;
    }

    private static boolean lock(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, LOCK);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
