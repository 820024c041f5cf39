package io.nubicustos.findings.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.ingest.RunStart;
import io.nubicustos.model.finding.NormalizedFinding;

/** Plants runs and findings through the real ingest path, so tests read what a scan would have written. */
public final class Plant {

    private Plant() {
    }

    public static NormalizedFinding finding(String tool, String check, Severity severity, String provider, String account, String resource,
            Map<String, List<String>> compliance) {
        return NormalizedFinding.of(tool, check, severity, "Title of " + check, "Description of " + check, "Fix " + check, provider, account,
                provider.equals("kubernetes") ? null : "eu-west-1", provider.equals("kubernetes") ? "team-a" : null,
                provider.equals("kubernetes") ? "Pod" : "AwsS3Bucket", resource, compliance);
    }

    /** {@code count} distinct findings with a spread of severities, checks and resources. */
    public static List<NormalizedFinding> spread(String prefix, int count) {
        List<NormalizedFinding> findings = new ArrayList<>();
        Severity[] severities = Severity.values();
        for (int i = 0; i < count; i++) {
            findings.add(finding(i % 3 == 0 ? "trivy" : "prowler", prefix + "_check_" + (i % 7), severities[i % severities.length],
                    i % 2 == 0 ? "aws" : "kubernetes", "123456789012", "arn:aws:s3:::" + prefix + "-bucket-" + i,
                    Map.of("CIS-3.0", List.of("1." + (i % 5)))));
        }
        return findings;
    }

    /** One complete run of a ScanJob that saw {@code findings}. */
    public static UUID run(RunRecorder recorder, String namespace, String scanJob, String runId, Instant at, List<NormalizedFinding> findings) {
        UUID run = recorder.start(new RunStart(runId, namespace, scanJob, UUID.randomUUID().toString(), "prowler", "aws", at));
        recorder.record(run, namespace, findings, at);
        recorder.complete(run, "succeeded", at.plusSeconds(60));
        return run;
    }
}
