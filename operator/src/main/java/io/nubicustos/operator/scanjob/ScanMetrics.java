package io.nubicustos.operator.scanjob;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Scan metrics with low-cardinality labels only: tool and outcome, never names or namespaces. */
@ApplicationScoped
public class ScanMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();

    public ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Strong references: a gauge on a weakly held number vanishes once it is collected.
        Gauge.builder("nubicustos.scan.runs.running", running, AtomicInteger::get).description("Scan Jobs active cluster-wide")
                .strongReference(true).register(registry);
        Gauge.builder("nubicustos.scan.runs.queued", queued, AtomicInteger::get).description("Runs waiting for a slot")
                .strongReference(true).register(registry);
    }

    public void started(String tool) {
        counter(tool, "started").increment();
    }

    public void finished(String tool, boolean succeeded, Duration duration) {
        String outcome = succeeded ? "succeeded" : "failed";
        counter(tool, outcome).increment();
        Timer.builder("nubicustos.scan.run.duration")
                .description("Duration of scan runs, from Job creation to completion")
                .tag("tool", tool).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(duration);
    }

    public void gauges(int runningNow, int queuedNow) {
        running.set(runningNow);
        queued.set(queuedNow);
    }

    private Counter counter(String tool, String outcome) {
        return Counter.builder("nubicustos.scan.runs").description("Scan runs by tool and outcome")
                .tag("tool", tool).tag("outcome", outcome).register(registry);
    }
}
