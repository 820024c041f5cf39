package io.nubicustos.model.ingest;

/**
 * The scanner's commands and options that the operator and the local runner write into a scan
 * pod's arguments, and the scanner declares: one spelling on both sides.
 */
public final class ScannerCommandLine {

    public static final String UPLOAD = "upload";
    public static final String AUDIT_KUBERNETES = "audit-kubernetes";
    public static final String NORMALIZE = "normalize";

    /** audit-kubernetes: upload the findings rather than print them. */
    public static final String UPLOAD_FLAG = "--upload";
    public static final String API_URL = "--api-url";
    public static final String RUN_ID = "--run-id";
    public static final String TOKEN_FILE = "--token-file";
    public static final String SEVERITY_THRESHOLD = "--severity-threshold";
    public static final String TOOL = "--tool";
    public static final String PROVIDER = "--provider";
    public static final String NAMESPACE = "--namespace";
    public static final String CHUNK_SIZE = "--chunk-size";
    public static final String MAX_ATTEMPTS = "--max-attempts";
    public static final String TERMINATION_LOG = "--termination-log";

    private ScannerCommandLine() {
    }
}
