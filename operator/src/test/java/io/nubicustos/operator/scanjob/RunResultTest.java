package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.nubicustos.api.v1alpha1.scanjob.FindingCounts;
import io.nubicustos.model.ingest.CompletionResult;

/** The counts a ScanJob shows are the findings API's answer, as the scanner leaves it in the pod's termination message. */
class RunResultTest {

    @Test
    void theApisCompletionAnswerGivesTheCounts() throws Exception {
        String message = new ObjectMapper().writeValueAsString(new CompletionResult("g1", "succeeded", 9, 1, 2, 3, 2, 1, 4));
        FindingCounts counts = RunResult.counts(message).orElseThrow();
        assertThat(counts.getCritical()).isEqualTo(1);
        assertThat(counts.getHigh()).isEqualTo(2);
        assertThat(counts.getMedium()).isEqualTo(3);
        assertThat(counts.getLow()).isEqualTo(2);
        assertThat(counts.getInfo()).isEqualTo(1);
    }

    @Test
    void aScannerOfThePreviousReleaseIsStillRead() {
        FindingCounts counts = RunResult.counts("{\"critical\":1,\"high\":0,\"medium\":0,\"low\":2,\"info\":0,\"total\":3}").orElseThrow();
        assertThat(counts.getCritical()).isEqualTo(1);
        assertThat(counts.getLow()).isEqualTo(2);
    }

    @Test
    void anythingElseGivesNoCounts() {
        assertThat(RunResult.counts("OOMKilled")).isEmpty();
        assertThat(RunResult.counts("[1,2]")).isEmpty();
        assertThat(RunResult.counts("x".repeat(5000))).isEmpty();
        assertThat(RunResult.counts("{\"critical\":-5}").orElseThrow().getCritical()).isZero();
    }
}
