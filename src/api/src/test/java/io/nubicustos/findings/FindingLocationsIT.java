package io.nubicustos.findings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.nubicustos.model.finding.Severity;
import io.nubicustos.findings.ingest.RunRecorder;
import io.nubicustos.findings.ingest.RunStart;
import io.nubicustos.findings.security.ApiKeys;
import io.nubicustos.findings.security.Role;
import io.nubicustos.findings.support.Keys;
import io.nubicustos.model.finding.NormalizedFinding;
import io.nubicustos.scanner.parse.ProwlerCsvParser;
import io.nubicustos.testing.Neo4jTestResource;
import io.nubicustos.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Deduplication keeps where a finding occurred: a Prowler v2 CSV whose rows of one check differ
 * only by the user they name is one finding per check that lists every user, across the chunks of
 * a run, in the API's answer and in every export; the next run's places replace the last's.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = Neo4jTestResource.class, restrictToAnnotatedClass = false)
class FindingLocationsIT {

    static final Path FIXTURES = Path.of(System.getProperty("nubicustos.fixtures", "../../fixtures"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin");

    @Inject
    RunRecorder recorder;

    @Inject
    ApiKeys keys;

    @Inject
    AgroalDataSource db;

    String ns;
    String viewer;

    @BeforeEach
    void key() {
        ns = "places-" + System.nanoTime();
        viewer = Keys.create(keys, Role.VIEWER, ns);
    }

    /** The real v2 header and check13 row, repeated for each user: Prowler v2 writes the user in CHECK_RESULT_EXTENDED only. */
    static List<NormalizedFinding> prowlerV2(List<String> users) throws Exception {
        List<String> lines = Files.readAllLines(FIXTURES.resolve("prowler/dd_v2_many_vuln.csv"), StandardCharsets.UTF_8);
        String row = lines.stream().filter(l -> l.contains("[check13]")).findFirst().orElseThrow();
        List<String> csv = new ArrayList<>(List.of(lines.get(0)));
        for (String user : users) {
            csv.add(row.replace("User example_user has", "User " + user + " has"));
        }
        Path file = Files.createTempFile("prowler-v2", ".csv");
        file.toFile().deleteOnExit();
        Files.write(file, csv, StandardCharsets.UTF_8);
        List<NormalizedFinding> findings = new ArrayList<>();
        new ProwlerCsvParser().parse(file, findings::add);
        return findings;
    }

    UUID run(String id, List<List<NormalizedFinding>> chunks) {
        Instant at = Instant.now();
        UUID run = recorder.start(new RunStart(id, ns, "places", "uid-" + ns, "prowler", "aws", at));
        for (List<NormalizedFinding> chunk : chunks) {
            recorder.record(run, ns, chunk, at);
        }
        recorder.complete(run, "succeeded", at.plusSeconds(1));
        return run;
    }

    long findingId(String fingerprint) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select id from finding where scope = ? and fingerprint = ?")) {
            s.setString(1, ns);
            s.setString(2, fingerprint);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("the finding is stored").isTrue();
                return r.getLong(1);
            }
        }
    }

    JsonNode finding(long id) throws Exception {
        return JSON.readTree(given().header("X-API-Key", viewer).get("/api/findings/" + id).then().statusCode(200).extract().asByteArray());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void rowsThatDeduplicateKeepEveryPlaceAcrossChunksAndTheNextRunReplacesThem() throws Exception {
        List<NormalizedFinding> rows = prowlerV2(USERS);
        assertThat(rows).hasSize(USERS.size());
        assertThat(rows).extracting(NormalizedFinding::fingerprint).containsOnly(rows.get(0).fingerprint());
        // Three users in one chunk, two in the next: one finding, five places, in the report's order.
        run(ns + "-1", List.of(rows.subList(0, 3), rows.subList(3, 5)));
        long id = findingId(rows.get(0).fingerprint());
        JsonNode stored = finding(id);
        assertThat(texts(stored.get("locations"))).containsExactlyElementsOf(
                USERS.stream().map(u -> "User " + u + " has never used access key 1 since creation and not rotated it in the past 90 days").toList());
        assertThat(stored.get("locationCount").asInt()).isEqualTo(5);

        // The next run finds two users left: the others were fixed, and their places go.
        List<NormalizedFinding> left = prowlerV2(List.of("bob", "erin"));
        run(ns + "-2", List.of(left));
        JsonNode after = finding(id);
        assertThat(texts(after.get("locations"))).hasSize(2).allMatch(p -> p.contains("bob") || p.contains("erin"));
        assertThat(after.get("locationCount").asInt()).isEqualTo(2);

        // A page carries the count, not the list (pages stay small, like their texts).
        JsonNode page = JSON.readTree(given().header("X-API-Key", viewer).get("/api/findings").then().statusCode(200).extract().asByteArray());
        JsonNode item = page.get("items").get(0);
        assertThat(item.has("locations")).isFalse();
        assertThat(item.get("locationCount").asInt()).isEqualTo(2);
    }

    @Test
    void aChunkResentChangesNothingAndRepeatsCountOnce() throws Exception {
        List<NormalizedFinding> rows = prowlerV2(List.of("alice", "bob", "alice"));
        run(ns + "-1", List.of(rows, rows.subList(0, 2)));
        JsonNode stored = finding(findingId(rows.get(0).fingerprint()));
        assertThat(texts(stored.get("locations"))).hasSize(2);
        assertThat(stored.get("locationCount").asInt()).isEqualTo(2);
    }

    @Test
    void beyondOneHundredPlacesTheFirstAreListedAndAllAreCounted() throws Exception {
        NormalizedFinding base = NormalizedFinding.of("kubescape", "C-0017", Severity.MEDIUM, "Immutable container filesystem", null, null,
                "kubernetes", "cluster", null, "team-a", "Deployment", "Deployment/team-a/web", Map.of());
        List<NormalizedFinding> first = IntStream.range(0, 70).mapToObj(i -> base.at("spec.containers[" + i + "].securityContext")).toList();
        List<NormalizedFinding> second = IntStream.range(70, 150).mapToObj(i -> base.at("spec.containers[" + i + "].securityContext")).toList();
        run(ns + "-1", List.of(first, second));
        JsonNode stored = finding(findingId(base.fingerprint()));
        List<String> listed = texts(stored.get("locations"));
        assertThat(listed).hasSize(100).startsWith("spec.containers[0].securityContext").endsWith("spec.containers[99].securityContext");
        assertThat(stored.get("locationCount").asInt()).isEqualTo(150);
    }

    @Test
    void everyExportCarriesThePlaces() throws Exception {
        List<NormalizedFinding> rows = prowlerV2(USERS);
        run(ns + "-1", List.of(rows));
        for (String format : List.of("json", "ndjson", "csv", "sarif", "ocsf")) {
            String body = given().header("X-API-Key", viewer).get("/api/exports/findings?format=" + format).then().statusCode(200).extract()
                    .asString();
            for (String user : USERS) {
                assertThat(body).as(format + " names " + user).contains("User " + user + " has never used");
            }
        }
        JsonNode ocsf = JSON.readTree(given().header("X-API-Key", viewer).get("/api/exports/findings?format=ocsf").then().extract().asByteArray());
        assertThat(ocsf.get(0).at("/unmapped/location_count").asInt()).isEqualTo(USERS.size());
        JsonNode sarif = JSON.readTree(given().header("X-API-Key", viewer).get("/api/exports/findings?format=sarif").then().extract().asByteArray());
        assertThat(texts(sarif.at("/runs/0/results/0/properties/locations"))).hasSize(USERS.size());
    }
}
