package io.nubicustos.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialStatus;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialValidator;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentStatus;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentValidator;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobStatus;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobValidator;
import io.nubicustos.api.v1alpha1.scanjob.ScanPhase;
import io.nubicustos.operator.argocd.LuaHealthCheck.Health;
import io.nubicustos.operator.cloudcredential.CloudCredentialReconciler;
import io.nubicustos.operator.cloudcredential.CredentialCheck;
import io.nubicustos.operator.cloudcredential.CredentialValidator;
import io.nubicustos.operator.cloudcredential.TestCredentials;
import io.nubicustos.operator.crd.RepositoryFiles;
import io.nubicustos.operator.networksegment.NetworkSegmentReconciler;
import io.nubicustos.operator.scanjob.CredentialMount;
import io.nubicustos.operator.scanjob.ScanJobReconciler;
import io.nubicustos.operator.status.Conditions;
import io.nubicustos.operator.status.SpecValidation;

/**
 * The ArgoCD health checks of config/argocd on a Lua VM, fed with statuses built from the operator's
 * own status types, condition constants, Conditions helper and validators, and serialized as the API
 * server hands them to ArgoCD: Healthy, Progressing (also while the operator has not yet observed the
 * latest generation), Degraded (failed run, invalid spec, blocked run, unusable credential, missing
 * cert-manager) and Suspended.
 */
class ArgoCdHealthChecksTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final LuaHealthCheck SCAN_JOB = LuaHealthCheck.of("ScanJob");
    private static final LuaHealthCheck CLOUD_CREDENTIAL = LuaHealthCheck.of("CloudCredential");
    private static final LuaHealthCheck NETWORK_SEGMENT = LuaHealthCheck.of("NetworkSegment");
    private static final String KEY_PREFIX = "resource.customizations.health.nubicustos.io_";

    // ---------------------------------------------------------------- the files ArgoCD is given

    @Test
    void theArgoCdConfigMapEmbedsExactlyTheLuaFilesOneForEachKind() throws IOException {
        JsonNode configMap = RepositoryFiles.YAML.readTree(RepositoryFiles.root().resolve("config/argocd/argocd-cm.yaml").toFile());
        assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(configMap.at("/metadata/name").asText()).isEqualTo("argocd-cm");
        Set<String> kinds = RepositoryFiles.crds().keySet();
        Map<String, String> embedded = new HashMap<>();
        configMap.path("data").fields().forEachRemaining(e -> embedded.put(e.getKey(), e.getValue().asText()));

        assertThat(embedded.keySet()).containsExactlyInAnyOrderElementsOf(kinds.stream().map(k -> KEY_PREFIX + k).toList());
        try (Stream<Path> files = Files.list(LuaHealthCheck.HEALTH)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(kinds.stream().map(k -> k + ".lua").toList());
        }
        for (String kind : kinds) {
            assertThat(embedded.get(KEY_PREFIX + kind))
                    .as("argocd-cm.yaml's copy of health/%s.lua (regenerate the ConfigMap from the file)", kind)
                    .isEqualTo(LuaHealthCheck.read(LuaHealthCheck.HEALTH.resolve(kind + ".lua")));
        }
    }

    @Test
    void theChecksUseNothingArgoCdLeavesOutOfItsLuaSandbox() {
        // ArgoCD opens only the base, table and package libraries (and a safe os): no string methods.
        Pattern forbidden = Pattern.compile("\\bstring\\.|\\bio\\.|\\bos\\.|\\brequire\\b|\\bload(string|file)?\\s*\\(|[\\w\\)\\]\"]:\\w+\\(");
        for (String kind : RepositoryFiles.crds().keySet()) {
            String script = LuaHealthCheck.read(LuaHealthCheck.HEALTH.resolve(kind + ".lua"));
            String code = script.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n"));
            assertThat(forbidden.matcher(code).find()).as("%s.lua uses a library ArgoCD does not open", kind).isFalse();
            assertThat(code.strip()).as(kind).endsWith("return hs");
        }
    }

    // ---------------------------------------------------------------- ScanJob

    @Test
    void aScanJobTheOperatorHasNotReconciledYetIsProgressing() {
        ScanJob scanJob = scanJob("kubescape", 1);
        assertHealth(SCAN_JOB.assess(scanJob), "Progressing", "Waiting for the operator");
    }

    @Test
    void aScanJobWhoseSpecChangedSinceTheOperatorLastLookedIsProgressingWhateverItsOldStatusSays() {
        ScanJob scanJob = scanJob("kubescape", 3);
        ScanJobStatus status = observed(scanJob, ScanPhase.SUCCEEDED);
        status.setObservedGeneration(2L);
        set(status.getConditions(), ScanJobReconciler.READY, true, "UpToDate", "the run of this spec generation has been started", 2);
        set(status.getConditions(), ScanJobReconciler.SUCCEEDED, true, "RunSucceeded", "run r1 succeeded", 2);

        assertHealth(SCAN_JOB.assess(scanJob), "Progressing", "generation 3");
    }

    @Test
    void aRunOnceScanJobProgressesWhileItsRunIsQueuedOrRunningAndIsHealthyOnceItSucceeded() {
        ScanJob scanJob = scanJob("kubescape", 1);
        ScanJobStatus status = observed(scanJob, ScanPhase.QUEUED);
        set(status.getConditions(), ScanJobReconciler.READY, true, "Queued",
                "the cluster-wide limit of 10 running scans is reached; position 2 of 3 waiting", 1);
        assertHealth(SCAN_JOB.assess(scanJob), "Progressing", "position 2 of 3");

        status.setPhase(ScanPhase.RUNNING);
        set(status.getConditions(), ScanJobReconciler.RUNNING, true, "JobActive", "Job kubescape-r1 is running", 1);
        set(status.getConditions(), ScanJobReconciler.READY, true, "RunActive", "run r1 started", 1);
        assertHealth(SCAN_JOB.assess(scanJob), "Progressing", "run r1 started");

        status.setPhase(ScanPhase.SUCCEEDED);
        set(status.getConditions(), ScanJobReconciler.RUNNING, false, "Idle", "no run is active", 1);
        set(status.getConditions(), ScanJobReconciler.SUCCEEDED, true, "RunSucceeded", "run r1 succeeded: 2 critical, 5 high", 1);
        set(status.getConditions(), ScanJobReconciler.FAILED, false, "RunSucceeded", "run r1 succeeded: 2 critical, 5 high", 1);
        set(status.getConditions(), ScanJobReconciler.READY, true, "UpToDate", "the run of this spec generation has been started", 1);
        assertHealth(SCAN_JOB.assess(scanJob), "Healthy", "run r1 succeeded: 2 critical, 5 high");
    }

    @Test
    void aFailedRunDegradesTheScanJob() {
        ScanJob scanJob = scanJob("kubescape", 1);
        ScanJobStatus status = observed(scanJob, ScanPhase.FAILED);
        set(status.getConditions(), ScanJobReconciler.READY, true, "UpToDate", "the run of this spec generation has been started", 1);
        set(status.getConditions(), ScanJobReconciler.SUCCEEDED, false, "RunFailed", "run r1 failed (BackoffLimitExceeded)", 1);
        set(status.getConditions(), ScanJobReconciler.FAILED, true, "BackoffLimitExceeded", "run r1 failed (BackoffLimitExceeded)", 1);

        assertHealth(SCAN_JOB.assess(scanJob), "Degraded", "BackoffLimitExceeded: run r1 failed");
    }

    @Test
    void anInvalidSpecDegradesTheScanJobWithTheValidatorsMessage() {
        ScanJob scanJob = scanJob("kubernetes-audit", 2);
        scanJob.getSpec().setSchedule("every six hours");
        scanJob.getSpec().setArgs(List.of("--output=/etc/passwd"));
        List<String> problems = ScanJobValidator.validate(scanJob.getSpec());
        assertThat(problems).hasSizeGreaterThanOrEqualTo(2);
        ScanJobStatus status = observed(scanJob, ScanPhase.FAILED);
        set(status.getConditions(), ScanJobReconciler.READY, false, SpecValidation.INVALID_SPEC, String.join("; ", problems), 2);

        Health health = SCAN_JOB.assess(scanJob);
        assertHealth(health, "Degraded", SpecValidation.INVALID_SPEC);
        assertThat(health.message()).contains(problems);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "CredentialNotFound, Degraded, CloudCredential aws-audit does not exist in namespace nubicustos-scans",
            "CredentialInvalid, Degraded, CloudCredential aws-audit is not valid (reason KeyMissing)",
            "ProviderMismatch, Degraded, CloudCredential aws-audit is for another provider than aws",
            "SegmentNotFound, Degraded, NetworkSegment management does not exist",
            "HostAccessNotAllowed, Degraded, kube-bench needs host access: the ScanJob does not ask for it (spec.hostAccess)",
            // The credential exists and the operator validates it next: a moment's wait, not a fault.
            "CredentialNotValidated, Progressing, CloudCredential aws-audit has not been validated yet" })
    void aScanJobWhoseRunCannotStartIsDegradedUnlessItsCredentialIsAboutToBeValidated(String reason, String expected, String message) {
        ScanJob scanJob = scanJob("prowler-aws-nightly", 1);
        ScanJobStatus status = observed(scanJob, ScanPhase.PENDING);
        set(status.getConditions(), ScanJobReconciler.CREDENTIAL_RESOLVED, !reason.startsWith("Credential") && !reason.equals("ProviderMismatch"),
                reason, message, 1);
        set(status.getConditions(), ScanJobReconciler.READY, false, reason, message, 1);

        assertHealth(SCAN_JOB.assess(scanJob), expected, reason + ": " + message);
    }

    @Test
    void aSuspendedScanJobIsSuspended() {
        ScanJob scanJob = scanJob("kubernetes-audit", 2);
        scanJob.getSpec().setSuspend(true);
        ScanJobStatus status = observed(scanJob, ScanPhase.SUSPENDED);
        set(status.getConditions(), ScanJobReconciler.RUNNING, false, "Idle", "no run is active", 2);
        set(status.getConditions(), ScanJobReconciler.READY, true, "Suspended", "spec.suspend is true: no new runs start", 2);

        assertHealth(SCAN_JOB.assess(scanJob), "Suspended", "spec.suspend is true");
    }

    @Test
    void aScheduledScanJobIsHealthyBetweenRunsAndWhileItRunsAgainAfterASuccess() {
        ScanJob scanJob = scanJob("kubernetes-audit", 1);
        ScanJobStatus status = observed(scanJob, ScanPhase.PENDING);
        set(status.getConditions(), ScanJobReconciler.READY, true, "UpToDate", "waiting for the next scheduled run", 1);
        assertHealth(SCAN_JOB.assess(scanJob), "Healthy", "waiting for the next scheduled run");

        status.setPhase(ScanPhase.RUNNING);
        set(status.getConditions(), ScanJobReconciler.SUCCEEDED, true, "RunSucceeded", "run r1 succeeded: 0 critical, 1 high", 1);
        set(status.getConditions(), ScanJobReconciler.READY, true, "RunActive", "run r2 started", 1);
        assertHealth(SCAN_JOB.assess(scanJob), "Healthy", "run r1 succeeded");

        // After a failure, the next run may mend it: progressing, not healthy, while it runs.
        set(status.getConditions(), ScanJobReconciler.SUCCEEDED, false, "RunFailed", "run r2 failed (DeadlineExceeded)", 1);
        set(status.getConditions(), ScanJobReconciler.FAILED, true, "DeadlineExceeded", "run r2 failed (DeadlineExceeded)", 1);
        set(status.getConditions(), ScanJobReconciler.READY, true, "RunActive", "run r3 started", 1);
        assertHealth(SCAN_JOB.assess(scanJob), "Progressing", "run r3 started");
    }

    @Test
    void everyPhaseTheOperatorCanSetHasADeliberateHealth() {
        Map<ScanPhase, String> expected = new EnumMap<>(Map.of(
                ScanPhase.PENDING, "Progressing",
                ScanPhase.QUEUED, "Progressing",
                ScanPhase.RUNNING, "Progressing",
                ScanPhase.SUCCEEDED, "Healthy",
                ScanPhase.FAILED, "Degraded",
                ScanPhase.SUSPENDED, "Suspended"));
        assertThat(expected.keySet()).as("a new ScanPhase needs a place in ScanJob.lua and here").isEqualTo(EnumSet.allOf(ScanPhase.class));
        expected.forEach((phase, health) -> {
            ScanJob scanJob = scanJob("kubescape", 1);
            ScanJobStatus status = observed(scanJob, phase);
            set(status.getConditions(), ScanJobReconciler.READY, true, "UpToDate", "ready", 1);
            assertThat(SCAN_JOB.assess(scanJob).status()).as(phase.name()).isEqualTo(health);
        });
    }

    // ---------------------------------------------------------------- CloudCredential

    @Test
    void aCloudCredentialIsProgressingUntilTheOperatorHasValidatedItsCurrentGeneration() {
        CloudCredential credential = credential(1);
        assertHealth(CLOUD_CREDENTIAL.assess(credential), "Progressing", "Waiting for the operator");

        CloudCredentialStatus status = observed(credential);
        assertHealth(CLOUD_CREDENTIAL.assess(credential), "Progressing", "Waiting for the operator");

        credential.getMetadata().setGeneration(2L);
        set(status.getConditions(), CloudCredentialReconciler.VALID, true, "Valid", "kubeconfig usable", 1);
        assertHealth(CLOUD_CREDENTIAL.assess(credential), "Progressing", "generation 2");
    }

    @Test
    void aCredentialTheValidatorAcceptsIsHealthyAndOneDueForRotationStaysHealthyButSaysSo() {
        CloudCredential credential = credential(1);
        CloudCredentialStatus status = observed(credential);
        CredentialCheck check = check(credential, TestCredentials.kubeconfig("audit"));
        assertThat(check.valid()).as(check.message()).isTrue();
        set(status.getConditions(), CloudCredentialReconciler.VALID, true, check.reason(), check.message(), 1);
        set(status.getConditions(), CloudCredentialReconciler.ROTATION_DUE, false, "WithinMaxAge",
                "the Secret is 12 days old; rotation is due after 90", 1);
        assertHealth(CLOUD_CREDENTIAL.assess(credential), "Healthy", check.message());

        set(status.getConditions(), CloudCredentialReconciler.ROTATION_DUE, true, "MaxAgeExceeded",
                "the Secret is 120 days old; rotation is due after 90", 1);
        assertHealth(CLOUD_CREDENTIAL.assess(credential), "Healthy", "MaxAgeExceeded: the Secret is 120 days old");
    }

    @Test
    void aCredentialTheValidatorRejectsIsDegradedWithItsReason() {
        CloudCredential credential = credential(1);
        CloudCredentialStatus status = observed(credential);
        CredentialCheck check = check(credential, TestCredentials.kubeconfig("nowhere"));
        assertThat(check.valid()).isFalse();
        set(status.getConditions(), CloudCredentialReconciler.VALID, false, check.reason(), check.message(), 1);

        assertHealth(CLOUD_CREDENTIAL.assess(credential), "Degraded", check.reason() + ": " + check.message());
    }

    @Test
    void aCredentialWhoseSecretIsMissingOrWhoseSpecIsInvalidIsDegraded() {
        CloudCredential credential = credential(1);
        CloudCredentialStatus status = observed(credential);
        set(status.getConditions(), CloudCredentialReconciler.VALID, false, "SecretNotFound",
                "Secret audit-kubeconfig does not exist in namespace nubicustos-scans", 1);
        assertHealth(CLOUD_CREDENTIAL.assess(credential), "Degraded", "SecretNotFound");

        credential.getSpec().getSecretRef().setName("Not_A_Name");
        List<String> problems = CloudCredentialValidator.validate(credential.getSpec());
        assertThat(problems).isNotEmpty();
        set(status.getConditions(), CloudCredentialReconciler.VALID, false, SpecValidation.INVALID_SPEC, String.join("; ", problems), 1);
        Health health = CLOUD_CREDENTIAL.assess(credential);
        assertHealth(health, "Degraded", SpecValidation.INVALID_SPEC);
        assertThat(health.message()).contains(problems);
    }

    @Test
    void aReadyConditionWouldTakePrecedenceOverValid() {
        CloudCredential credential = credential(1);
        CloudCredentialStatus status = observed(credential);
        set(status.getConditions(), CloudCredentialReconciler.VALID, true, "Valid", "kubeconfig usable", 1);
        set(status.getConditions(), CloudCredentialReconciler.READY, false, "Expired", "the token has expired", 1);

        assertHealth(CLOUD_CREDENTIAL.assess(credential), "Degraded", "Expired: the token has expired");
    }

    // ---------------------------------------------------------------- NetworkSegment

    @Test
    void aNetworkSegmentIsProgressingUntilTheOperatorHasRenderedItsCurrentGeneration() {
        NetworkSegment segment = segment("development", 4);
        assertHealth(NETWORK_SEGMENT.assess(segment), "Progressing", "Waiting for the operator");

        NetworkSegmentStatus status = observed(segment);
        status.setObservedGeneration(3L);
        set(status.getConditions(), NetworkSegmentReconciler.READY, true, "Rendered", "policies applied", 3);
        assertHealth(NETWORK_SEGMENT.assess(segment), "Progressing", "generation 4");
    }

    @Test
    void aRenderedSegmentIsHealthy() {
        NetworkSegment segment = segment("development", 1);
        NetworkSegmentStatus status = observed(segment);
        set(status.getConditions(), NetworkSegmentReconciler.POLICIES_APPLIED, true, "Applied", "5 NetworkPolicies in 1 namespaces", 1);
        set(status.getConditions(), NetworkSegmentReconciler.CERT_MANAGER_MISSING, false, "NotNeeded", "no TLS services", 1);
        set(status.getConditions(), NetworkSegmentReconciler.READY, true, "Rendered", "policies applied", 1);

        assertHealth(NETWORK_SEGMENT.assess(segment), "Healthy", "policies applied");
    }

    @Test
    void aSegmentWhoseCertificatesAreBeingIssuedIsProgressing() {
        NetworkSegment segment = segment("management", 1);
        NetworkSegmentStatus status = observed(segment);
        set(status.getConditions(), NetworkSegmentReconciler.POLICIES_APPLIED, true, "Applied", "6 NetworkPolicies in 1 namespaces", 1);
        set(status.getConditions(), NetworkSegmentReconciler.CERT_MANAGER_MISSING, false, "Installed", "cert-manager is installed", 1);
        set(status.getConditions(), NetworkSegmentReconciler.CERTIFICATES_READY, false, "Issuing", "1 of 4 certificates issued", 1);
        set(status.getConditions(), NetworkSegmentReconciler.READY, false, "CertificatesNotReady",
                "policies applied; certificates are not ready", 1);

        assertHealth(NETWORK_SEGMENT.assess(segment), "Progressing", "Issuing: 1 of 4 certificates issued");
    }

    @Test
    void aSegmentWhoseTlsCannotBeServedIsDegraded() {
        NetworkSegment segment = segment("management", 1);
        NetworkSegmentStatus status = observed(segment);
        set(status.getConditions(), NetworkSegmentReconciler.CERT_MANAGER_MISSING, true, "CrdNotInstalled",
                "cert-manager is not installed (no certificates.cert-manager.io): no Certificates rendered; policies still apply", 1);
        set(status.getConditions(), NetworkSegmentReconciler.CERTIFICATES_READY, false, "CertManagerMissing", "cert-manager is not installed", 1);
        set(status.getConditions(), NetworkSegmentReconciler.READY, false, "CertificatesNotReady",
                "policies applied; certificates are not ready", 1);
        assertHealth(NETWORK_SEGMENT.assess(segment), "Degraded", "CrdNotInstalled: cert-manager is not installed");

        set(status.getConditions(), NetworkSegmentReconciler.CERT_MANAGER_MISSING, false, "Installed", "cert-manager is installed", 1);
        set(status.getConditions(), NetworkSegmentReconciler.CERTIFICATES_READY, false, "ServiceOutsideSegment",
                "services outside the segment's namespaces get no certificate: pki/step-ca", 1);
        assertHealth(NETWORK_SEGMENT.assess(segment), "Degraded", "ServiceOutsideSegment");
    }

    @Test
    void anInvalidSegmentIsDegradedWithTheValidatorsMessage() {
        NetworkSegment segment = segment("production", 2);
        segment.getSpec().setCidr("10.40.0.0/33");
        List<String> problems = NetworkSegmentValidator.validate(segment);
        assertThat(problems).isNotEmpty();
        NetworkSegmentStatus status = observed(segment);
        set(status.getConditions(), NetworkSegmentReconciler.READY, false, SpecValidation.INVALID_SPEC, String.join("; ", problems), 2);
        set(status.getConditions(), NetworkSegmentReconciler.POLICIES_APPLIED, false, SpecValidation.INVALID_SPEC,
                "nothing was rendered: the spec is invalid", 2);

        Health health = NETWORK_SEGMENT.assess(segment);
        assertHealth(health, "Degraded", SpecValidation.INVALID_SPEC);
        assertThat(health.message()).contains(problems);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertHealth(Health health, String status, String messagePart) {
        assertThat(LuaHealthCheck.ARGOCD_STATUSES).contains(health.status());
        assertThat(health.status()).as(health.message()).isEqualTo(status);
        assertThat(health.message()).isNotBlank().contains(messagePart);
    }

    private static void set(List<Condition> conditions, String type, boolean status, String reason, String message, long generation) {
        Conditions.set(conditions, type, status, reason, message, generation, NOW);
    }

    private static <T> T sample(String file, Class<T> type) {
        try {
            return SERIALIZATION.unmarshal(Files.readString(RepositoryFiles.root().resolve(file)), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ScanJob scanJob(String sample, long generation) {
        ScanJob scanJob = sample("config/samples/scanjobs/" + sample + ".yaml", ScanJob.class);
        scanJob.getMetadata().setNamespace("nubicustos-scans");
        scanJob.getMetadata().setGeneration(generation);
        return scanJob;
    }

    private static ScanJobStatus observed(ScanJob scanJob, ScanPhase phase) {
        ScanJobStatus status = new ScanJobStatus();
        status.setObservedGeneration(scanJob.getMetadata().getGeneration());
        status.setPhase(phase);
        scanJob.setStatus(status);
        return status;
    }

    private static CloudCredential credential(long generation) {
        CloudCredential credential = SERIALIZATION.unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata:
                  name: remote-cluster
                  namespace: nubicustos-scans
                spec:
                  provider: kubernetes
                  secretRef:
                    name: audit-kubeconfig
                """, CloudCredential.class);
        credential.getMetadata().setGeneration(generation);
        return credential;
    }

    private static CloudCredentialStatus observed(CloudCredential credential) {
        CloudCredentialStatus status = new CloudCredentialStatus();
        status.setObservedGeneration(credential.getMetadata().getGeneration());
        credential.setStatus(status);
        return status;
    }

    private static CredentialCheck check(CloudCredential credential, String kubeconfig) {
        var spec = credential.getSpec();
        return CredentialValidator.check(spec, Map.of("kubeconfig", kubeconfig.getBytes(StandardCharsets.UTF_8)),
                CredentialMount.defaultKeys(spec), Map.of());
    }

    private static NetworkSegment segment(String sample, long generation) {
        NetworkSegment segment = sample("config/samples/networksegments/" + sample + ".yaml", NetworkSegment.class);
        segment.getMetadata().setGeneration(generation);
        return segment;
    }

    private static NetworkSegmentStatus observed(NetworkSegment segment) {
        NetworkSegmentStatus status = new NetworkSegmentStatus();
        status.setObservedGeneration(segment.getMetadata().getGeneration());
        segment.setStatus(status);
        return status;
    }
}
