package io.nubicustos.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;

class ReconcileFailureTest {

    static final String INPUT = "spec.cidr 10.60.0.0/24 of rbac: aws_secret_access_key=wJalrXUtnFEMI";

    @Test
    void anApiServerAnswerGivesItsCodeAndNothingOfTheMessage() {
        String message = ReconcileFailure.describe(new KubernetesClientException(INPUT, 409, null));
        assertThat(message).contains("409").doesNotContain("10.60").doesNotContain("wJal").doesNotContain("rbac");
    }

    @Test
    void theWorkflowsAggregateIsOpenedAndWrappedClientErrorsFound() {
        var aggregate = new AggregatedOperatorException(INPUT,
                Map.of("policies", new IllegalStateException(INPUT, new KubernetesClientException(INPUT, 403, null))));
        assertThat(ReconcileFailure.describe(aggregate)).contains("403").doesNotContain("10.60");
    }

    @Test
    void anyOtherFailureNamesOnlyItsKind() {
        assertThat(ReconcileFailure.describe(new IllegalArgumentException(INPUT)))
                .isEqualTo("the last reconcile failed (IllegalArgumentException); it is retried");
    }
}
