package io.nubicustos.scanner.parse;

/** The native report formats the scanner recognises, with the tool and output option that produce each. */
public enum ReportFormat {
    PROWLER_OCSF("prowler", "Prowler v4+ JSON OCSF (-M json-ocsf): array of Detection Findings"),
    ASFF("any", "AWS Security Finding Format array, from any producer: Prowler (-M json-asff), Security Hub, Inspector, GuardDuty, Trivy..."),
    PROWLER_JSON("prowler", "Prowler v3 native JSON (-M json)"),
    PROWLER_V2_JSON("prowler", "Prowler v2 JSON, one result per line"),
    PROWLER_CSV("prowler", "Prowler CSV (-M csv): the v2 comma layout or the v4/v5 semicolon layout"),
    SCOUTSUITE("scoutsuite", "ScoutSuite results file (scoutsuite_results = {...})"),
    TRIVY_JSON("trivy", "Trivy JSON (--format json): image, filesystem or kubernetes report"),
    KUBE_BENCH_JSON("kube-bench", "kube-bench JSON (--json)"),
    KUBESCAPE_JSON("kubescape", "Kubescape JSON (--format json)"),
    CHECKOV_JSON("checkov", "Checkov JSON (-o json), one framework or several"),
    SARIF("any", "SARIF 2.1.0 log");

    private final String tool;
    private final String description;

    ReportFormat(String tool, String description) {
        this.tool = tool;
        this.description = description;
    }

    public String tool() {
        return tool;
    }

    public String description() {
        return description;
    }

    /** The name used on the command line and in logs, e.g. {@code prowler-ocsf}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
