package io.nubicustos.findings.attackpath;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nubicustos.findings.config.AttackPathConfig;

/** Searches a scope's graph and keeps what it finds: load, search, replace. */
@ApplicationScoped
public class AttackPathAnalyzer {

    private static final Logger LOG = Logger.getLogger(AttackPathAnalyzer.class);

    private final GraphSnapshots snapshots;
    private final AttackPathStore store;
    private final Targets targets;
    private final PathSearch.Limits limits;
    private final Clock clock;
    private final Timer timer;

    public AttackPathAnalyzer(GraphSnapshots snapshots, AttackPathStore store, AttackPathConfig config, Clock clock, MeterRegistry registry) {
        this.snapshots = snapshots;
        this.store = store;
        this.targets = new Targets(config.entryLabel(), config.crownJewelLabel());
        this.limits = new PathSearch.Limits(Math.max(1, Math.min(10, config.maxHops())), config.maxPaths(), config.maxPathsPerEntry(),
                config.searchTimeout());
        this.clock = clock;
        this.timer = Timer.builder("nubicustos.attack_paths.analysis").description("Time to search and store one scope's attack paths")
                .register(registry);
    }

    public PathSearch.Result analyze(String scope) {
        long start = System.nanoTime();
        // The snapshot is garbage once searched: it is not kept while the paths are written.
        PathSearch.Result result = PathSearch.search(scope, snapshots.load(scope), targets, limits);
        store.replace(scope, result, clock.instant());
        long nanos = System.nanoTime() - start;
        timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        LOG.infof("attack paths of scope %s: %d paths from %d entry points to %d crown jewels over %d assets in %d ms%s", scope,
                result.paths().size(), result.entryPoints(), result.crownJewels(), result.assets(), nanos / 1_000_000,
                result.truncated() ? " (search timed out: truncated)" : "");
        return result;
    }
}
