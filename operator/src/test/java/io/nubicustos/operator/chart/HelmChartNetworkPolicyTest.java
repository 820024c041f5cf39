package io.nubicustos.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.nubicustos.model.kubernetes.NetworkPolicies.Endpoint;

/**
 * The chart's own NetworkPolicies, evaluated as a network plugin would: only the API port (and the
 * management ports, probes and metrics, from the monitoring namespace) is open, and the pods reach DNS, the Kubernetes API
 * and the databases, nothing else.
 */
class HelmChartNetworkPolicyTest {

    static final Endpoint SCAN_POD = Traffic.pod("team-a", Map.of("app.kubernetes.io/name", "nubicustos-scan"));
    static final Endpoint SOME_POD = Traffic.pod("team-a", Map.of("app", "shop"));
    static final Endpoint PROMETHEUS = Traffic.pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
    static final Endpoint INGRESS_PROXY = Traffic.pod("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
    static final Endpoint DNS = Traffic.pod("kube-system", Map.of("k8s-app", "kube-dns"));

    @Test
    void byDefaultTheOperatorPodAcceptsTheApiPortFromAnywhereAndMetricsFromMonitoringOnly() {
        Chart.Rendered rendered = Chart.defaults();
        Traffic traffic = new Traffic(rendered.all(NetworkPolicy.class));
        Endpoint operator = Traffic.of(rendered.podTemplates().get("nubicustos-operator"));

        assertThat(traffic.allowed(SCAN_POD, operator, 8080)).as("scan pods upload").isTrue();
        assertThat(traffic.allowed(SOME_POD, operator, 8080)).as("API clients").isTrue();
        assertThat(traffic.allowed(Traffic.address("203.0.113.7"), operator, 8080)).isTrue();
        assertThat(traffic.allowed(PROMETHEUS, operator, 9001)).as("scraping the operator").isTrue();
        assertThat(traffic.allowed(PROMETHEUS, operator, 9000)).as("scraping the API beside it").isTrue();
        assertThat(traffic.allowed(SOME_POD, operator, 9001)).as("the operator's management port from elsewhere").isFalse();
        assertThat(traffic.allowed(SOME_POD, operator, 9000)).as("the API's management port from elsewhere").isFalse();
        assertThat(traffic.allowed(SCAN_POD, operator, 9000)).as("scan pods upload, nothing more").isFalse();
        assertThat(traffic.allowed(Traffic.address("203.0.113.7"), operator, 9000)).isFalse();
        assertThat(traffic.allowed(SOME_POD, operator, 8081)).as("the operator's HTTP port").isFalse();
        assertThat(traffic.allowed(SOME_POD, operator, 5005)).as("any other port").isFalse();

        assertThat(traffic.allowed(operator, DNS, "UDP", 53)).isTrue();
        assertThat(traffic.allowed(operator, DNS, "TCP", 53)).isTrue();
        assertThat(traffic.allowed(operator, Traffic.pod("team-a", Map.of("k8s-app", "kube-dns")), "UDP", 53))
                .as("DNS only in kube-system").isFalse();
        // Without a cluster to look at, the API server's address is unknown: its ports, any address.
        assertThat(traffic.allowed(operator, Traffic.address("10.43.0.1"), 443)).isTrue();
        assertThat(traffic.allowed(operator, Traffic.address("172.18.0.2"), 6443)).isTrue();
        assertThat(traffic.allowed(operator, Traffic.address("198.51.100.4"), 5432)).as("external PostgreSQL").isTrue();
        assertThat(traffic.allowed(operator, Traffic.address("198.51.100.5"), 7687)).as("external Neo4j").isTrue();
        assertThat(traffic.allowed(operator, Traffic.address("198.51.100.6"), 80)).as("the internet").isFalse();
        assertThat(traffic.allowed(operator, SOME_POD, 8080)).as("other workloads").isFalse();
    }

    @Test
    void withEverythingOnEachPodReachesOnlyWhatItNeeds() {
        Chart.Rendered rendered = Chart.everythingOn();
        assertThat(rendered.all(NetworkPolicy.class)).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("nubicustos-operator", "nubicustos-api", "nubicustos-postgresql", "nubicustos-neo4j");
        Traffic traffic = new Traffic(rendered.all(NetworkPolicy.class));
        var pods = rendered.podTemplates();
        Endpoint operator = Traffic.of(pods.get("nubicustos-operator"));
        Endpoint api = Traffic.of(pods.get("nubicustos-api"));
        Endpoint postgresql = Traffic.of(pods.get("nubicustos-postgresql"));
        Endpoint neo4j = Traffic.of(pods.get("nubicustos-neo4j"));

        // apiFrom restricts clients to the ingress proxy; scan pods still upload over HTTP, Prometheus still scrapes.
        assertThat(traffic.allowed(INGRESS_PROXY, api, 8443)).isTrue();
        assertThat(traffic.allowed(SOME_POD, api, 8443)).isFalse();
        assertThat(traffic.allowed(SOME_POD, api, 8080)).isFalse();
        assertThat(traffic.allowed(SCAN_POD, api, 8080)).isTrue();
        assertThat(traffic.allowed(SCAN_POD, api, 8443)).isFalse();
        assertThat(traffic.allowed(PROMETHEUS, api, 9000)).isTrue();
        assertThat(traffic.allowed(PROMETHEUS, api, 8080)).as("metrics are not on the API port").isFalse();
        assertThat(traffic.allowed(SCAN_POD, api, 9000)).isFalse();
        assertThat(traffic.allowed(PROMETHEUS, operator, 9001)).isTrue();
        assertThat(traffic.allowed(PROMETHEUS, operator, 9000)).as("no API in the operator pod").isFalse();
        assertThat(traffic.allowed(INGRESS_PROXY, operator, 8080)).as("the operator pod serves no API when separate").isFalse();

        // The API server at the given address only.
        assertThat(traffic.allowed(api, Traffic.address("172.18.0.2"), 6443)).isTrue();
        assertThat(traffic.allowed(operator, Traffic.address("172.18.0.2"), 443)).isTrue();
        assertThat(traffic.allowed(operator, Traffic.address("10.0.0.9"), 6443)).isFalse();
        // Databases: the bundled pods, from the API only.
        assertThat(traffic.allowed(api, postgresql, 5432)).isTrue();
        assertThat(traffic.allowed(api, neo4j, 7687)).isTrue();
        assertThat(traffic.allowed(api, Traffic.address("198.51.100.4"), 5432)).as("no other PostgreSQL").isFalse();
        assertThat(traffic.allowed(operator, postgresql, 5432)).as("the operator has no business there").isFalse();
        assertThat(traffic.allowed(SOME_POD, postgresql, 5432)).isFalse();
        assertThat(traffic.allowed(SOME_POD, neo4j, 7687)).isFalse();
        assertThat(traffic.allowed(api, neo4j, 7474)).as("Neo4j's HTTP port").isFalse();
        // The databases reach nothing at all, not even DNS.
        assertThat(traffic.allowed(postgresql, DNS, "UDP", 53)).isFalse();
        assertThat(traffic.allowed(neo4j, Traffic.address("198.51.100.6"), 443)).isFalse();
    }

    @Test
    void theKubernetesApiServersAddressesAreLookedUpOnInstall() {
        Chart.Rendered rendered = Chart.renderAgainstCluster("{}", Map.of(
                "discovery.k8s.io/v1/EndpointSlice/default/kubernetes", Map.of("endpoints", java.util.List.of(
                        Map.of("addresses", java.util.List.of("172.18.0.2")), Map.of("addresses", java.util.List.of("172.18.0.3")))),
                "v1/Service/default/kubernetes", Map.of("spec", Map.of("clusterIP", "10.43.0.1"))));
        Traffic traffic = new Traffic(rendered.all(NetworkPolicy.class));
        Endpoint operator = Traffic.of(rendered.podTemplates().get("nubicustos-operator"));
        assertThat(traffic.allowed(operator, Traffic.address("172.18.0.2"), 6443)).isTrue();
        assertThat(traffic.allowed(operator, Traffic.address("172.18.0.3"), 6443)).isTrue();
        assertThat(traffic.allowed(operator, Traffic.address("10.43.0.1"), 443)).isTrue();
        assertThat(traffic.allowed(operator, Traffic.address("172.18.0.4"), 6443)).isFalse();
    }

    @Test
    void withoutMonitoringPeersTheManagementPortsAnswerNobody() {
        Chart.Rendered rendered = Chart.render("networkPolicy: {metricsFrom: []}");
        Traffic traffic = new Traffic(rendered.all(NetworkPolicy.class));
        Endpoint operator = Traffic.of(rendered.podTemplates().get("nubicustos-operator"));
        assertThat(traffic.allowed(PROMETHEUS, operator, 9000)).isFalse();
        assertThat(traffic.allowed(PROMETHEUS, operator, 9001)).isFalse();
        assertThat(traffic.allowed(SOME_POD, operator, 8080)).as("the API port stays open").isTrue();
    }

    @Test
    void networkPoliciesCanBeLeftToSomeoneElse() {
        assertThat(Chart.render("networkPolicy: {enabled: false}").all(NetworkPolicy.class)).isEmpty();
    }
}
