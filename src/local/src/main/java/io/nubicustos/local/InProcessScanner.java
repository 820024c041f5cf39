package io.nubicustos.local;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nubicustos.scanner.ScannerCommand;

/**
 * The scanner's command line, run in this JVM. Its built-in audit builds its own Fabric8 client
 * from system properties, so these point at the local API server for the run and are restored
 * afterwards; while a scan runs, another auto-configured Fabric8 client in this JVM sees them too.
 */
final class InProcessScanner {

    /** System properties are global: runs of every runner in this JVM take turns. */
    private static final Object LOCK = new Object();

    private final String kubernetesMaster;
    private final String kubernetesToken;

    /** The scanner's audit reads {@code kubernetesMaster} with the bearer token {@code kubernetesToken} (null: none). */
    InProcessScanner(String kubernetesMaster, String kubernetesToken) {
        this.kubernetesMaster = kubernetesMaster;
        this.kubernetesToken = kubernetesToken;
    }

    /** Runs the scanner with {@code args}, its output and errors to {@code output}; returns its exit code. */
    int run(List<String> args, Writer output) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kubernetes.master", kubernetesMaster);
        properties.put("kubernetes.trust.certificates", "true");
        properties.put("kubernetes.disable.hostname.verification", "true");
        properties.put("kubernetes.auth.tryKubeConfig", "false");
        properties.put("kubernetes.auth.tryServiceAccount", "false");
        if (kubernetesToken != null) {
            properties.put("kubernetes.auth.token", kubernetesToken);
        }
        synchronized (LOCK) {
            Map<String, String> saved = new HashMap<>();
            properties.forEach((k, v) -> saved.put(k, System.setProperty(k, v)));
            try (PrintWriter out = new PrintWriter(output, true)) {
                picocli.CommandLine commandLine = ScannerCommand.commandLine();
                commandLine.setOut(out);
                commandLine.setErr(out);
                return commandLine.execute(args.toArray(String[]::new));
            } finally {
                saved.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }
    }
}
