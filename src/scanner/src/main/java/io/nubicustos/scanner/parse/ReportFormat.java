package io.nubicustos.scanner.parse;

/** The native report formats the scanner recognises, with the tool and output option that produce each. */
public enum ReportFormat {
    PROWLER_OCSF("prowler", "Prowler v4+ JSON OCSF (-M json-ocsf): array of Detection Findings", "status_code PASS or MANUAL"),
    ASFF("any", "AWS Security Finding Format from any producer (Prowler -M json-asff, Security Hub, Inspector, GuardDuty, Trivy...):"
            + " an array, {\"Findings\": [...]} or one finding per line", "Compliance.Status PASSED, WARNING or NOT_AVAILABLE"),
    PROWLER_JSON("prowler", "Prowler v3 native JSON (-M json)", "Status other than FAIL"),
    PROWLER_V2_JSON("prowler", "Prowler v2 JSON, one result per line", "Status Pass or Info"),
    PROWLER_CSV("prowler", "Prowler CSV (-M csv): the v2 comma layout or the v4/v5 semicolon layout", "STATUS (v2: CHECK_RESULT) other than FAIL"),
    SCOUTSUITE("scoutsuite", "ScoutSuite results file (scoutsuite_results = {...})", "rules that flagged no item"),
    TRIVY_JSON("trivy", "Trivy JSON (--format json): image, filesystem, repository, SBOM, legacy list, or trivy k8s (all or summary)",
            "misconfigurations that passed"),
    KUBE_BENCH_JSON("kube-bench", "kube-bench JSON (--json): {\"Controls\": [...]} or a list of controls",
            "PASS, WARN (a manual check) and INFO: not failures"),
    KUBESCAPE_JSON("kubescape", "Kubescape JSON (--format json): v2 results or v1 framework reports",
            "controls passed, or skipped for a manual review"),
    CHECKOV_JSON("checkov", "Checkov JSON (-o json), one framework or several, or the summary alone", "passed checks"),
    SARIF("any", "SARIF 2.1.0 log", "results of kind pass");

    private final String tool;
    private final String description;
    private final String notFailed;

    ReportFormat(String tool, String description, String notFailed) {
        this.tool = tool;
        this.description = description;
        this.notFailed = notFailed;
    }

    public String tool() {
        return tool;
    }

    public String description() {
        return description;
    }

    /** The tool's own words for the results counted as passed or manual, so a reader can match them to its totals. */
    public String notFailed() {
        return notFailed;
    }

    /** The name used on the command line and in logs, e.g. {@code prowler-ocsf}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
