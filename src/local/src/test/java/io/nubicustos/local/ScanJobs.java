package io.nubicustos.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.Tool;
import io.nubicustos.operator.scanjob.CredentialMount;
import io.nubicustos.operator.scanjob.ScanJobFactory;
import io.nubicustos.operator.scanjob.ScanPodDefaults;
import io.nubicustos.operator.scanjob.ScanRun;
import io.nubicustos.operator.scanjob.ToolSpec;

/** Scan Jobs exactly as the operator builds them: with its own ScanJobFactory and the catalogue entries of application.yaml. */
final class ScanJobs {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final String SCANNER_IMAGE = "ghcr.io/nubicustos/scanner:0.1.0";

    private static final ResourceRequirements SCANNER_RESOURCES = resources("50m", "128Mi", "500m", "512Mi");

    /** The catalogue's built-in audit: no image, no arguments. */
    static final ToolSpec KUBERNETES = new ToolSpec(Tool.KUBERNETES, Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty(),
            "kubernetes-audit.json", true, false, Duration.ofMinutes(30), resources("50m", "128Mi", "500m", "512Mi"));
    static final ToolSpec PROWLER_AWS = new ToolSpec(Tool.PROWLER, Optional.of("prowlercloud/prowler:5.13.1"), List.of("prowler"),
            List.of("aws", "--output-formats", "json-ocsf", "--output-directory", "/results", "--output-filename", "prowler", "--no-banner",
                    "--severity", "critical", "high"),
            Optional.of("--region"), Optional.empty(), "prowler.ocsf.json", false, false, Duration.ofHours(2), resources("250m", "512Mi", "2", "2Gi"));
    static final ToolSpec TRIVY_KUBERNETES = new ToolSpec(Tool.TRIVY, Optional.of("aquasec/trivy:0.67.2"), List.of("trivy"),
            List.of("k8s", "--format", "json", "--output", "/results/trivy.json", "--cache-dir", "/tmp/trivy", "--report", "all"),
            Optional.empty(), Optional.of("--include-namespaces"), "trivy.json", true, false, Duration.ofHours(1), resources("250m", "512Mi", "2", "2Gi"));

    private ScanJobs() {
    }

    /** A ScanJob at {@code generation}: its one-off run is {@code g<generation>}. */
    static ScanJob scanJob(String namespace, String name, String tool, String provider, long generation) {
        ScanJob scanJob = SERIALIZATION.unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: %s, namespace: %s, generation: %d}
                spec: {tool: %s, provider: %s, profile: quick}
                """.formatted(name, namespace, generation, tool, provider), ScanJob.class);
        scanJob.getMetadata().setUid(UUID.randomUUID().toString());
        return scanJob;
    }

    static ScanRun run(ScanJob scanJob) {
        return ScanRun.forGeneration(scanJob);
    }

    /** The run's Job, as ScanJobReconciler creates it, uploading to {@code apiUrl} with the token Secret {@code <job>-upload}. */
    static Job job(ScanJob scanJob, ToolSpec tool, String apiUrl) {
        ScanRun run = run(scanJob);
        ScanPodDefaults defaults = new ScanPodDefaults(SCANNER_IMAGE, apiUrl, 65532L, "nubicustos-audit", SCANNER_RESOURCES,
                // As make run configures it: the local samples' audits read the whole in-memory cluster.
                new io.nubicustos.operator.scanjob.AuditScope(java.util.Set.of(scanJob.getMetadata().getNamespace())));
        return ScanJobFactory.desired(scanJob, run, tool, CredentialMount.none(), defaults, run.jobName() + "-upload");
    }

    /** The per-run upload token Secret, as ScanJobReconciler creates it. */
    static Secret tokenSecret(ScanJob scanJob, String token) {
        ScanRun run = run(scanJob);
        return new SecretBuilder().withNewMetadata().withName(run.jobName() + "-upload").withNamespace(scanJob.getMetadata().getNamespace())
                .endMetadata().withType("Opaque")
                .withData(Map.of("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.US_ASCII))))
                .build();
    }

    private static ResourceRequirements resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(cpuRequest)).addToRequests("memory", new Quantity(memoryRequest))
                .addToLimits("cpu", new Quantity(cpuLimit)).addToLimits("memory", new Quantity(memoryLimit))
                .build();
    }
}
