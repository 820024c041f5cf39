package io.nubicustos.findings.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nubicustos.findings.finding.FindingView;
import io.nubicustos.findings.http.RouteTemplates;

class WritersTest {

    static FindingView finding(String title, String resourceType, String resource) {
        return new FindingView(7, "fp", "team-a", List.of("checkov"), "aws", null, null, null, resourceType, resource, "CKV_1", "CKV_1",
                "high", title, null, null, Map.of("CIS", List.of("1.1", "1.2")), "open", null, null, null, Instant.EPOCH, Instant.EPOCH, null,
                List.of(), 0);
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndDefusesFormulas() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvFindingWriter writer = new CsvFindingWriter(out);
        writer.begin();
        writer.write(finding("=cmd|' /C calc'!A0", "file", "a.tf:3"));
        writer.write(finding("plain, with \"quotes\"", "file", "b.tf"));
        writer.write(finding("@SUM(1)", "file", "c.tf"));
        writer.end();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("id,severity,status,title");
        assertThat(lines[1]).contains(",'=cmd|' /C calc'!A0,");
        assertThat(lines[2]).contains(",\"plain, with \"\"quotes\"\"\",");
        assertThat(lines[3]).contains(",'@SUM(1),").contains(",\"{\"\"CIS\"\": [\"\"1.1\"\", \"\"1.2\"\"]}\",");
    }

    @Test
    void csvDefusesFormulasHiddenBehindSeparatorsWhitespaceAndQuotes() throws Exception {
        for (String hidden : new String[] { ";=cmd|' /C calc'!A0", " =1+1", "\n=1+1", "\t=1+1", "\r=1+1", "  +1", ",-1", "\"=1", "; ;@SUM(1)",
            "\u00a0=1" }) {
            assertThat(CsvFindingWriter.formula(hidden)).as(hidden).isTrue();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CsvFindingWriter writer = new CsvFindingWriter(out);
            writer.write(finding(hidden, "file", "a.tf"));
            writer.end();
            String row = out.toString(StandardCharsets.UTF_8);
            // The title cell begins with the apostrophe, quoted or not.
            assertThat(row).as(hidden).containsAnyOf(",'" + hidden + ",", ",\"'" + hidden.replace("\"", "\"\"") + "\",");
        }
        for (String plain : new String[] { "S3 bucket is public", "a=b", "x-y", "", "   ", "'quoted" }) {
            assertThat(CsvFindingWriter.formula(plain)).as(plain).isFalse();
        }
        // A semicolon inside a cell is quoted: a reader splitting on semicolons starts no new cell there.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvFindingWriter writer = new CsvFindingWriter(out);
        writer.write(finding("bucket;=1+1", "file", "a.tf"));
        writer.end();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(",\"bucket;=1+1\",");
    }

    @Test
    void sarifPutsFilesInPhysicalLocationsAndCloudResourcesInLogicalOnes() {
        assertThat(SarifFindingWriter.fileLocation("file", "src/main.tf:12")).containsExactly("src/main.tf", "12");
        assertThat(SarifFindingWriter.fileLocation("terraform", "main.tf:7#aws_s3_bucket.logs")).containsExactly("main.tf", "7");
        assertThat(SarifFindingWriter.fileLocation("AwsS3Bucket", "arn:aws:s3:::bucket")).isNull();
        assertThat(SarifFindingWriter.fileLocation("Pod", "cluster/Pod/ns/name")).isNull();
        assertThat(SarifFindingWriter.level("critical")).isEqualTo("error");
        assertThat(SarifFindingWriter.level("info")).isEqualTo("note");
    }

    @Test
    void ocsfSeverityAndStatusIdsFollowTheSchema() {
        assertThat(OcsfFindingWriter.severityId("critical")).isEqualTo(5);
        assertThat(OcsfFindingWriter.severityId("info")).isEqualTo(1);
        assertThat(OcsfFindingWriter.statusId("risk_accepted")).isEqualTo(3);
        assertThat(OcsfFindingWriter.statusName("resolved")).isEqualTo("Resolved");
    }

    @Test
    void routeTemplatesDropRegularExpressions() throws Exception {
        @jakarta.ws.rs.Path("/api/things/")
        class Things {
            @jakarta.ws.rs.Path("{id: [0-9]+}/parts/{part}")
            public void part() {
            }
        }
        assertThat(RouteTemplates.template(Things.class, Things.class.getMethod("part"))).isEqualTo("/api/things/{id}/parts/{part}");
    }
}
