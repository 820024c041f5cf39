package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.nubicustos.api.v1alpha1.scanjob.RunSummary;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;

class RunPlannerTest {

    static final Instant CREATED = Instant.parse("2026-11-23T00:00:00Z");

    static ScanJob scan(String extra) {
        return TestCatalog.scanJob("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: s, namespace: security}
                spec: {tool: kubescape, provider: kubernetes%s}
                """.formatted(extra));
    }

    static RunSummary last(String id, String scheduledAt) {
        RunSummary run = new RunSummary();
        run.setId(id);
        run.setScheduledAt(scheduledAt);
        return run;
    }

    @Test
    void twoScanJobsFirstRunsUploadUnderDifferentIdsThoughBothAreG1() {
        ScanJob a = scan("");
        a.getMetadata().setUid("0b7f6c1e-aaaa-4bbb-8ccc-000000000001");
        ScanJob b = scan("");
        b.getMetadata().setNamespace("other-team");
        b.getMetadata().setUid("0b7f6c1e-aaaa-4bbb-8ccc-000000000002");

        ScanRun runA = ScanRun.forGeneration(a);
        ScanRun runB = ScanRun.forGeneration(b);
        assertThat(runA.id()).isEqualTo(runB.id()).isEqualTo("g1");
        assertThat(runA.uploadId()).isEqualTo("0b7f6c1e-aaaa-4bbb-8ccc-000000000001-g1").isNotEqualTo(runB.uploadId());
        assertThat(ScanRun.forGeneration(a).uploadId()).as("deterministic, like the Job name").isEqualTo(runA.uploadId());
    }

    @Test
    void withoutScheduleEachGenerationRunsOnce() {
        ScanJob scanJob = scan("");
        assertThat(RunPlanner.plan(scanJob, null, CREATED).due()).get().extracting(ScanRun::id).isEqualTo("g1");
        assertThat(RunPlanner.plan(scanJob, last("g1", null), CREATED.plusSeconds(3600)).due()).isEmpty();
        scanJob.getMetadata().setGeneration(2L);
        assertThat(RunPlanner.plan(scanJob, last("g1", null), CREATED).due()).get().extracting(ScanRun::id).isEqualTo("g2");
    }

    @Test
    void aScheduleRunsEachSlotOnceAndNeverBeforeTheScanJobExisted() {
        ScanJob scanJob = scan(", schedule: '0 * * * *'");
        Instant at = Instant.parse("2026-11-23T00:30:00Z");
        var plan = RunPlanner.plan(scanJob, null, at);
        assertThat(plan.due()).get().extracting(ScanRun::scheduledAt).isEqualTo(CREATED);
        assertThat(plan.nextRunAt()).contains(Instant.parse("2026-11-23T01:00:00Z"));
        assertThat(RunPlanner.plan(scanJob, last("s20261123-0000", "2026-11-23T00:00:00Z"), at).due()).isEmpty();
        assertThat(RunPlanner.plan(scanJob, last("s20261123-0000", "2026-11-23T00:00:00Z"), Instant.parse("2026-11-23T01:00:05Z"))
                .due()).get().extracting(ScanRun::id).isEqualTo("s20261123-0100");

        scanJob.getMetadata().setCreationTimestamp("2026-11-23T00:10:00Z");
        assertThat(RunPlanner.plan(scanJob, null, at).due()).as("the 00:00 slot predates the ScanJob").isEmpty();
    }

    @Test
    void aSlotMissedBeyondTheStartingDeadlineIsSkipped() {
        ScanJob scanJob = scan(", schedule: '0 * * * *', startingDeadlineSeconds: 300");
        assertThat(RunPlanner.plan(scanJob, null, Instant.parse("2026-11-23T00:04:00Z")).due()).isPresent();
        assertThat(RunPlanner.plan(scanJob, null, Instant.parse("2026-11-23T00:06:00Z")).due()).isEmpty();
    }
}
