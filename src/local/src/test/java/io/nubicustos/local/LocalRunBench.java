package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.testing.BenchReport;
import picocli.CommandLine;

/**
 * {@code make run} on a warm build: seconds from start to the first completed scan, and the peak
 * resident memory of the whole assembly (this JVM with the in-memory API, embedded Neo4j and the
 * local pod runner, plus the API and operator JVMs and the PostgreSQL processes), sampled from
 * /proc every 100 ms.
 */
class LocalRunBench {

    @TempDir
    Path data;

    @Test
    void timeToFirstScanAndPeakMemory() throws Exception {
        AtomicLong peak = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(treeRssKib(ProcessHandle.current()), Math::max), 0, 100, TimeUnit.MILLISECONDS);
        LocalRun run = new LocalRun(new PrintWriter(new StringWriter(), true));
        new CommandLine(run).parseArgs("--repository", LocalRunE2E.ROOT.toString(), "--data-dir", data.toString(), "--api-port",
                Integer.toString(LocalDatabases.freePort()), "--operator-port", Integer.toString(LocalDatabases.freePort()),
                "--api-management-port", Integer.toString(LocalDatabases.freePort()), "--operator-management-port",
                Integer.toString(LocalDatabases.freePort()));
        long start = System.nanoTime();
        try {
            run.startAll();
            double readySeconds = (System.nanoTime() - start) / 1e9;
            ScanJob done = Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> run.kubernetes.resources(ScanJob.class).inNamespace("security").withName("kubernetes-audit").get(),
                            s -> s.getStatus().getLastRun() != null && s.getStatus().getLastRun().getCompletedAt() != null);
            double firstScanSeconds = (System.nanoTime() - start) / 1e9;
            // The summary and the first attack-path analysis follow the scan; let their memory count too.
            Thread.sleep(10_000);
            assertThat(done.getStatus().getLastRun().getOutcome()).isEqualTo("Succeeded");
            new BenchReport("local-run", "make run: first completed scan < 60 s and peak memory of the assembly < 1536 MiB, on 2 cores")
                    .figure("ready_s", Math.round(readySeconds * 10) / 10.0)
                    .figure("first_scan_s", Math.round(firstScanSeconds * 10) / 10.0)
                    .figure("peak_rss_mib", peak.get() / 1024)
                    .figure("goal_first_scan_s", 60)
                    .figure("goal_peak_rss_mib", 1536)
                    .write();
        } finally {
            run.stop();
            sampler.shutdownNow();
        }
    }

    /** Resident memory of a process and all its descendants, in KiB. */
    static long treeRssKib(ProcessHandle root) {
        long total = rssKib(root.pid());
        for (ProcessHandle child : root.descendants().toList()) {
            total += rssKib(child.pid());
        }
        return total;
    }

    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between listing and reading.
        }
        return 0;
    }
}
