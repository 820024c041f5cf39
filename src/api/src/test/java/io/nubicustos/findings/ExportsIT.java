package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.findings.support.Plant;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.scanner.parse.ProwlerOcsfParser;
import io.nubicustos.scanner.parse.ReportFormat;
import io.nubicustos.scanner.parse.ReportFormatDetector;
import io.nubicustos.scanner.parse.SarifParser;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Exports in every format, checked the way their consumers would read them: SARIF and OCSF are
 * read back by the scanner's parsers for the real tools' files, and their shape is compared with
 * the real samples in fixtures/.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class ExportsIT {

    static final Path FIXTURES = Path.of(System.getProperty("nubicustos.fixtures", "../../fixtures"));
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RunRecorder recorder;

    @Inject
    ApiKeys keys;

    Path tmp;

    String ns;
    String viewer;
    List<NormalizedFinding> planted;

    @BeforeEach
    void plant() throws IOException {
        // @TempDir is not injected into @QuarkusTest instances.
        tmp = Files.createTempDirectory("exports");
        tmp.toFile().deleteOnExit();
        ns = "exports-" + System.nanoTime();
        viewer = Keys.create(keys, Role.VIEWER, ns);
        planted = new ArrayList<>(Plant.spread(ns, 30));
        // Text a spreadsheet would execute, and a finding in a file.
        planted.add(NormalizedFinding.of("checkov", "CKV_AWS_20", Severity.HIGH, "=HYPERLINK(\"http://evil\",\"click\")", "d, with \"quotes\"\nand a newline",
                null, "aws", null, null, null, "terraform", "main.tf:12#aws_s3_bucket.logs", Map.of()));
        Plant.run(recorder, ns, "exports", ns + "-1", Instant.now(), planted);
    }

    Path export(String format) throws IOException {
        byte[] body = given().header("X-API-Key", viewer).get("/api/exports/findings?format=" + format).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")).extract().asByteArray();
        Path file = tmp.resolve("export." + format);
        Files.write(file, body);
        return file;
    }

    @Test
    void sarifIsReadBackByTheSarifParserAndHasTheSamplesShape() throws Exception {
        Path file = export("sarif");
        assertThat(ReportFormatDetector.detect(file)).isEqualTo(ReportFormat.SARIF);
        List<NormalizedFinding> read = new ArrayList<>();
        new SarifParser().parse(file, read::add);
        assertThat(read).hasSize(planted.size());
        assertThat(read).extracting(NormalizedFinding::checkId).containsExactlyInAnyOrderElementsOf(planted.stream().map(NormalizedFinding::checkId).toList());
        // The parser maps SARIF levels back: error → high, warning → medium, note → low.
        assertThat(read.stream().filter(f -> f.checkId().equals("CKV_AWS_20")).findFirst().orElseThrow().resource()).isEqualTo("main.tf:12");

        JsonNode ours = JSON.readTree(file.toFile());
        JsonNode sample = JSON.readTree(FIXTURES.resolve("sarif/trivy_alpine-310.sarif").toFile());
        assertThat(ours.get("version").asText()).isEqualTo(sample.get("version").asText()).isEqualTo("2.1.0");
        assertThat(ours.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode result = ours.at("/runs/0/results/0");
        JsonNode sampleResult = sample.at("/runs/0/results/0");
        assertThat(fields(result)).containsAll(List.of("ruleId", "level", "message", "locations"));
        assertThat(fields(sampleResult)).containsAll(List.of("ruleId", "level", "message", "locations"));
        assertThat(result.at("/message/text").isTextual()).isTrue();
        assertThat(Set.of("error", "warning", "note", "none")).contains(result.get("level").asText());
    }

    @Test
    void ocsfIsReadBackByTheProwlerParserAndHasTheSamplesFields() throws Exception {
        Path file = export("ocsf");
        assertThat(ReportFormatDetector.detect(file)).isEqualTo(ReportFormat.PROWLER_OCSF);
        List<NormalizedFinding> read = new ArrayList<>();
        new ProwlerOcsfParser().parse(file, read::add);
        assertThat(read).hasSize(planted.size());
        // Same checks on the same resources of the same accounts (fingerprints differ: the parser credits Prowler).
        assertThat(read).extracting(f -> f.checkId() + "|" + f.resource() + "|" + f.account())
                .containsExactlyInAnyOrderElementsOf(planted.stream().map(f -> f.checkId() + "|" + f.resource() + "|" + f.account()).toList());
        assertThat(read).extracting(NormalizedFinding::severity)
                .containsExactlyInAnyOrderElementsOf(planted.stream().map(NormalizedFinding::severity).toList());

        JsonNode ours = JSON.readTree(file.toFile()).get(0);
        JsonNode sample = JSON.readTree(FIXTURES.resolve("prowler/upstream_example_output_aws.ocsf.json").toFile()).get(0);
        // Every top-level field we write is one the real OCSF sample has, with the same JSON type.
        for (String field : fields(ours)) {
            assertThat(sample.has(field)).as("sample has " + field).isTrue();
            assertThat(ours.get(field).getNodeType()).as(field).isEqualTo(sample.get(field).getNodeType());
        }
        for (String constant : List.of("class_uid", "category_uid", "type_uid", "activity_id", "class_name", "category_name")) {
            assertThat(ours.get(constant)).as(constant).isEqualTo(sample.get(constant));
        }
        assertThat(ours.at("/metadata/version").asText()).isEqualTo(sample.at("/metadata/version").asText());
    }

    @Test
    void csvHasOneRowPerFindingAndDefusesFormulas() throws Exception {
        Path file = export("csv");
        CsvMapper csv = new CsvMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(planted.size());
        Map<String, String> hostile = rows.stream().filter(r -> r.get("check_id").equals("CKV_AWS_20")).findFirst().orElseThrow();
        assertThat(hostile.get("title")).isEqualTo("'=HYPERLINK(\"http://evil\",\"click\")");
        assertThat(rows.get(0).keySet()).contains("id", "severity", "status", "resource", "compliance", "fingerprint");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("scope")).isEqualTo(ns));
        // Compliance is the mapping as JSON, exactly as stored.
        Map<String, String> withCompliance = rows.stream().filter(r -> !r.get("compliance").isEmpty()).findFirst().orElseThrow();
        assertThat(JSON.readTree(withCompliance.get("compliance")).get("CIS-3.0").isArray()).isTrue();
        assertThat(withCompliance.get("first_seen")).endsWith("Z");
    }

    @Test
    void jsonAndNdjsonHoldTheSameFindings() throws Exception {
        JsonNode array = JSON.readTree(export("json").toFile());
        assertThat(array.size()).isEqualTo(planted.size());
        Set<Long> ids = new HashSet<>();
        array.forEach(n -> ids.add(n.get("id").asLong()));
        List<String> lines = Files.readAllLines(export("ndjson"));
        assertThat(lines).hasSize(planted.size());
        Set<Long> lineIds = new HashSet<>();
        for (String line : lines) {
            lineIds.add(JSON.readTree(line).get("id").asLong());
        }
        assertThat(lineIds).isEqualTo(ids);
        // Filters apply to exports as to lists.
        JsonNode critical = JSON.readTree(given().header("X-API-Key", viewer).get("/api/exports/findings?format=json&severity=critical")
                .then().statusCode(200).extract().asByteArray());
        assertThat(critical.size()).isEqualTo(planted.stream().filter(f -> f.severity() == Severity.CRITICAL).count());
        // And every export is on the audit trail.
        assertThat(given().header("X-API-Key", Keys.BOOTSTRAP).get("/api/audit?action=export_requested&limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("items.detail.keyScope", String.class)).contains(ns);
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
