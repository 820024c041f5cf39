package io.nubicustos.model.kubernetes;

/**
 * The labels and annotations Nubicustos puts on Kubernetes objects and reads back: one spelling
 * for the operator that writes them, the scanner and API that read them, and the local runner.
 */
public final class Labels {

    /** Kubernetes' recommended label for the tool that manages an object. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** {@link #MANAGED_BY}'s value on everything the operator creates. */
    public static final String OPERATOR = "nubicustos-operator";
    /** {@link #MANAGED_BY}'s value on ScanJobs the findings API creates. */
    public static final String API = "nubicustos-api";

    /** The NetworkSegment a namespace belongs to, and that a rendered policy implements. */
    public static final String SEGMENT = "nubicustos.io/segment";
    /** The ScanJob a Job, pod or token Secret belongs to. */
    public static final String SCANJOB = "nubicustos.io/scanjob";
    /** The run (within its ScanJob) a Job, pod or token Secret is for. */
    public static final String RUN = "nubicustos.io/run";
    /** The tool a scan pod runs. */
    public static final String TOOL = "nubicustos.io/tool";
    /** The CloudCredential a Secret or ServiceAccount is opted in to. */
    public static final String CREDENTIAL = "nubicustos.io/credential";

    /** When a credential's Secret was last rotated (annotation). */
    public static final String ROTATED_AT = "nubicustos.io/rotated-at";
    /** The slot a scheduled run was planned for (annotation). */
    public static final String SCHEDULED_AT = "nubicustos.io/scheduled-at";

    private Labels() {
    }
}
