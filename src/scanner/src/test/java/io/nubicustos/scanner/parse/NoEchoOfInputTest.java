package io.nubicustos.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.nubicustos.scanner.ScannerCommand;
import picocli.CommandLine;

/**
 * A secret-like token planted in broken reports of every format the detector knows, in the places
 * a JSON or CSV parser quotes from (a bare token, a value, a row with too many columns, an unclosed
 * quote): no message of the parsers, of the detector or of {@code scanner normalize} repeats it,
 * and each still names the file and its line and column.
 */
class NoEchoOfInputTest {

    static final String SECRET = "AKIAZZPLANTEDSECRET7";

    @TempDir
    Path tmp;

    /** File name -> content; the format each was written to look like is in its name. */
    static Map<String, String> brokenReports() {
        String s = SECRET;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("bare-token.json", s);
        files.put("bare-token-in-array.json", "[" + s + "]");
        files.put("prowler-ocsf.json", "[{\"finding_info\":{},\"metadata\":{},\"status_code\":\"FAIL\"},{\"status_code\":" + s + "}]");
        files.put("prowler-ocsf-number.json", "[{\"finding_info\":{},\"metadata\":{}},{\"severity\":-" + s + "}]");
        files.put("asff.json", "[{\"SchemaVersion\":\"2018-10-08\",\"ProductArn\":\"arn\"},{\"Title\":" + s + "}]");
        files.put("prowler-json.json", "[{\"FindingUniqueId\":\"u\",\"CheckID\":\"c\"},{\"" + s + "\" " + s + "}]");
        files.put("prowler-v2-json.json", "{\"Account Number\":\"1\",\"Control ID\":\"1.1\",\"Status\":\"PASS\"}\n{\"Control\":" + s + "}\n");
        files.put("prowler-csv-v5.csv", "ACCOUNT_UID;CHECK_ID;STATUS\n1;c;FAIL;" + s + "\n");
        files.put("prowler-csv-v2.csv", "ACCOUNT_NUM,TITLE_ID,CHECK_RESULT,TITLE_TEXT\n1,1.1,FAIL,\"" + s + "\n");
        files.put("prowler-csv-v2-extra.csv", "ACCOUNT_NUM,TITLE_ID,CHECK_RESULT\n1,1.1,FAIL," + s + "\n");
        files.put("scoutsuite.js", "scoutsuite_results = {\"provider_code\":\"aws\",\"services\":{\"s3\":{\"findings\":" + s + "}}}");
        files.put("trivy-json.json", "{\"SchemaVersion\":2,\"ArtifactName\":\"a\",\"Results\":[{\"Target\":" + s + "}]}");
        files.put("trivy-json-legacy.json", "[{\"Target\":\"t\",\"Vulnerabilities\":[]},{\"Target\":" + s + "}]");
        files.put("kube-bench-json.json", "[{\"node_type\":\"master\",\"tests\":[]},{\"tests\":" + s + "}]");
        files.put("kube-bench-json-object.json", "{\"Controls\":[{\"tests\":[" + s + "]}]}");
        files.put("kubescape-json.json", "{\"summaryDetails\":{},\"results\":[{\"resourceID\":" + s + "}]}");
        files.put("checkov-json.json", "[{\"check_type\":\"terraform\",\"results\":{}},{\"results\":{\"failed_checks\":[" + s + "]}}]");
        files.put("sarif.sarif", "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":" + s + "}]}]}");
        files.put("sarif-field.sarif", "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{" + s + ":1}]}]}");
        files.put("control-char.json", "[{\"finding_info\":{},\"metadata\":{}},{\"status_code\":\"" + s + "\u0001\"}]");
        return files;
    }

    @Test
    void everyFormatTheDetectorKnowsHasABrokenReportHere() {
        Set<ReportFormat> covered = EnumSet.noneOf(ReportFormat.class);
        for (String name : brokenReports().keySet()) {
            for (ReportFormat format : ReportFormat.values()) {
                if (name.startsWith(format.id())) {
                    covered.add(format);
                }
            }
        }
        assertThat(covered).containsExactlyInAnyOrder(ReportFormat.values());
    }

    @Test
    void noReportExceptionRepeatsThePlantedSecret() throws Exception {
        List<String> messages = new ArrayList<>();
        for (Map.Entry<String, String> report : brokenReports().entrySet()) {
            Path file = Files.writeString(tmp.resolve(report.getValue().length() + "-" + report.getKey()), report.getValue());
            ReportException e = catchThrowableOfType(() -> {
                ReportFormat format = ReportFormatDetector.detect(file);
                ReportParsers.forFormat(format).orElseThrow().parse(file, f -> { });
            }, ReportException.class);
            assertThat(e).as(report.getKey() + " must be refused").isNotNull();
            messages.add(e.getMessage());
            assertThat(e.getMessage()).as(report.getKey()).startsWith(file.toString()).contains(" at line ").doesNotContain(SECRET)
                    .doesNotContain("PLANTED");
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause.getMessage())).as(report.getKey() + " cause").doesNotContain("PLANTED");
            }
        }
        assertThat(messages).hasSize(brokenReports().size());
    }

    @Test
    void scannerNormalizePrintsNothingOfThePlantedSecret() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        for (Map.Entry<String, String> report : brokenReports().entrySet()) {
            Files.writeString(dir.resolve(report.getKey()), report.getValue());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ScannerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("normalize", dir.toString());

        assertThat(exit).isEqualTo(ScannerCommand.BAD_INPUT);
        assertThat(out.toString() + err.toString()).doesNotContain("PLANTED").doesNotContain("ZZPLANT");
        assertThat(err.toString()).contains(brokenReports().size() + " reports, 0 read, " + brokenReports().size() + " failed");
    }
}
