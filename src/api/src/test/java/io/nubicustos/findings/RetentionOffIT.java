package io.nubicustos.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nubicustos.findings.finding.FindingFilter;
import io.nubicustos.findings.finding.FindingQuery;
import io.nubicustos.findings.finding.FindingRepository;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.retention.RetentionJob;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Retention is off unless configured: nothing is deleted, however old. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class RetentionOffIT {

    @Inject
    RunRecorder recorder;

    @Inject
    RetentionJob retention;

    @Inject
    FindingRepository findings;

    @Test
    void offByDefault() throws Exception {
        String ns = "kept-" + System.nanoTime();
        Plant.run(recorder, ns, "ancient", ns + "-1", Instant.now().minus(3650, ChronoUnit.DAYS), Plant.spread(ns, 4));
        assertThat(retention.purge()).isEqualTo(new RetentionJob.Purged(0, 0));
        assertThat(findings.stream(FindingQuery.of(FindingFilter.none(), java.util.Optional.of(ns), ""), row -> { })).isEqualTo(4);
    }
}
