package io.nubicustos.operator.scanjob;

import java.time.Duration;
import java.util.function.IntSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Scan metrics with low-cardinality labels only: tool and outcome, never names or namespaces. */
@ApplicationScoped
public class ScanMetrics {

    private final MeterRegistry registry;
    private volatile IntSupplier running = () -> 0;
    private volatile IntSupplier queued = () -> 0;

    public ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Read at scrape time from the informer cache and the queue; strong references so they never vanish.
        Gauge.builder("nubicustos.scan.runs.running", this, m -> m.running.getAsInt()).description("Scan Jobs active cluster-wide")
                .strongReference(true).register(registry);
        Gauge.builder("nubicustos.scan.runs.queued", this, m -> m.queued.getAsInt()).description("Runs waiting for a slot")
                .strongReference(true).register(registry);
    }

    /** How many of the configured images (catalogue tools and the scanner) run by tag alone, not pinned by digest. */
    public void unpinnedImages(int count) {
        Gauge.builder("nubicustos.scan.images.unpinned", () -> count)
                .description("Configured scan images pinned by tag only (a registry can move a tag to other content)")
                .strongReference(true).register(registry);
    }

    /** Where the gauges read from, once the Job informer exists. */
    public void watch(IntSupplier activeJobs, IntSupplier waitingRuns) {
        this.running = activeJobs;
        this.queued = waitingRuns;
    }

    public void started(String tool) {
        counter(tool, "started").increment();
    }

    public void finished(String tool, boolean succeeded, Duration duration) {
        finished(tool, succeeded ? "succeeded" : "failed", duration);
    }

    /** @param outcome succeeded, failed or cancelled */
    public void finished(String tool, String outcome, Duration duration) {
        counter(tool, outcome).increment();
        Timer.builder("nubicustos.scan.run.duration")
                .description("Duration of scan runs, from Job creation to completion")
                .tag("tool", tool).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(duration);
    }

    private Counter counter(String tool, String outcome) {
        return Counter.builder("nubicustos.scan.runs").description("Scan runs by tool and outcome")
                .tag("tool", tool).tag("outcome", outcome).register(registry);
    }
}
