package io.nubicustos.findings.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.findings.http.Conflict;

class KubernetesFailureTest {

    @Test
    void aConflictSaysWhatTheCallerNamedNeverTheServersText() {
        RuntimeException e = KubernetesFailure.of(new KubernetesClientException("scanjobs \"PLANTED\" already exists", 409, null),
                "the ScanJob changed while it was being suspended: retry");
        assertThat(e).isInstanceOf(Conflict.class).hasMessage("the ScanJob changed while it was being suspended: retry");
    }
}
