package io.nubicustos.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Container;
import io.nubicustos.model.ingest.ScannerCommandLine;

/**
 * Container paths mapped to the local copies of the pod's volumes: the scanner runs in this JVM,
 * not in the container, so every path it is given under a mount path must name the local copy.
 * A {@code mounts} map goes from mount path to local directory, longest mount path first, so that
 * a mount nested in another wins.
 */
final class ContainerPaths {

    private ContainerPaths() {
    }

    /** An empty {@code mounts} map in the order {@link #local} needs. */
    static Map<String, Path> mounts() {
        return new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
    }

    /**
     * The scanner's arguments: the container's command without its executable, then its args, paths
     * mapped to the local copies. An upload is given the termination log when it does not name one,
     * since its finding counts are the termination message the operator reads.
     */
    static List<String> scannerArguments(Container main, Map<String, Path> mounts, String terminationPath, Path terminationLog) {
        List<String> raw = new ArrayList<>();
        if (main.getCommand() != null && main.getCommand().size() > 1) {
            raw.addAll(main.getCommand().subList(1, main.getCommand().size()));
        }
        if (main.getArgs() != null) {
            raw.addAll(main.getArgs());
        }
        List<String> args = new ArrayList<>();
        for (String arg : raw) {
            args.add(arg.equals(terminationPath) ? terminationLog.toString() : rewrite(arg, mounts));
        }
        boolean uploads = !raw.isEmpty() && (ScannerCommandLine.UPLOAD.equals(raw.get(0)) || raw.contains(ScannerCommandLine.UPLOAD_FLAG));
        if (uploads && raw.stream().noneMatch(a -> a.equals(ScannerCommandLine.TERMINATION_LOG) || a.startsWith(ScannerCommandLine.TERMINATION_LOG + "="))) {
            args.add(ScannerCommandLine.TERMINATION_LOG);
            args.add(terminationLog.toString());
        }
        return args;
    }

    /** A path argument, or the value of an {@code --option=path} argument, mapped; anything else as it is. */
    private static String rewrite(String arg, Map<String, Path> mounts) {
        String local = local(arg, mounts);
        if (local != null) {
            return local;
        }
        int eq = arg.indexOf('=');
        if (arg.startsWith("-") && eq > 0) {
            String value = local(arg.substring(eq + 1), mounts);
            return value == null ? arg : arg.substring(0, eq + 1) + value;
        }
        return arg;
    }

    /** The local path of a container path under one of the mounts (longest first), or null. */
    static String local(String path, Map<String, Path> mounts) {
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            String mp = mount.getKey();
            if (path.equals(mp)) {
                return mount.getValue().toString();
            }
            String prefix = mp.equals("/") ? "/" : mp + "/";
            if (path.startsWith(prefix)) {
                return mount.getValue().resolve(insideVolume(path.substring(prefix.length()))).toString();
            }
        }
        return null;
    }

    /** A path relative to a volume, refused when it would leave the volume (an absolute path or one up with ..). */
    static Path insideVolume(String path) {
        Path p = Path.of(path).normalize();
        if (p.isAbsolute() || p.startsWith("..")) {
            throw new MountException(LocalPodRunner.CANNOT_RUN, "path " + path + " leaves its volume");
        }
        return p;
    }
}
