package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialStatus;
import io.nubicustos.api.v1alpha1.common.Provider;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.api.v1alpha1.scanjob.Profile;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicy;
import io.nubicustos.api.v1alpha1.scanjob.Tool;

class RunPreconditionsTest {

    static final ToolCatalog CATALOG = new ToolCatalog(TestCatalog.settings());
    static final KubernetesSerialization YAML = new KubernetesSerialization();

    static ScanJob scan(String spec) {
        return TestCatalog.scanJob("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: s, namespace: security}
                spec: %s
                """.formatted(spec));
    }

    static CloudCredential credential(String provider, String validStatus, String reason) {
        CloudCredential c = YAML.unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: cred, namespace: security}
                spec: {provider: %s, secretRef: {name: keys}}
                """.formatted(provider), CloudCredential.class);
        if (validStatus != null) {
            CloudCredentialStatus status = new CloudCredentialStatus();
            status.getConditions().add(new ConditionBuilder().withType("Valid").withStatus(validStatus).withReason(reason).build());
            c.setStatus(status);
        }
        return c;
    }

    static RunPreconditions.Outcome evaluate(ScanJob scanJob, CloudCredential credential, NetworkSegment segment, boolean privileged) {
        Tool tool = scanJob.getSpec().getTool();
        Provider provider = scanJob.getSpec().getProvider();
        return RunPreconditions.evaluate(scanJob, Optional.ofNullable(credential), Optional.ofNullable(segment),
                CATALOG.resolve(tool, provider, Profile.QUICK), CATALOG.providers(tool), privileged, POLICY);
    }

    static final String ALLOWED = "registry.example/prowler:5.13.1@sha256:" + "a".repeat(64);
    static final ScanPolicy POLICY = new ScanPolicy(java.util.Map.of("prowler", java.util.List.of(ALLOWED)),
            new ScanPolicy.Caps(new io.fabric8.kubernetes.api.model.Quantity("4"), new io.fabric8.kubernetes.api.model.Quantity("8Gi"),
                    java.time.Duration.ofHours(6), 3),
            java.time.Duration.ofHours(1));

    @Test
    void anImageTheAdminDidNotAllowBlocksTheRunAndGetsNoCredential() {
        CloudCredential valid = credential("aws", "True", "Valid");
        for (String image : java.util.List.of("attacker.example/exfil:latest", "attacker.example/exfil@sha256:" + "b".repeat(64),
                "registry.example/prowler:5.13.1")) {
            var outcome = evaluate(scan("{tool: prowler, provider: aws, credentialRef: {name: aws}, image: '" + image + "'}"), valid, null, false);
            assertThat(outcome.blocker()).as(image).hasValueSatisfying(b -> {
                assertThat(b.reason()).isEqualTo("ImageNotAllowed");
                assertThat(b.message()).doesNotContain(image).contains("prowler");
            });
            assertThat(outcome.mount().secretName()).as("nothing of the credential for " + image).isEmpty();
        }
        var allowed = evaluate(scan("{tool: prowler, provider: aws, credentialRef: {name: aws}, image: '" + ALLOWED + "'}"), valid, null, false);
        assertThat(allowed.blocker()).isEmpty();
        assertThat(allowed.mount().secretName()).isPresent();
    }

    @Test
    void aScanBeyondTheAdminsCapsIsBlocked() {
        assertThat(evaluate(scan("{tool: kubescape, provider: kubernetes, timeout: 999999h}"), null, null, false).blocker())
                .hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo("LimitExceeded"));
        assertThat(evaluate(scan("{tool: kubescape, provider: kubernetes, schedule: '* * * * *'}"), null, null, false).blocker())
                .hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo("ScheduleTooFrequent"));
        assertThat(evaluate(scan("{tool: kubescape, provider: kubernetes, resources: {limits: {cpu: '64', memory: 512Gi}}}"), null, null, false)
                .blocker()).hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo("LimitExceeded"));
    }

    @Test
    void aClusterScanNeedsNoCredential() {
        var outcome = evaluate(scan("{tool: kubescape, provider: kubernetes}"), null, null, false);
        assertThat(outcome.blocker()).isEmpty();
        assertThat(outcome.credential().reason()).isEqualTo("NotRequired");
    }

    @Test
    void credentialProblemsBlockWithTheirOwnReason() {
        ScanJob scanJob = scan("{tool: prowler, provider: aws, credentialRef: {name: cred}}");
        assertThat(evaluate(scanJob, null, null, false).blocker()).get().extracting(RunPreconditions.Blocker::reason)
                .isEqualTo("CredentialNotFound");
        assertThat(evaluate(scanJob, credential("gcp", null, null), null, false).blocker()).get()
                .extracting(RunPreconditions.Blocker::reason).isEqualTo("ProviderMismatch");
        var invalid = evaluate(scanJob, credential("aws", "False", "MalformedAwsCredentials"), null, false);
        assertThat(invalid.blocker()).get().extracting(RunPreconditions.Blocker::message)
                .isEqualTo("CloudCredential cred is not valid (reason MalformedAwsCredentials)");
        assertThat(evaluate(scanJob, credential("aws", null, null), null, false).blocker()).get()
                .extracting(RunPreconditions.Blocker::reason).as("not validated yet").isEqualTo("CredentialNotValidated");
        var usable = evaluate(scanJob, credential("aws", "True", "Valid"), null, false);
        assertThat(usable.blocker()).isEmpty();
        assertThat(usable.mount().secretName()).contains("keys");
    }

    @Test
    void aMissingSegmentBlocks() {
        var outcome = evaluate(scan("{tool: kubescape, provider: kubernetes, segmentRef: {name: production}}"), null, null, false);
        assertThat(outcome.blocker()).get().extracting(RunPreconditions.Blocker::reason).isEqualTo("SegmentNotFound");
    }

    @Test
    void aToolThatDoesNotScanTheProviderSaysWhatItScans() {
        var outcome = evaluate(scan("{tool: trivy, provider: azure, credentialRef: {name: cred}}"),
                credential("azure", "True", "Valid"), null, false);
        assertThat(outcome.blocker()).get().extracting(RunPreconditions.Blocker::message)
                .isEqualTo("trivy does not scan azure; it scans: kubernetes");
    }

    @Test
    void kubeBenchRunsOnlyWhenTheOperatorAndTheScanJobBothAllowHostAccess() {
        ScanJob asks = scan("{tool: kube-bench, provider: kubernetes, hostAccess: true}");
        ScanJob doesNotAsk = scan("{tool: kube-bench, provider: kubernetes}");
        assertThat(evaluate(asks, null, null, true).blocker()).isEmpty();
        assertThat(evaluate(asks, null, null, false).blocker()).get().extracting(RunPreconditions.Blocker::message)
                .isEqualTo("kube-bench needs host access: the operator does not allow privileged tools (nubicustos.scan.allow-privileged-tools)");
        assertThat(evaluate(doesNotAsk, null, null, true).blocker()).get().extracting(RunPreconditions.Blocker::message)
                .isEqualTo("kube-bench needs host access: the ScanJob does not ask for it (spec.hostAccess)");
        assertThat(evaluate(doesNotAsk, null, null, false).blocker()).get().extracting(RunPreconditions.Blocker::reason)
                .isEqualTo("HostAccessNotAllowed");
        assertThat(List.of(evaluate(doesNotAsk, null, null, false).blocker().get().message()))
                .singleElement().asString().contains(" and ");
    }
}
