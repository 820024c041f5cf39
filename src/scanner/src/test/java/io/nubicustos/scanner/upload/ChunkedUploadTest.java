package io.nubicustos.scanner.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nubicustos.api.v1alpha1.common.Severity;
import io.nubicustos.model.finding.NormalizedFinding;

class ChunkedUploadTest {

    /**
     * Re-sent chunks must be byte-identical for the API to recognize them, but a finding's
     * compliance map (Map.copyOf) iterates in an order that changes from one JVM to the next.
     */
    @Test
    void chunksAreSerializedWithSortedKeys() throws Exception {
        Map<String, List<String>> compliance = new HashMap<>();
        for (String framework : List.of("SOC2", "CIS-3.0", "PCI-4.0", "NIST-800-53", "ISO27001", "HIPAA", "GDPR", "MITRE")) {
            compliance.put(framework, List.of("1"));
        }
        NormalizedFinding finding = NormalizedFinding.of("prowler", "s3_check", Severity.HIGH, "t", "d", "r", "aws", "123456789012",
                "eu-west-1", null, "AwsS3Bucket", "arn:aws:s3:::b", compliance);
        String json = new String(ChunkedUpload.JSON.writeValueAsBytes(Map.of("findings", List.of(finding), "tool", "prowler")));
        assertThat(json).startsWith("{\"findings\"");
        int previous = -1;
        for (String framework : List.of("CIS-3.0", "GDPR", "HIPAA", "ISO27001", "MITRE", "NIST-800-53", "PCI-4.0", "SOC2")) {
            int at = json.indexOf("\"" + framework + "\"");
            assertThat(at).as(framework).isGreaterThan(previous);
            previous = at;
        }
    }

    @Test
    void countsBySeverityAreWhatTheOperatorReads() {
        ChunkedUpload upload = new ChunkedUpload(null, "prowler", "aws", 1000);
        upload.add(NormalizedFinding.of("prowler", "a", Severity.CRITICAL, "t", null, null, "aws", "1", null, null, null, "r1", Map.of()));
        upload.add(NormalizedFinding.of("prowler", "b", Severity.LOW, "t", null, null, "aws", "1", null, null, null, "r2", Map.of()));
        upload.add(NormalizedFinding.of("prowler", "c", Severity.LOW, "t", null, null, "aws", "1", null, null, null, "r3", Map.of()));
        assertThat(upload.countsJson()).isEqualTo("{\"critical\":1,\"high\":0,\"medium\":0,\"low\":2,\"info\":0,\"total\":3}");
    }
}
