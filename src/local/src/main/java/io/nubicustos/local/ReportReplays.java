package io.nubicustos.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.nubicustos.model.ingest.ScannerCommandLine;

/**
 * Reports that stand in for upstream tools the local runner cannot run: a pod whose init container
 * would run the tool runs only its scanner container's {@code upload}, of the configured report
 * copied to where the tool would have written it.
 */
final class ReportReplays {

    private final Map<String, Path> reportsByTool;

    ReportReplays(Map<String, Path> reportsByTool) {
        this.reportsByTool = Map.copyOf(reportsByTool);
    }

    /** The report for {@code tool} (null for none), when {@code main} uploads; otherwise null. */
    Path reportFor(String tool, Container main) {
        List<String> args = main.getArgs() == null ? List.of() : main.getArgs();
        boolean uploads = !args.isEmpty() && ScannerCommandLine.UPLOAD.equals(args.get(0));
        return tool == null || !uploads ? null : reportsByTool.get(tool);
    }

    /** Copies {@code report} to the upload's last argument, the tool's report path, under one of the {@code mounts}. */
    static void copy(Path report, Container main, Map<String, Path> mounts) throws IOException {
        String target = ContainerPaths.local(main.getArgs().get(main.getArgs().size() - 1), mounts);
        if (target == null) {
            throw new MountException(LocalPodRunner.CANNOT_RUN, "the scanner's report argument is not under a volume mount");
        }
        Files.createDirectories(Path.of(target).getParent());
        Files.copy(report, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    }
}
