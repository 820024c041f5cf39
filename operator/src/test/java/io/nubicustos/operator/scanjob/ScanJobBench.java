package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.testing.BenchReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * 1,000 ScanJobs created at once, with the limit raised to 1,000: how long until each has its Job.
 * Latency is measured from the moment the API server accepted the ScanJob to the moment a watch
 * sees its Job, on Fabric8's mock server in this JVM (so the heap figure includes the server).
 * That server matches each request against every stored object, so its cost grows with the
 * store; mock_server_1000_creates_ms is the same number of plain creates with nothing watching.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(ScanJobBench.Unlimited.class)
class ScanJobBench {

    static final int SCANJOBS = 1000;
    static final String NS = "bench";

    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nubicustos.scan.max-running", Integer.toString(SCANJOBS),
                    "quarkus.log.category.\"io.nubicustos\".level", "INFO");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry registry;

    @Test
    void thousandScanJobsAtOnce() throws Exception {
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Long> jobSeen = new ConcurrentHashMap<>();
        SharedIndexInformer<Job> watch = client.batch().v1().jobs().inNamespace(NS).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                jobSeen.putIfAbsent(job.getMetadata().getLabels().get(Labels.SCANJOB), System.nanoTime());
            }

            @Override
            public void onUpdate(Job oldJob, Job newJob) {
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
            }
        });

        ExecutorService pool = Executors.newFixedThreadPool(8);
        // The reference: the same number of creates of a plain object, with nothing reacting to them.
        long baselineStart = System.nanoTime();
        List<Future<?>> baseline = new ArrayList<>();
        for (int i = 0; i < SCANJOBS; i++) {
            String name = "baseline-" + i;
            baseline.add(pool.submit(() -> client.configMaps().inNamespace("baseline").resource(
                    new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                            .addToData("k", "v").build()).create()));
        }
        for (Future<?> f : baseline) {
            f.get(60, TimeUnit.SECONDS);
        }
        long baselineMs = (System.nanoTime() - baselineStart) / 1_000_000;
        // The mock server scans every stored object on each request: leave it as empty as it was.
        client.configMaps().inNamespace("baseline").delete();

        long start = System.nanoTime();
        List<Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < SCANJOBS; i++) {
            String name = "scan-" + i;
            creates.add(pool.submit(() -> {
                client.resource(client.getKubernetesSerialization().unmarshal("""
                        apiVersion: nubicustos.io/v1alpha1
                        kind: ScanJob
                        metadata: {name: %s}
                        spec: {tool: kubernetes, provider: kubernetes}
                        """.formatted(name), ScanJob.class)).inNamespace(NS).create();
                accepted.put(name, System.nanoTime());
            }));
        }
        for (Future<?> f : creates) {
            f.get(60, TimeUnit.SECONDS);
        }
        long created = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> jobSeen.size() >= SCANJOBS);
        long allJobs = System.nanoTime();
        pool.shutdown();
        watch.close();

        List<Long> latencies = accepted.entrySet().stream()
                .map(e -> (jobSeen.get(e.getKey()) - e.getValue()) / 1_000_000).sorted().toList();
        Timer reconcile = registry.find("operator.sdk.controllers.execution.reconcile").tag("controller", "scanjob").timer();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        new BenchReport("scanjobs", "all 1000 Jobs within 10 s; p99 create-to-Job under 1 s; heap under 256 MiB (2 cores)")
                .figure("scanjobs", SCANJOBS)
                .figure("mock_server_1000_creates_ms", baselineMs)
                .figure("create_all_ms", (created - start) / 1_000_000)
                .figure("all_jobs_ms", (allJobs - start) / 1_000_000)
                .figure("create_to_job_p50_ms", latencies.get(latencies.size() / 2))
                .figure("create_to_job_p99_ms", latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1))
                .figure("create_to_job_max_ms", latencies.get(latencies.size() - 1))
                .figure("reconciles", reconcile == null ? -1 : reconcile.count())
                .figure("reconcile_mean_ms", reconcile == null ? -1 : reconcile.mean(TimeUnit.MILLISECONDS))
                .figure("reconcile_max_ms", reconcile == null ? -1 : reconcile.max(TimeUnit.MILLISECONDS))
                .figure("heap_after_gc_mib", heap >> 20)
                .write();
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).hasSize(SCANJOBS);
    }
}
