package io.nubicustos.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Every pod the chart renders meets the Pod Security Standard "restricted" (as the API server's
 * admission would check it), is bounded by requests and limits, and is probed on its health
 * endpoints. Checked with the defaults and with every optional feature on (bundled databases too).
 */
class HelmChartSecurityTest {

    static Chart.Rendered render(String which) {
        return which.equals("defaults") ? Chart.defaults() : Chart.everythingOn();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "everything on"})
    void everyPodMeetsTheRestrictedPodSecurityStandard(String which) {
        Map<String, PodTemplateSpec> pods = render(which).podTemplates();
        assertThat(pods).isNotEmpty();
        pods.forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            var podContext = pod.getSecurityContext();
            assertThat(podContext).as(workload).isNotNull();
            assertThat(podContext.getRunAsNonRoot()).as(workload + " runAsNonRoot").isTrue();
            assertThat(podContext.getRunAsUser()).as(workload + " runAsUser").isNotNull().isPositive();
            assertThat(podContext.getSeccompProfile().getType()).as(workload + " seccomp").isEqualTo("RuntimeDefault");
            // restricted forbids host namespaces and every volume type but these.
            assertThat(pod.getHostNetwork()).as(workload).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(workload).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostIPC()).as(workload).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getVolumes()).as(workload + " volumes").allSatisfy(v -> assertThat(allowedVolume(v)).as(v.getName()).isTrue());
            assertThat(pod.getEnableServiceLinks()).as(workload + " enableServiceLinks").isFalse();
            for (Container c : containers(pod)) {
                String where = workload + "/" + c.getName();
                var sc = c.getSecurityContext();
                assertThat(sc).as(where).isNotNull();
                assertThat(sc.getAllowPrivilegeEscalation()).as(where + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getPrivileged()).as(where + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getCapabilities().getDrop()).as(where + " drops").containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(where + " adds").isNullOrEmpty();
                assertThat(sc.getReadOnlyRootFilesystem()).as(where + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getRunAsNonRoot()).as(where + " runAsNonRoot").isNotEqualTo(Boolean.FALSE);
                assertThat(sc.getRunAsUser()).as(where + " runAsUser").satisfiesAnyOf(u -> assertThat(u).isNull(), u -> assertThat(u).isPositive());
                assertThat(sc.getSeccompProfile().getType()).as(where + " seccomp").isEqualTo("RuntimeDefault");
                assertThat(c.getPorts()).as(where).allSatisfy(p -> assertThat(p.getHostPort()).isNull());
                // Bounded: a container without limits could starve the node.
                assertThat(c.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(where + " limits").containsKeys("cpu", "memory");
                c.getResources().getLimits().forEach((resource, limit) -> assertThat(Quantity.getAmountInBytes(limit))
                        .as(where + " " + resource + " limit >= request")
                        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(c.getResources().getRequests().get(resource))));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "everything on"})
    void everyJavaContainerWritesOnlyToAnEmptyDirTmp(String which) {
        render(which).all(Deployment.class).forEach(d -> {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            for (Container c : pod.getContainers()) {
                VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + "/" + c.getName() + " has no /tmp"));
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
                assertThat(volume.getEmptyDir()).as(c.getName() + " /tmp").isNotNull();
                assertThat(volume.getEmptyDir().getSizeLimit()).as(c.getName() + " /tmp is bounded").isNotNull();
                // Each container its own /tmp: the sidecar cannot read the operator's files.
                assertThat(pod.getContainers().stream().filter(o -> o != c)
                        .flatMap(o -> o.getVolumeMounts().stream()).map(VolumeMount::getName)).doesNotContain(tmp.getName());
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "everything on"})
    void bothContainersAreProbedOnTheirSmallRyeHealthEndpoints(String which) {
        Chart.Rendered rendered = render(which);
        Map<String, List<String>> expected = Map.of(
                "operator", List.of("/q/health/started", "/q/health/live", "/q/health/ready"),
                "api", List.of("/q/health/started", "/q/health/live", "/q/health/ready"));
        List<String> seen = new ArrayList<>();
        rendered.all(Deployment.class).forEach(d -> d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> {
            List<String> paths = expected.get(c.getName());
            assertThat(paths).as("unexpected container " + c.getName()).isNotNull();
            assertThat(List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()))
                    .extracting(p -> p.getHttpGet().getPath()).containsExactlyElementsOf(paths);
            // The management interfaces, 9001 and 9000: two ports in one pod when the API is a sidecar.
            String port = c.getName().equals("operator") ? "mgmt-operator" : "mgmt-api";
            int number = c.getName().equals("operator") ? 9001 : 9000;
            assertThat(List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()))
                    .allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo(port));
            assertThat(c.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo(port);
                assertThat(p.getContainerPort()).isEqualTo(number);
            });
            seen.add(c.getName());
        }));
        assertThat(seen).contains("operator", "api");
        // Operator and API in one pod (the default sidecar) must not claim one port twice.
        rendered.podTemplates().forEach((name, pod) -> {
            List<io.fabric8.kubernetes.api.model.ContainerPort> ports = pod.getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts().stream()).toList();
            assertThat(ports).as(name).extracting(io.fabric8.kubernetes.api.model.ContainerPort::getContainerPort).doesNotHaveDuplicates();
            assertThat(ports).as(name).extracting(io.fabric8.kubernetes.api.model.ContainerPort::getName).doesNotHaveDuplicates();
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "everything on"})
    void onlyPodsThatCallTheKubernetesApiGetAServiceAccountToken(String which) {
        render(which).podTemplates().forEach((workload, template) -> {
            boolean talksToKubernetes = template.getSpec().getContainers().stream()
                    .anyMatch(c -> c.getName().equals("operator") || c.getName().equals("api"));
            assertThat(template.getSpec().getAutomountServiceAccountToken()).as(workload).isEqualTo(talksToKubernetes);
        });
    }

    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        return all;
    }

    /** The volume types the restricted profile allows. */
    private static boolean allowedVolume(Volume v) {
        return v.getEmptyDir() != null || v.getSecret() != null || v.getConfigMap() != null || v.getProjected() != null
                || v.getPersistentVolumeClaim() != null || v.getDownwardAPI() != null || v.getCsi() != null || v.getEphemeral() != null;
    }
}
