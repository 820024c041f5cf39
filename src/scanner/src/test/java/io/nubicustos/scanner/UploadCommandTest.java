package io.nubicustos.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.nubicustos.scanner.parse.Fixtures;
import picocli.CommandLine;

/**
 * A tool that wrote no report, an empty one, or one that proves no scan ran fails the run before
 * anything reaches the API; a report of a clean scan completes it declaring an empty result.
 */
class UploadCommandTest {

    @TempDir
    Path tmp;

    HttpServer server;
    /** Every request the fake API received: path and body. */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final StringWriter err = new StringWriter();
    /** What the fake API answers a completion with. */
    volatile String completion = "{}";

    @BeforeEach
    void api() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = (exchange.getRequestURI().getPath().endsWith("/complete") ? completion : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    int upload(String tool, Path report, String... options) throws IOException {
        Path token = Files.writeString(tmp.resolve("token"), "v1.token.signature");
        CommandLine cli = ScannerCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("upload", "--api-url", "http://127.0.0.1:" + server.getAddress().getPort(), "--run-id",
                "run-1", "--token-file", token.toString(), "--tool", tool, "--max-attempts", "1", "--termination-log",
                tmp.resolve("termination").toString()));
        args.addAll(List.of(options));
        args.add(report.toString());
        return cli.execute(args.toArray(String[]::new));
    }

    void assertRefusedBeforeAnyUpload(String tool, Path report, String problem) throws IOException {
        assertThat(upload(tool, report)).isEqualTo(ScannerCommand.BAD_INPUT);
        assertThat(err.toString()).contains(report + ": " + problem);
        assertThat(requests).as("nothing sent, nothing completed").isEmpty();
        assertThat(tmp.resolve("termination")).doesNotExist();
    }

    @Test
    void aMissingReportFailsTheRunNamingTheFile() throws IOException {
        assertRefusedBeforeAnyUpload("prowler", tmp.resolve("report.ocsf.json"), "does not exist: the tool wrote no report");
    }

    @Test
    void aZeroByteOrBlankReportFailsTheRun() throws IOException {
        assertRefusedBeforeAnyUpload("trivy", Files.createFile(tmp.resolve("empty.json")), "is empty");
        assertRefusedBeforeAnyUpload("trivy", Files.writeString(tmp.resolve("blank.json"), " \n\t\n"), "is empty");
    }

    @Test
    void aReportWithoutAnyResultOfAToolThatWritesEveryCheckFailsTheRun() throws IOException {
        Path checkov = Files.writeString(tmp.resolve("checkov.json"),
                "{\"check_type\":\"terraform\",\"results\":{\"passed_checks\":[],\"failed_checks\":[],\"skipped_checks\":[]},\"summary\":{}}");
        assertRefusedBeforeAnyUpload("checkov", checkov, "holds no results: checkov writes every check it ran");
    }

    @Test
    void aSarifLogWhoseRunsHaveNoResultsFailsTheRun() throws IOException {
        Path sarif = Files.writeString(tmp.resolve("none.sarif"), "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"semgrep\"}}}]}");
        assertRefusedBeforeAnyUpload("semgrep", sarif, "is a SARIF log without results in any run");
    }

    @Test
    void aTrivyReportThatScannedNoTargetFailsTheRun() throws IOException {
        Path trivy = Files.writeString(tmp.resolve("trivy.json"), "{\"SchemaVersion\":2,\"ArtifactName\":\"registry.example/app:1\"}");
        assertRefusedBeforeAnyUpload("trivy", trivy, "is a Trivy report without any scanned target");
    }

    @Test
    void anotherToolsReportIsNotThisToolsScan() throws IOException {
        assertRefusedBeforeAnyUpload("prowler", Fixtures.dir().resolve("trivy/upstream_alpine-310.json"),
                "is a trivy-json report, which prowler does not write");
    }

    @Test
    void aCleanScanCompletesDeclaringAnEmptyResult() throws IOException {
        Path sarif = Files.writeString(tmp.resolve("clean.sarif"),
                "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"semgrep\"}},\"results\":[]}]}");
        assertThat(upload("semgrep", sarif)).isZero();
        assertThat(requests).containsExactly("/api/ingest/runs/run-1/complete {\"outcome\":\"succeeded\",\"chunks\":0,\"emptyResult\":true}");

        requests.clear();
        Path trivy = Files.writeString(tmp.resolve("clean-trivy.json"), "{\"SchemaVersion\":2,\"ArtifactName\":\"registry.example/app:1\","
                + "\"Results\":[{\"Target\":\"registry.example/app:1 (alpine 3.20.3)\",\"Class\":\"os-pkgs\",\"Type\":\"alpine\"}]}");
        assertThat(upload("trivy", trivy)).isZero();
        assertThat(requests).containsExactly("/api/ingest/runs/run-1/complete {\"outcome\":\"succeeded\",\"chunks\":0,\"emptyResult\":true}");
    }

    @Test
    void aReportWithFindingsCompletesWithoutDeclaringAnEmptyResult() throws IOException {
        assertThat(upload("trivy", Fixtures.dir().resolve("trivy/upstream_alpine-310.json"))).isZero();
        assertThat(requests).isNotEmpty();
        assertThat(requests.get(requests.size() - 1)).startsWith("/api/ingest/runs/run-1/complete ").endsWith(",\"emptyResult\":false}");
    }

    @Test
    void theRunSummaryExplainsFindingsSkippedRepeatedOrBelowTheThreshold() throws IOException {
        // Two failed entries name nothing, one repeats another's check and package, one is low.
        Path trivy = Files.writeString(tmp.resolve("trivy.json"), """
                {"SchemaVersion": 2, "ArtifactName": "app:1", "Results": [{"Target": "app:1 (alpine 3.20)", "Vulnerabilities": [
                  {"VulnerabilityID": "CVE-2024-1", "PkgName": "zlib", "InstalledVersion": "1", "Severity": "HIGH"},
                  {"VulnerabilityID": "CVE-2024-1", "PkgName": "zlib", "InstalledVersion": "1", "Severity": "HIGH"},
                  {"VulnerabilityID": "CVE-2024-2", "PkgName": "musl", "InstalledVersion": "1", "Severity": "LOW"},
                  {}, {"Severity": "CRITICAL"}]}]}
                """);

        assertThat(upload("trivy", trivy, "--severity-threshold=high")).isZero();

        assertThat(err.toString()).contains(trivy + ": trivy-json, 3 findings, 0 passed or manual, "
                + "2 skipped (not a failed check, or nothing to name a finding by), 1 repeat another finding's check and resource (stored once)")
                .contains(trivy + ": 1 findings below the severity threshold high not uploaded");
    }

    @Test
    void theTerminationMessageIsTheApisAnswerWithItsCounts() throws Exception {
        completion = "{\"runId\":\"run-1\",\"outcome\":\"succeeded\",\"findings\":4,\"critical\":1,\"high\":3,\"medium\":0,\"low\":0,"
                + "\"info\":0,\"resolved\":0}";
        Path report = io.nubicustos.scanner.parse.Fixtures.dir().resolve("kubescape/dd_with_a_failure.json");

        assertThat(upload("kubescape", report)).isEqualTo(ScannerCommand.OK);

        com.fasterxml.jackson.databind.JsonNode message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("termination").toFile());
        assertThat(message.get("findings").asLong()).isEqualTo(4);
        assertThat(message.get("critical").asLong()).isEqualTo(1);
        assertThat(message.get("high").asLong()).isEqualTo(3);
    }
}
