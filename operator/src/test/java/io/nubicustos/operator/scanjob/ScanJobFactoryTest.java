package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredential;
import io.nubicustos.api.v1alpha1.common.Provider;
import io.nubicustos.api.v1alpha1.scanjob.Profile;
import io.nubicustos.api.v1alpha1.scanjob.ScanJob;
import io.nubicustos.api.v1alpha1.scanjob.Tool;
import io.nubicustos.operator.config.ScanSettings;

/**
 * The scan Job of every tool and provider in the catalogue: hardened to the restricted profile,
 * and identical to its golden file (regenerate with -Dgolden.update=true and review the diff).
 */
class ScanJobFactoryTest {

    static final ScanSettings SETTINGS = TestCatalog.settings();
    static final ToolCatalog CATALOG = new ToolCatalog(SETTINGS);
    static final ScanPodDefaults DEFAULTS = new ScanPodDefaults("ghcr.io/nubicustos/scanner:test", "http://api:8080", 65532,
            "nubicustos-audit", CATALOG.scannerResources(), new AuditScope(java.util.Set.of("nubicustos-system")));
    static final Path GOLDEN = Path.of("src/test/resources/golden/scanjobs");

    static Stream<Arguments> toolsAndProviders() {
        List<Arguments> combos = new ArrayList<>();
        for (Tool tool : Tool.values()) {
            for (String provider : CATALOG.providers(tool)) {
                combos.add(Arguments.of(tool, Provider.valueOf(provider.toUpperCase())));
            }
        }
        return combos.stream();
    }

    /** All but kube-bench, the one tool that needs host access: it has a test of its own below. */
    static Stream<Arguments> restrictedToolsAndProviders() {
        return toolsAndProviders().filter(a -> !CATALOG.resolve((Tool) a.get()[0], (Provider) a.get()[1], Profile.QUICK)
                .orElseThrow().hostAccess());
    }

    static Job jobFor(Tool tool, Provider provider, boolean hostAccess) {
        ScanJob scanJob = TestCatalog.scanJob("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: %s-%s, namespace: security}
                spec: {tool: %s, provider: %s, credentialRef: %s, segmentRef: {name: management}, hostAccess: %s,
                       regions: [eu-west-1, us-east-1], args: ["--verbose"], timeout: 45m}
                """.formatted(tool.wireName(), provider.name().toLowerCase(), tool.wireName(), provider.name().toLowerCase(),
                provider.isCloud() ? "{name: cred}" : "null", hostAccess));
        ToolSpec spec = CATALOG.resolve(tool, provider, Profile.QUICK).orElseThrow();
        CredentialMount mount = provider.isCloud() ? CredentialMount.of(credential(provider)) : CredentialMount.none();
        return ScanJobFactory.desired(scanJob, ScanRun.forGeneration(scanJob), spec, mount, DEFAULTS, "token-secret");
    }

    static CloudCredential credential(Provider provider) {
        String block = switch (provider) {
            case AWS -> "aws: {authMethod: static-keys, region: eu-west-1, profile: audit}";
            case AZURE -> "azure: {authMethod: certificate, tenantId: 00000000-0000-0000-0000-000000000001, "
                    + "clientId: 00000000-0000-0000-0000-000000000002, subscriptionId: 00000000-0000-0000-0000-000000000003}";
            case GCP -> "gcp: {authMethod: service-account-key, projectId: my-project}";
            case KUBERNETES -> "kubernetes: {}";
        };
        return new KubernetesSerialization().unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: CloudCredential
                metadata: {name: cred, namespace: security}
                spec: {provider: %s, secretRef: {name: cred-secret}, %s}
                """.formatted(provider.name().toLowerCase(), block), CloudCredential.class);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("restrictedToolsAndProviders")
    void everyPodMeetsTheRestrictedProfile(Tool tool, Provider provider) {
        PodSpec pod = jobFor(tool, provider, false).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(containers(pod)).isNotEmpty().allSatisfy(c -> {
            var sc = c.getSecurityContext();
            assertThat(sc.getRunAsNonRoot()).as(c.getName()).isTrue();
            assertThat(sc.getRunAsUser()).as(c.getName()).isPositive();
            assertThat(sc.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
            assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
            assertThat(sc.getPrivileged()).as(c.getName()).isFalse();
            assertThat(sc.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
            assertThat(sc.getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
            assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
            for (VolumeMount m : c.getVolumeMounts()) {
                Volume v = volume(pod, m.getName());
                assertThat(Boolean.TRUE.equals(m.getReadOnly()) || v.getEmptyDir() != null)
                        .as("%s writes %s only on an emptyDir", c.getName(), m.getMountPath()).isTrue();
            }
            assertThat(c.getEnv()).as("no secret reaches an environment variable")
                    .allSatisfy(e -> assertThat(e.getValueFrom()).isNull());
        });
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).as(v.getName()).isNull());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("toolsAndProviders")
    void jobLimitsAndLabelsComeFromTheSpec(Tool tool, Provider provider) {
        Job job = jobFor(tool, provider, false);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(2700L);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86400);
        assertThat(job.getMetadata().getName()).hasSizeLessThanOrEqualTo(63).startsWith(tool.wireName() + "-");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("nubicustos.io/scanjob", job.getMetadata().getLabels().get("nubicustos.io/scanjob"))
                .containsEntry("nubicustos.io/run", "g1")
                .containsEntry("nubicustos.io/segment", "management")
                .containsEntry("app.kubernetes.io/managed-by", "nubicustos-operator");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getController()).isTrue());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("toolsAndProviders")
    void matchesItsGoldenFile(Tool tool, Provider provider) throws IOException {
        String yaml = new KubernetesSerialization().asYaml(jobFor(tool, provider, false));
        Path golden = GOLDEN.resolve(tool.wireName() + "-" + provider.name().toLowerCase() + ".yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, yaml);
        }
        assertThat(golden).as("golden file (create it with -Dgolden.update=true)").exists();
        assertThat(yaml).isEqualTo(Files.readString(golden));
    }

    @Test
    void withoutSpecTimeoutTheToolsOwnDeadlineApplies() {
        ScanJob scanJob = TestCatalog.scanJob("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: p, namespace: security}
                spec: {tool: prowler, provider: aws, credentialRef: {name: cred}}
                """);
        ToolSpec prowler = CATALOG.resolve(Tool.PROWLER, Provider.AWS, Profile.QUICK).orElseThrow();
        Job job = ScanJobFactory.desired(scanJob, ScanRun.forGeneration(scanJob), prowler, CredentialMount.none(), DEFAULTS, "t");
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(prowler.timeout().toSeconds()).isEqualTo(7200L);
    }

    @Test
    void onlyToolsThatReadTheKubernetesApiGetAServiceAccountToken() {
        assertThat(jobFor(Tool.PROWLER, Provider.AWS, false).getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(jobFor(Tool.CHECKOV, Provider.GCP, false).getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        PodSpec audit = jobFor(Tool.KUBERNETES, Provider.KUBERNETES, false).getSpec().getTemplate().getSpec();
        assertThat(audit.getAutomountServiceAccountToken()).isTrue();
        assertThat(audit.getServiceAccountName()).isEqualTo("nubicustos-audit");
        assertThat(audit.getInitContainers()).as("the built-in audit has only the scanner container").isEmpty();
        assertThat(jobFor(Tool.KUBESCAPE, Provider.KUBERNETES, false).getSpec().getTemplate().getSpec()
                .getAutomountServiceAccountToken()).isTrue();
        PodSpec prowlerOnKubernetes = jobFor(Tool.PROWLER, Provider.KUBERNETES, false).getSpec().getTemplate().getSpec();
        assertThat(prowlerOnKubernetes.getAutomountServiceAccountToken()).as("Prowler reads the API on kubernetes only").isTrue();
        assertThat(prowlerOnKubernetes.getServiceAccountName()).isEqualTo("nubicustos-audit");
        assertThat(jobFor(Tool.CHECKOV, Provider.KUBERNETES, false).getSpec().getTemplate().getSpec()
                .getAutomountServiceAccountToken()).as("Checkov reads manifests, not the API").isFalse();
    }

    @Test
    void credentialsAreReadOnlyFilesOfTheListedKeysOnly() {
        PodSpec pod = jobFor(Tool.PROWLER, Provider.AWS, false).getSpec().getTemplate().getSpec();
        Volume credentials = volume(pod, "credentials");
        assertThat(credentials.getProjected().getDefaultMode()).isEqualTo(0400);
        assertThat(credentials.getProjected().getSources()).singleElement().satisfies(s -> {
            assertThat(s.getSecret().getName()).isEqualTo("cred-secret");
            assertThat(s.getSecret().getItems()).extracting(i -> i.getKey()).containsExactly("credentials");
            assertThat(s.getSecret().getItems()).allSatisfy(i -> assertThat(i.getMode()).isEqualTo(0400));
        });
        Container tool = pod.getInitContainers().get(0);
        assertThat(tool.getVolumeMounts()).filteredOn(m -> m.getName().equals("credentials"))
                .singleElement().satisfies(m -> assertThat(m.getReadOnly()).isTrue());
        assertThat(tool.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("AWS_SHARED_CREDENTIALS_FILE=/credentials/credentials", "AWS_PROFILE=audit", "AWS_DEFAULT_REGION=eu-west-1");
        assertThat(pod.getContainers().get(0).getVolumeMounts()).as("the scanner container never sees the cloud credential")
                .noneMatch(m -> m.getName().equals("credentials"));
        assertThat(tool.getEnv()).as("variables name files or carry identifiers, never Secret data")
                .allSatisfy(e -> assertThat(e.getValueFrom()).isNull())
                .filteredOn(e -> e.getName().endsWith("_FILE")).allSatisfy(e -> assertThat(e.getValue()).startsWith("/credentials/"));
    }

    @Test
    void toolArgumentsAreCatalogueThenRegionsThenSpecArgs() {
        Container tool = jobFor(Tool.PROWLER, Provider.AWS, false).getSpec().getTemplate().getSpec().getInitContainers().get(0);
        assertThat(tool.getCommand()).containsExactly("prowler");
        assertThat(tool.getArgs()).startsWith("aws", "--output-formats", "json-ocsf")
                .endsWith("--severity", "critical", "high", "--region", "eu-west-1", "us-east-1", "--verbose");
        Container scanner = jobFor(Tool.PROWLER, Provider.AWS, false).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(scanner.getArgs()).startsWith("upload").endsWith("--tool", "prowler", "/results/prowler.ocsf.json");
    }

    @Test
    void onlyKubeBenchNeedsHostAccess() {
        assertThat(toolsAndProviders().filter(a -> CATALOG.resolve((Tool) a.get()[0], (Provider) a.get()[1], Profile.QUICK)
                .orElseThrow().hostAccess()).map(a -> a.get()[0])).containsExactly(Tool.KUBE_BENCH);
    }

    @Test
    void kubeBenchWithHostAccessReadsNodeFilesReadOnlyWithoutCapabilities() {
        PodSpec pod = jobFor(Tool.KUBE_BENCH, Provider.KUBERNETES, true).getSpec().getTemplate().getSpec();
        ToolSpec spec = CATALOG.resolve(Tool.KUBE_BENCH, Provider.KUBERNETES, Profile.QUICK).orElseThrow();
        assertThat(spec.hostAccess()).isTrue();
        assertThat(pod.getHostPID()).isTrue();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getHostPath() != null).extracting(v -> v.getHostPath().getPath())
                .containsExactlyInAnyOrder("/etc/kubernetes", "/var/lib/kubelet");
        Container tool = pod.getInitContainers().get(0);
        assertThat(tool.getVolumeMounts()).filteredOn(m -> m.getName().startsWith("host-"))
                .allSatisfy(m -> assertThat(m.getReadOnly()).isTrue());
        assertThat(tool.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(tool.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(pod.getContainers().get(0).getSecurityContext().getRunAsNonRoot()).as("the scanner stays non-root").isTrue();
    }

    @Test
    void jobNamesAreDeterministicPerRunAndBounded() {
        ScanJob scanJob = TestCatalog.scanJob("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: %s, namespace: security}
                spec: {tool: trivy, provider: kubernetes}
                """.formatted("a".repeat(63)));
        ScanRun first = ScanRun.forGeneration(scanJob);
        assertThat(ScanRun.forGeneration(scanJob)).isEqualTo(first);
        assertThat(first.jobName()).hasSize(63);
        assertThat(ScanRun.forSlot(scanJob, java.time.Instant.parse("2026-11-23T02:00:00Z")).id()).isEqualTo("s20261123-0200");
        assertThat(ScanRun.forSlot(scanJob, java.time.Instant.parse("2026-11-24T02:00:00Z")).jobName()).isNotEqualTo(first.jobName());
    }

    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getInitContainers());
        all.addAll(pod.getContainers());
        return all;
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** The goldens run in a tenant namespace (security); from a cluster-scope one the same tools are told nothing. */
    @ParameterizedTest
    @MethodSource("toolsAndProviders")
    void toolsReadingTheApiAreLimitedToATenantNamespaceAndOnlyThere(Tool tool, Provider provider) {
        ToolSpec spec = CATALOG.resolve(tool, provider, Profile.QUICK).orElseThrow();
        List<String> tenant = podArgs(jobFor(tool, provider, spec.hostAccess()));
        ScanJob clusterScope = TestCatalog.scanJob("""
                apiVersion: nubicustos.io/v1alpha1
                kind: ScanJob
                metadata: {name: audit, namespace: nubicustos-system}
                spec: {tool: %s, provider: %s}
                """.formatted(tool.wireName(), provider.name().toLowerCase()));
        List<String> cluster = podArgs(ScanJobFactory.desired(clusterScope, ScanRun.forGeneration(clusterScope), spec,
                CredentialMount.none(), DEFAULTS, "token-secret"));
        String flag = tool == Tool.KUBERNETES ? "--namespace" : spec.namespaceFlag().orElse(null);
        if (spec.needsKubernetesApi()) {
            assertThat(flag).as("a tool that reads the API must have a flag that limits it to one namespace").isNotNull();
            assertThat(tenant).containsSequence(flag, "security");
            assertThat(cluster).doesNotContain(flag);
        } else {
            assertThat(tenant).doesNotContain("--namespace", "--include-namespaces", "security");
        }
    }

    private static List<String> podArgs(Job job) {
        List<String> args = new ArrayList<>();
        var pod = job.getSpec().getTemplate().getSpec();
        java.util.stream.Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).forEach(c -> args.addAll(c.getArgs()));
        return args;
    }
}
