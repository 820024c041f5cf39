package io.nubicustos.operator.scanjob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobSpec;
import io.nubicustos.model.ingest.ScannerCommandLine;
import io.nubicustos.model.kubernetes.Labels;
import io.nubicustos.operator.ownership.ControllerReferences;

/**
 * The batch/v1 Job of one run, as a pure function of the ScanJob, the run, the tool's catalogue
 * entry and the credential. The pod meets the Pod Security Standard "restricted" (kube-bench with
 * host access excepted, which only runs when both the operator and the ScanJob allow it): non-root,
 * read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp,
 * writable paths only on emptyDir, credentials as read-only files, no service-account token unless
 * the tool reads the Kubernetes API.
 */
public final class ScanJobFactory {

    public static final String TOOL_CONTAINER = "tool";
    public static final String SCANNER_CONTAINER = "scanner";
    public static final String RESULTS = "/results";
    public static final String TOKEN_FILE = "/var/run/nubicustos/upload/token";

    private ScanJobFactory() {
    }

    public static Job desired(ScanJob scanJob, ScanRun run, ToolSpec tool, CredentialMount credential,
            ScanPodDefaults defaults, String tokenSecret) {
        ScanJobSpec spec = scanJob.getSpec();
        Map<String, String> labels = labels(scanJob, run, tool);
        Duration timeout = tool.deadline(spec);
        boolean hostAccess = tool.hostAccess();
        boolean token = tool.needsKubernetesApi() || credential.serviceAccountName().isPresent();

        List<Container> initContainers = new ArrayList<>();
        if (!tool.builtIn()) {
            initContainers.add(toolContainer(scanJob, tool, credential, defaults, hostAccess));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (run.scheduledAt() != null) {
            annotations.put(Labels.SCHEDULED_AT, run.scheduledAt().toString());
        }
        return new JobBuilder()
                .withNewMetadata()
                .withName(run.jobName())
                .withNamespace(scanJob.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(ControllerReferences.to(scanJob, true))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(spec.getBackoffLimit())
                .withActiveDeadlineSeconds(Math.max(1, timeout.toSeconds()))
                .withTtlSecondsAfterFinished(spec.getTtlSecondsAfterFinished())
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(serviceAccount(tool, credential, defaults))
                .withAutomountServiceAccountToken(token)
                .withEnableServiceLinks(false)
                .withHostPID(hostAccess ? Boolean.TRUE : null)
                .withSecurityContext(new PodSecurityContextBuilder()
                        .withRunAsNonRoot(!hostAccess)
                        .withRunAsUser(hostAccess ? null : defaults.runAsUser())
                        .withRunAsGroup(defaults.runAsUser())
                        .withFsGroup(defaults.runAsUser())
                        .withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build())
                        .build())
                .withInitContainers(initContainers)
                .withContainers(scannerContainer(scanJob, run, tool, defaults))
                .withVolumes(volumes(credential, tokenSecret, hostAccess))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static Map<String, String> labels(ScanJob scanJob, ScanRun run, ToolSpec tool) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "nubicustos-scan");
        labels.put("app.kubernetes.io/instance", scanJob.getMetadata().getName());
        labels.put("app.kubernetes.io/component", "scan");
        labels.put("app.kubernetes.io/part-of", "nubicustos");
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        labels.put(Labels.SCANJOB, scanJob.getMetadata().getName());
        labels.put(Labels.RUN, run.id());
        labels.put(Labels.TOOL, tool.tool().wireName());
        if (scanJob.getSpec().getSegmentRef() != null) {
            labels.put(Labels.SEGMENT, scanJob.getSpec().getSegmentRef().getName());
        }
        return labels;
    }

    private static String serviceAccount(ToolSpec tool, CredentialMount credential, ScanPodDefaults defaults) {
        if (credential.serviceAccountName().isPresent()) {
            return credential.serviceAccountName().get();
        }
        return tool.needsKubernetesApi() ? defaults.auditServiceAccount() : null;
    }

    /** The namespace a scan reading the Kubernetes API is limited to, or empty where it may read the cluster. */
    static java.util.Optional<String> ownNamespaceOnly(ScanJob scanJob, ToolSpec tool, ScanPodDefaults defaults) {
        String namespace = scanJob.getMetadata().getNamespace();
        return tool.needsKubernetesApi() && !defaults.auditScope().clusterWide(namespace) ? java.util.Optional.of(namespace)
                : java.util.Optional.empty();
    }

    private static Container toolContainer(ScanJob scanJob, ToolSpec tool, CredentialMount credential,
            ScanPodDefaults defaults, boolean hostAccess) {
        ScanJobSpec spec = scanJob.getSpec();
        List<String> args = new ArrayList<>(tool.arguments());
        // The RoleBinding allows the namespace only; the flag makes the tool ask for no more.
        ownNamespaceOnly(scanJob, tool, defaults).ifPresent(namespace -> tool.namespaceFlag().ifPresent(flag -> {
            args.add(flag);
            args.add(namespace);
        }));
        if (tool.regionFlag().isPresent() && spec.getRegions() != null && !spec.getRegions().isEmpty()) {
            args.add(tool.regionFlag().get());
            args.addAll(spec.getRegions());
        }
        if (spec.getArgs() != null) {
            args.addAll(spec.getArgs());
        }
        List<EnvVar> env = new ArrayList<>();
        // Tools write caches and config under HOME; the root filesystem is read-only.
        env.add(new EnvVar("HOME", "/tmp", null));
        env.addAll(credential.env());
        List<VolumeMount> mounts = new ArrayList<>(List.of(
                mount("results", RESULTS, false),
                mount("tmp", "/tmp", false),
                mount("workspace", "/workspace", true)));
        if (credential.secretName().isPresent()) {
            mounts.add(mount("credentials", CredentialMount.DIR, true));
        }
        if (hostAccess) {
            mounts.add(mount("host-etc-kubernetes", "/etc/kubernetes", true));
            mounts.add(mount("host-var-lib-kubelet", "/var/lib/kubelet", true));
        }
        return new ContainerBuilder()
                .withName(TOOL_CONTAINER)
                .withImage(spec.getImage() != null ? spec.getImage() : tool.image().orElseThrow())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(tool.command())
                .withArgs(args)
                .withEnv(env)
                .withVolumeMounts(mounts)
                .withResources(spec.getResources() != null ? spec.getResources() : tool.resources())
                .withSecurityContext(hostAccess ? hostReader() : restricted(defaults.runAsUser()))
                .build();
    }

    private static Container scannerContainer(ScanJob scanJob, ScanRun run, ToolSpec tool, ScanPodDefaults defaults) {
        List<String> args = new ArrayList<>();
        if (tool.builtIn()) {
            args.add(ScannerCommandLine.AUDIT_KUBERNETES);
            args.add(ScannerCommandLine.UPLOAD_FLAG);
            ownNamespaceOnly(scanJob, tool, defaults).ifPresent(namespace -> {
                args.add(ScannerCommandLine.NAMESPACE);
                args.add(namespace);
            });
        } else {
            args.add(ScannerCommandLine.UPLOAD);
        }
        args.addAll(List.of(ScannerCommandLine.API_URL, defaults.apiUrl(), ScannerCommandLine.RUN_ID, run.uploadId(),
                ScannerCommandLine.TOKEN_FILE, TOKEN_FILE, ScannerCommandLine.SEVERITY_THRESHOLD,
                scanJob.getSpec().getSeverityThreshold().id()));
        if (!tool.builtIn()) {
            args.add(ScannerCommandLine.TOOL);
            args.add(tool.tool().wireName());
            args.add(RESULTS + "/" + tool.reportFile());
        }
        return new ContainerBuilder()
                .withName(SCANNER_CONTAINER)
                .withImage(defaults.scannerImage())
                .withImagePullPolicy("IfNotPresent")
                .withArgs(args)
                .withEnv(new EnvVar("HOME", "/tmp", null))
                .withVolumeMounts(
                        mount("results", RESULTS, true),
                        mount("tmp", "/tmp", false),
                        mount("upload-token", "/var/run/nubicustos/upload", true))
                .withResources(defaults.scannerResources())
                // The scanner reports the run's finding counts as its termination message.
                .withTerminationMessagePolicy("File")
                .withSecurityContext(restricted(defaults.runAsUser()))
                .build();
    }

    private static List<Volume> volumes(CredentialMount credential, String tokenSecret, boolean hostAccess) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("results").withNewEmptyDir().withSizeLimit(new Quantity("2Gi")).endEmptyDir().build());
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("1Gi")).endEmptyDir().build());
        volumes.add(new VolumeBuilder().withName("workspace").withNewEmptyDir().withSizeLimit(new Quantity("1Gi")).endEmptyDir().build());
        credential.secretName().ifPresent(secret -> volumes.add(new VolumeBuilder()
                .withName("credentials")
                .withNewProjected()
                .withDefaultMode(CredentialMount.FILE_MODE)
                .addNewSource().withNewSecret().withName(secret).withItems(credential.items()).endSecret().endSource()
                .endProjected()
                .build()));
        volumes.add(new VolumeBuilder()
                .withName("upload-token")
                .withNewProjected()
                .withDefaultMode(CredentialMount.FILE_MODE)
                .addNewSource().withNewSecret().withName(tokenSecret)
                .addNewItem().withKey("token").withPath("token").withMode(CredentialMount.FILE_MODE).endItem()
                .endSecret().endSource()
                .endProjected()
                .build());
        if (hostAccess) {
            volumes.add(new VolumeBuilder().withName("host-etc-kubernetes").withNewHostPath("/etc/kubernetes", "Directory").build());
            volumes.add(new VolumeBuilder().withName("host-var-lib-kubelet").withNewHostPath("/var/lib/kubelet", "Directory").build());
        }
        return volumes;
    }

    static SecurityContext restricted(long uid) {
        return locked(new SecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(uid).withRunAsGroup(uid));
    }

    /** kube-bench reads root-owned node files: uid 0, but still no capabilities, no escalation, read-only. */
    private static SecurityContext hostReader() {
        return locked(new SecurityContextBuilder().withRunAsNonRoot(false).withRunAsUser(0L));
    }

    private static SecurityContext locked(SecurityContextBuilder identity) {
        return identity
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withCapabilities(dropAll())
                .withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build())
                .build();
    }

    private static Capabilities dropAll() {
        return new CapabilitiesBuilder().withDrop("ALL").build();
    }

    private static VolumeMount mount(String name, String path, boolean readOnly) {
        return new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly).build();
    }
}
