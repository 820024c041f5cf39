package io.nubicustos.api.v1alpha1.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.Quantity;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

class ScanPolicyCheckTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String ALLOWED = "registry.example/prowler:5.13.1@sha256:" + "a".repeat(64);
    static final ScanPolicy POLICY = new ScanPolicy(Map.of("prowler", List.of(ALLOWED)),
            new ScanPolicy.Caps(new Quantity("4"), new Quantity("8Gi"), Duration.ofHours(6), 3), Duration.ofHours(1));

    static ScanJobSpec spec(String yaml) {
        try {
            return YAML.readValue(yaml, ScanJobSpec.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> reasons(String spec) {
        return ScanPolicyCheck.violations(spec(spec), POLICY).stream().map(ScanPolicyCheck.Violation::reason)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "the catalogue image (no spec.image)                | {tool: prowler, provider: aws}",
        "an allowed image pinned by digest                  | {tool: prowler, provider: aws, image: '" + "registry.example/prowler:5.13.1@sha256:"
                + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'}",
        "resources, timeout and retries within the caps     | {tool: trivy, provider: kubernetes, timeout: 6h, backoffLimit: 3, resources: {requests: {cpu: 500m}, limits: {cpu: '4', memory: 8Gi}}}",
        "an hourly schedule                                 | {tool: trivy, provider: kubernetes, schedule: '0 * * * *'}",
        "a daily macro                                      | {tool: trivy, provider: kubernetes, schedule: '@daily'}"})
    void withinThePolicy(String what, String spec) {
        assertThat(reasons(spec)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an image by tag, even one named like the catalogue's | ImageNotAllowed     | {tool: prowler, provider: aws, image: 'registry.example/prowler:5.13.1'}",
        "a pinned image the admin did not allow               | ImageNotAllowed     | {tool: prowler, provider: aws, image: 'attacker.example/exfil@sha256:" + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'}",
        "another tool's allowed image                         | ImageNotAllowed     | {tool: trivy, provider: kubernetes, image: '" + "registry.example/prowler:5.13.1@sha256:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'}",
        "64 CPUs                                              | LimitExceeded       | {tool: trivy, provider: kubernetes, resources: {limits: {cpu: '64'}}}",
        "512Gi of memory requested                            | LimitExceeded       | {tool: trivy, provider: kubernetes, resources: {requests: {memory: 512Gi}}}",
        "a timeout of 999999h                                 | LimitExceeded       | {tool: trivy, provider: kubernetes, timeout: 999999h}",
        "ten retries                                          | LimitExceeded       | {tool: trivy, provider: kubernetes, backoffLimit: 10}",
        "every minute                                         | ScheduleTooFrequent | {tool: trivy, provider: kubernetes, schedule: '* * * * *'}",
        "every five minutes                                   | ScheduleTooFrequent | {tool: trivy, provider: kubernetes, schedule: '*/5 * * * *'}",
        "twice in one hour, then not for a day                | ScheduleTooFrequent | {tool: trivy, provider: kubernetes, schedule: '0,30 9 * * *'}"})
    void beyondThePolicy(String what, String reason, String spec) {
        assertThat(reasons(spec)).containsExactly(reason);
    }

    @Test
    void messagesNameTheFieldAndTheBoundButNeverTheValueAskedFor() {
        var spec = spec("{tool: prowler, provider: aws, image: 'attacker.example/exfil:latest', timeout: 999999h}");
        assertThat(ScanPolicyCheck.violations(spec, POLICY)).extracting(ScanPolicyCheck.Violation::message)
                .anySatisfy(m -> assertThat(m).contains("spec.image", "allowed-images"))
                .anySatisfy(m -> assertThat(m).contains("spec.timeout", "6h"))
                .allSatisfy(m -> assertThat(m).doesNotContain("attacker").doesNotContain("999999"));
    }

    @Test
    void onlyADigestPinsAnImage() {
        assertThat(ScanPolicyCheck.pinned(ALLOWED)).isTrue();
        assertThat(ScanPolicyCheck.pinned("registry.example/prowler@sha256:" + "a".repeat(64))).isTrue();
        assertThat(ScanPolicyCheck.pinned("registry.example/prowler:5.13.1")).isFalse();
        assertThat(ScanPolicyCheck.pinned("registry.example/prowler@sha256:short")).isFalse();
        assertThat(ScanPolicyCheck.pinned(null)).isFalse();
    }
}
