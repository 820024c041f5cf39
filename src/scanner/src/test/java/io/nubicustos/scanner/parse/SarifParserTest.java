package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nubicustos.model.finding.Severity;
import io.nubicustos.model.finding.NormalizedFinding;

/**
 * SARIF logs written to the SARIF 2.1.0 specification (OASIS, 27 March 2020; section numbers
 * given per test), each the smallest the schema allows for the case, and the producers' own logs
 * in fixtures/sarif.
 */
class SarifParserTest {

    @TempDir
    Path tmp;

    final List<NormalizedFinding> findings = new ArrayList<>();

    ReportParser.ParseSummary parse(String json) throws IOException, ReportException {
        Path file = Files.writeString(tmp.resolve("log.sarif"), json);
        return new SarifParser().parse(file, findings::add);
    }

    static String log(String tool, String results) {
        return "{\"version\":\"2.1.0\",\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"runs\":[{\"tool\":" + tool
                + ",\"results\":" + results + "}]}";
    }

    static String result(String fields) {
        return "{" + fields + (fields.isEmpty() ? "" : ",") + "\"message\":{\"text\":\"m\"},"
                + "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"src/a.js\"},\"region\":{\"startLine\":3}}}]}";
    }

    /** 3.27.10: no result.level falls back to the rule's defaultConfiguration.level (3.49.14, 3.50.3), then to warning. */
    @Test
    void aResultWithoutLevelTakesItsRulesDefaultLevelThenWarning() throws Exception {
        String tool = "{\"driver\":{\"name\":\"Scanner\",\"rules\":["
                + "{\"id\":\"R-ERROR\",\"defaultConfiguration\":{\"level\":\"error\"}},"
                + "{\"id\":\"R-NOTE\",\"defaultConfiguration\":{\"level\":\"note\"}},"
                + "{\"id\":\"R-PLAIN\"}]}}";
        parse(log(tool, "[" + result("\"ruleId\":\"R-ERROR\"") + "," + result("\"ruleId\":\"R-NOTE\"") + ","
                + result("\"ruleId\":\"R-PLAIN\"") + "," + result("\"ruleId\":\"R-UNDESCRIBED\"") + ","
                + result("\"ruleId\":\"R-ERROR\",\"level\":\"note\"") + "]"));

        assertThat(findings).extracting(NormalizedFinding::severity)
                .containsExactly(Severity.HIGH, Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.LOW);
    }

    /**
     * A CodeQL-like log: CodeQL and GitHub code scanning put a CVSS score on security rules as
     * properties.security-severity (3.8 property bags), which decides over the level.
     */
    @Test
    void codeqlSecuritySeverityDecidesOverTheLevel() throws Exception {
        String tool = "{\"driver\":{\"name\":\"CodeQL\",\"semanticVersion\":\"2.15.0\",\"rules\":["
                + "{\"id\":\"js/sql-injection\",\"name\":\"js/sql-injection\",\"shortDescription\":{\"text\":\"Database query built from user-controlled sources\"},"
                + "\"defaultConfiguration\":{\"level\":\"error\"},\"properties\":{\"security-severity\":\"9.8\",\"tags\":[\"security\"]}},"
                + "{\"id\":\"js/xss\",\"name\":\"js/xss\",\"defaultConfiguration\":{\"level\":\"error\"},\"properties\":{\"security-severity\":\"7.0\"}},"
                + "{\"id\":\"js/weak-crypto\",\"defaultConfiguration\":{\"level\":\"warning\"},\"properties\":{\"security-severity\":\"4.0\"}},"
                + "{\"id\":\"js/log-injection\",\"defaultConfiguration\":{\"level\":\"error\"},\"properties\":{\"security-severity\":\"3.9\"}},"
                + "{\"id\":\"js/unused-local-variable\",\"defaultConfiguration\":{\"level\":\"note\"},\"properties\":{\"tags\":[\"maintainability\"]}}]}}";
        parse(log(tool, "[" + result("\"ruleId\":\"js/sql-injection\",\"ruleIndex\":0,\"level\":\"error\"") + ","
                + result("\"ruleId\":\"js/xss\",\"ruleIndex\":1") + "," + result("\"ruleId\":\"js/weak-crypto\",\"ruleIndex\":2,\"level\":\"warning\"")
                + "," + result("\"ruleId\":\"js/log-injection\",\"ruleIndex\":3,\"level\":\"error\"") + ","
                + result("\"ruleId\":\"js/unused-local-variable\",\"ruleIndex\":4") + "]"));

        assertThat(findings).extracting(NormalizedFinding::severity)
                .containsExactly(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.LOW);
        assertThat(findings.get(0).title()).isEqualTo("Database query built from user-controlled sources");
        assertThat(findings.get(1).title()).as("the rule's name when it has no shortDescription").isEqualTo("js/xss");
        assertThat(findings).allSatisfy(f -> assertThat(f.tool()).isEqualTo("codeql"));
    }

    /** 3.27.6: ruleIndex alone (no ruleId) finds the rule in tool.driver.rules; the rule gives id, title and level. */
    @Test
    void ruleIndexAloneFindsTheRule() throws Exception {
        String tool = "{\"driver\":{\"name\":\"Scanner\",\"rules\":[{\"id\":\"FIRST\",\"shortDescription\":{\"text\":\"first\"}},"
                + "{\"id\":\"SECOND\",\"shortDescription\":{\"text\":\"Second rule\"},\"defaultConfiguration\":{\"level\":\"error\"}}]}}";
        parse(log(tool, "[" + result("\"ruleIndex\":1") + "]"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("SECOND");
            assertThat(f.title()).isEqualTo("Second rule");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.resource()).isEqualTo("src/a.js:3");
        });
    }

    /**
     * 3.18.3, 3.52.7, 3.54: rules of a plugin live in tool.extensions[].rules; a result reaches them
     * through rule.toolComponent, or by its ruleId alone.
     */
    @Test
    void rulesOfToolExtensionsAreFound() throws Exception {
        String tool = "{\"driver\":{\"name\":\"Host\",\"rules\":[{\"id\":\"H1\",\"defaultConfiguration\":{\"level\":\"note\"}}]},"
                + "\"extensions\":[{\"name\":\"plugin\",\"rules\":["
                + "{\"id\":\"P1\",\"shortDescription\":{\"text\":\"Plugin rule one\"},\"defaultConfiguration\":{\"level\":\"error\"}},"
                + "{\"id\":\"P2\",\"shortDescription\":{\"text\":\"Plugin rule two\"},\"properties\":{\"security-severity\":\"9.1\"}}]}]}";
        parse(log(tool, "[" + result("\"ruleId\":\"P1\",\"rule\":{\"id\":\"P1\",\"index\":0,\"toolComponent\":{\"index\":0}}") + ","
                + result("\"rule\":{\"index\":1,\"toolComponent\":{\"name\":\"plugin\"}}") + "," + result("\"ruleId\":\"P1\"") + ","
                + result("\"ruleId\":\"H1\",\"ruleIndex\":0") + "]"));

        assertThat(findings).extracting(NormalizedFinding::checkId).containsExactly("P1", "P2", "P1", "H1");
        assertThat(findings).extracting(NormalizedFinding::severity)
                .containsExactly(Severity.HIGH, Severity.CRITICAL, Severity.HIGH, Severity.LOW);
        assertThat(findings).extracting(NormalizedFinding::title)
                .containsExactly("Plugin rule one", "Plugin rule two", "Plugin rule one", "m");
    }

    /** 3.27.9: only kind fail (the default) is a failure; pass is passed; the other four are neither. */
    @Test
    void onlyFailedResultsAreFindings() throws Exception {
        String tool = "{\"driver\":{\"name\":\"Checker\",\"rules\":[{\"id\":\"C1\"}]}}";
        var summary = parse(log(tool, "[" + result("\"ruleId\":\"C1\"") + "," + result("\"ruleId\":\"C1\",\"kind\":\"fail\"") + ","
                + "{\"ruleId\":\"C1\",\"kind\":\"pass\",\"level\":\"none\",\"message\":{\"text\":\"ok\"}},"
                + "{\"ruleId\":\"C1\",\"kind\":\"notApplicable\",\"message\":{\"text\":\"n/a\"}},"
                + "{\"ruleId\":\"C1\",\"kind\":\"informational\",\"message\":{\"text\":\"i\"}},"
                + "{\"ruleId\":\"C1\",\"kind\":\"review\",\"message\":{\"text\":\"r\"}},"
                + "{\"ruleId\":\"C1\",\"kind\":\"open\",\"message\":{\"text\":\"o\"}}]"));

        assertThat(findings).hasSize(2).allSatisfy(f -> assertThat(f.resource()).isEqualTo("src/a.js:3"));
        assertThat(summary.findings()).isEqualTo(2);
        assertThat(summary.passed()).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(4);
    }

    /**
     * 3.27.23, 3.35.3: a result is suppressed when one of its suppressions is accepted, which a
     * suppression without status is; one under review or rejected suppresses nothing. The log (one
     * result per line number, its message saying which case it is) is layouts/sarif/suppressions.sarif.
     */
    @Test
    void resultsWithAnAcceptedSuppressionAreCountedNotFindings() throws Exception {
        var summary = new SarifParser().parse(Path.of("src/test/resources/layouts/sarif/suppressions.sarif"), findings::add);

        assertThat(findings).extracting(NormalizedFinding::resource)
                .as("none, empty, under review, rejected, under review and rejected")
                .containsExactly("src/a.c:1", "src/a.c:2", "src/a.c:5", "src/a.c:6", "src/a.c:8");
        assertThat(summary.suppressed()).as("status absent, accepted, accepted beside rejected").isEqualTo(3);
        assertThat(summary.passed()).as("a pass result stays passed whatever its suppressions").isEqualTo(1);
        assertThat(summary.skipped()).isZero();
    }

    /** 3.11: without a rule to describe it, the result's message titles the finding, not the bare rule id. */
    @Test
    void aResultWithoutRuleMetadataIsTitledByItsMessage() throws Exception {
        parse(log("{\"driver\":{\"name\":\"semgrep\"}}",
                "[{\"ruleId\":\"python.lang.security.audit.eval\",\"message\":{\"text\":\"Detected eval() on user input\\nmore\"}}]"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Detected eval() on user input");
            assertThat(f.resource()).isEqualTo("(no location)");
        });
    }

    @Test
    void producersOwnLogsKeepTheirLevels() throws Exception {
        List<NormalizedFinding> trivy = ReportParsersTest.parse("sarif/trivy_alpine-310.sarif", null);
        assertThat(trivy).as("Trivy's rules carry security-severity 5.3").allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.title()).startsWith("openssl: ");
        });
        List<NormalizedFinding> dockle = ReportParsersTest.parse("sarif/dd_dockle_0_3_15.sarif", null);
        assertThat(dockle).extracting(NormalizedFinding::severity).containsExactlyInAnyOrder(Severity.HIGH, Severity.LOW, Severity.LOW,
                Severity.LOW);
        assertThat(dockle).extracting(NormalizedFinding::title).contains("Enable Content trust for Docker");
        List<NormalizedFinding> gitleaks = ReportParsersTest.parse("sarif/dd_gitleaks_7.5.0.sarif", null);
        assertThat(gitleaks).as("no level, no rule reference: warning").allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(gitleaks).extracting(NormalizedFinding::title).contains("AWS Access Key secret detected");
        // The specification's own example: its one result carries an external suppression (written
        // with the draft's "state", so no status: accepted, the default), so it is not a finding.
        var appendixK = new SarifParser().parse(Fixtures.dir().resolve("sarif/dd_appendix_k.sarif"), findings::add);
        assertThat(findings).isEmpty();
        assertThat(appendixK.suppressed()).isEqualTo(1);
    }
}
