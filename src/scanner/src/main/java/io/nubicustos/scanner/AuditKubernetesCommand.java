package io.nubicustos.scanner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nubicustos.model.graph.GraphEdge;
import io.nubicustos.model.ingest.ScannerCommandLine;
import io.nubicustos.scanner.kubernetes.ClusterSnapshot;
import io.nubicustos.scanner.kubernetes.KubernetesAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanner audit-kubernetes}: the built-in audit of the cluster of the current kubeconfig
 * (or the pod's ServiceAccount), findings as NDJSON on standard output, and optionally the
 * attack-path edges as NDJSON in a file. An upload sends the findings and the whole graph.
 */
@Command(name = ScannerCommandLine.AUDIT_KUBERNETES, description = "Audits the current cluster (read-only) and prints findings as NDJSON.")
class AuditKubernetesCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", description = "Name recorded as the findings' account (default: the kubeconfig's context or 'in-cluster').")
    String cluster;

    @Option(names = ScannerCommandLine.NAMESPACE, description = "Audit this namespace only, reading nothing cluster-scoped (what a RoleBinding allows).")
    String namespace;

    @Option(names = "--relationships", paramLabel = "FILE", description = "Also write the attack-path edges to FILE as NDJSON.")
    Path relationships;

    @Option(names = ScannerCommandLine.UPLOAD_FLAG, description = "Upload the findings and the attack-path graph to the findings API instead of printing them "
            + "(needs the upload options).")
    boolean upload;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Upload options:%n")
    UploadCommand.UploadOptions uploadOptions;

    @Override
    public Integer call() throws IOException {
        KubernetesAudit.Result result;
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            String name = cluster != null ? cluster : client.getConfiguration().getCurrentContext() != null
                    ? client.getConfiguration().getCurrentContext().getName() : "in-cluster";
            result = KubernetesAudit.run(namespace != null ? ClusterSnapshot.readNamespace(client, name, namespace)
                    : ClusterSnapshot.read(client, name));
        } catch (KubernetesClientException e) {
            spec.commandLine().getErr().println("scanner: cannot read the cluster: " + (e.getCode() > 0 ? "HTTP " + e.getCode() : e.getMessage()));
            return ScannerCommand.BAD_INPUT;
        }
        if (upload) {
            if (uploadOptions == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--upload needs --api-url, --run-id and --token-file");
            }
            io.nubicustos.model.finding.Severity threshold = uploadOptions.threshold(spec);
            var chunked = new io.nubicustos.scanner.upload.ChunkedUpload(uploadOptions.client(spec), "kubernetes", "kubernetes",
                    uploadOptions.chunkSize);
            try {
                for (var finding : result.findings()) {
                    if (finding.severity().atLeast(threshold)) {
                        chunked.add(finding);
                    }
                }
                result.nodes().forEach(chunked::addNode);
                result.edges().forEach(chunked::addEdge);
                uploadOptions.finish(spec, chunked);
            } catch (java.io.UncheckedIOException | InterruptedException | IOException e) {
                Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
                spec.commandLine().getErr().println("scanner: upload failed: " + cause.getMessage());
                return ScannerCommand.UPLOAD_FAILED;
            }
        } else {
            for (var finding : result.findings()) {
                spec.commandLine().getOut().println(JSON.writeValueAsString(finding));
            }
            spec.commandLine().getOut().flush();
        }
        if (relationships != null) {
            try (BufferedWriter out = Files.newBufferedWriter(relationships, StandardCharsets.UTF_8)) {
                for (GraphEdge edge : result.edges()) {
                    out.write(JSON.writeValueAsString(edge));
                    out.write('\n');
                }
            }
        }
        spec.commandLine().getErr().printf("scanner: %d findings, %d assets, %d edges%n", result.findings().size(), result.nodes().size(),
                result.edges().size());
        return ScannerCommand.OK;
    }
}
