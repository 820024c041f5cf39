package io.nubicustos.operator.networksegment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;
import io.nubicustos.model.kubernetes.NetworkPolicies;
import io.nubicustos.model.kubernetes.NetworkPolicies.Endpoint;
import io.nubicustos.operator.crd.RepositoryFiles;

/**
 * Atlas's five networks, rendered from the samples users apply, and every ordered pair of
 * segments checked with a policy evaluator: the isolation the seed document promises.
 */
class AtlasSegmentationTest {

    static final SegmentEnvironment ENV = new SegmentEnvironment(
            Map.of("kubernetes.io/metadata.name", "kube-system"), Map.of("k8s-app", "kube-dns"),
            Map.of("kubernetes.io/metadata.name", "ingress-nginx"), Map.of("app.kubernetes.io/name", "ingress-nginx"),
            Map.of("kubernetes.io/metadata.name", "nubicustos-system"), Map.of("app.kubernetes.io/name", "nubicustos"), 8080,
            "cluster.local", 3);
    static final List<String> SEGMENTS = List.of("development", "testing", "staging", "production", "management");
    static final Map<String, NetworkSegment> ATLAS = new LinkedHashMap<>();
    static final List<NetworkPolicy> POLICIES = new ArrayList<>();

    static {
        KubernetesSerialization yaml = new KubernetesSerialization();
        RepositoryFiles.documents("config/samples/networksegments").forEach(d -> {
            NetworkSegment s = yaml.convertValue(d.content(), NetworkSegment.class);
            s.getMetadata().setUid("uid-" + s.getMetadata().getName());
            ATLAS.put(s.getMetadata().getName(), s);
        });
        for (String segment : SEGMENTS) {
            POLICIES.addAll(NetworkPolicyRenderer.render(ATLAS.get(segment), ATLAS.values(), namespace(segment), ENV));
        }
    }

    static final NetworkPolicies NET = new NetworkPolicies(POLICIES);

    static String namespace(String segment) {
        return segment.substring(0, 4) + "-apps";
    }

    static Endpoint app(String segment) {
        return Endpoint.pod(namespace(segment), Map.of("kubernetes.io/metadata.name", namespace(segment), "nubicustos.io/segment", segment),
                Map.of("app", "web"));
    }

    static final Endpoint DNS = Endpoint.pod("kube-system", Map.of("kubernetes.io/metadata.name", "kube-system"), Map.of("k8s-app", "kube-dns"));
    static final Endpoint PROXY = Endpoint.pod("ingress-nginx", Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
            Map.of("app.kubernetes.io/name", "ingress-nginx"));
    static final Endpoint API = Endpoint.pod("nubicustos-system", Map.of("kubernetes.io/metadata.name", "nubicustos-system"),
            Map.of("app.kubernetes.io/name", "nubicustos"));

    static Stream<Arguments> orderedPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (String from : SEGMENTS) {
            for (String to : SEGMENTS) {
                pairs.add(Arguments.of(from, to, from.equals(to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("orderedPairs")
    void segmentsReachOnlyThemselves(String from, String to, boolean expected) {
        assertThat(NET.allowed(app(from), app(to), "TCP", 443)).isEqualTo(expected);
    }

    @Test
    void withinASegmentEveryNamespaceReachesEveryOther() {
        Endpoint otherProdNamespace = Endpoint.pod("prod-api", Map.of("nubicustos.io/segment", "production"), Map.of("app", "api"));
        List<NetworkPolicy> withSecond = new ArrayList<>(POLICIES);
        withSecond.addAll(NetworkPolicyRenderer.render(ATLAS.get("production"), ATLAS.values(), "prod-api", ENV));
        assertThat(new NetworkPolicies(withSecond).allowed(app("production"), otherProdNamespace, "TCP", 8080)).isTrue();
    }

    @Test
    void everySegmentResolvesNamesButTalksToNothingElseInKubeSystem() {
        for (String segment : SEGMENTS) {
            assertThat(NET.allowed(app(segment), DNS, "UDP", 53)).as(segment).isTrue();
            assertThat(NET.allowed(app(segment), DNS, "TCP", 53)).as(segment).isTrue();
            assertThat(NET.allowed(app(segment), DNS, "TCP", 443)).as(segment).isFalse();
        }
    }

    @Test
    void productionAndManagementAreReachedOnlyThroughTheProxyOrFromTheAllowlist() {
        assertThat(NET.allowed(PROXY, app("production"), "TCP", 443)).isTrue();
        assertThat(NET.allowed(PROXY, app("management"), "TCP", 443)).isTrue();
        assertThat(NET.allowed(Endpoint.external("203.0.113.7"), app("production"), "TCP", 443)).isTrue();
        assertThat(NET.allowed(Endpoint.external("192.168.1.20"), app("management"), "TCP", 443)).isTrue();
        assertThat(NET.allowed(Endpoint.external("203.0.113.7"), app("management"), "TCP", 443))
                .as("management admits only the admin range").isFalse();
        assertThat(NET.allowed(Endpoint.external("8.8.8.8"), app("production"), "TCP", 443)).isFalse();
        for (String nat : List.of("development", "testing", "staging")) {
            assertThat(NET.allowed(PROXY, app(nat), "TCP", 443)).as(nat + " has no ingress").isFalse();
        }
    }

    @Test
    void natSegmentsReachTheInternetButNoPrivateRange() {
        for (String nat : List.of("development", "testing", "staging")) {
            assertThat(NET.allowed(app(nat), Endpoint.external("8.8.8.8"), "TCP", 443)).as(nat).isTrue();
            assertThat(NET.allowed(app(nat), Endpoint.external("10.40.0.5"), "TCP", 443)).as(nat).isFalse();
            assertThat(NET.allowed(app(nat), Endpoint.external("169.254.169.254"), "TCP", 80)).as(nat + " metadata service").isFalse();
        }
        assertThat(NET.allowed(app("production"), Endpoint.external("8.8.8.8"), "TCP", 443)).isFalse();
        assertThat(NET.allowed(app("management"), Endpoint.external("8.8.8.8"), "TCP", 443)).isFalse();
    }

    @Test
    void productionReachesItsDatabaseSubnetOnItsPortOnly() {
        assertThat(NET.allowed(app("production"), Endpoint.external("10.40.100.3"), "TCP", 5432)).isTrue();
        assertThat(NET.allowed(app("production"), Endpoint.external("10.40.100.3"), "TCP", 22)).isFalse();
        assertThat(NET.allowed(app("production"), Endpoint.external("10.40.100.30"), "TCP", 5432)).as("outside the /28").isFalse();
    }

    @Test
    void scanPodsOfASegmentUploadToTheApiAndOtherPodsDoNot() {
        Endpoint scanPod = Endpoint.pod(namespace("management"), app("management").namespaceLabels(),
                Map.of("nubicustos.io/segment", "management", "app.kubernetes.io/name", "nubicustos-scan"));
        assertThat(NET.allowed(scanPod, API, "TCP", 8080)).isTrue();
        assertThat(NET.allowed(app("management"), API, "TCP", 8080)).isFalse();
    }

    @Test
    void allowFromOpensExactlyTheListedDirection() {
        NetworkSegment staging = new KubernetesSerialization().unmarshal("""
                apiVersion: nubicustos.io/v1alpha1
                kind: NetworkSegment
                metadata: {name: staging, uid: s}
                spec: {cidr: 10.30.0.0/24, namespaceSelector: {matchLabels: {nubicustos.io/segment: staging}}, externalAccess: nat,
                       allowFrom: [testing]}
                """, NetworkSegment.class);
        Map<String, NetworkSegment> changed = new LinkedHashMap<>(ATLAS);
        changed.put("staging", staging);
        List<NetworkPolicy> policies = new ArrayList<>();
        for (String segment : SEGMENTS) {
            policies.addAll(NetworkPolicyRenderer.render(changed.get(segment), changed.values(), namespace(segment), ENV));
        }
        NetworkPolicies net = new NetworkPolicies(policies);
        assertThat(net.allowed(app("testing"), app("staging"), "TCP", 443)).isTrue();
        assertThat(net.allowed(app("staging"), app("testing"), "TCP", 443)).isFalse();
        assertThat(net.allowed(app("development"), app("staging"), "TCP", 443)).isFalse();
    }
}
