package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.nubicustos.api.v1alpha1.scanjob.ScanPolicy;
import io.nubicustos.api.v1alpha1.scanjob.Tool;
import io.nubicustos.operator.config.ScanPolicies;

/** The operator's scan policy from its configuration: a tool's own caps replace everyone's, for that tool only. */
class ScanPoliciesTest {

    @Test
    void aToolsOwnCapsReplaceTheGlobalOnesForThatToolOnly() {
        ScanPolicy policy = ScanPolicies.of(TestCatalog.settings(Map.of(
                "nubicustos.scan.tools.checkov.limits.max-cpu", "500m",
                "nubicustos.scan.tools.checkov.limits.max-timeout", "30m")));

        ScanPolicy.Caps checkov = policy.caps(Tool.CHECKOV);
        assertThat(checkov.maxCpu()).isEqualTo(new Quantity("500m"));
        assertThat(checkov.maxTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(checkov.maxMemory()).as("not set for the tool: everyone's").isEqualTo(new Quantity("8Gi"));
        assertThat(policy.caps(Tool.TRIVY).maxCpu()).isEqualTo(new Quantity("4"));
        assertThat(policy.caps(Tool.TRIVY).maxTimeout()).isEqualTo(Duration.ofHours(6));
    }
}
