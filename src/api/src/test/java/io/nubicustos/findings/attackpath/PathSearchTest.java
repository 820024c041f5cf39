package io.nubicustos.findings.attackpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nubicustos.findings.graph.AssetKind;
import io.nubicustos.findings.graph.FindingFact;
import io.nubicustos.findings.graph.GraphKeys;
import io.nubicustos.model.graph.EdgeType;

/** Path search and scores on planted graphs, without a server. */
class PathSearchTest {

    static final PathSearch.Limits LIMITS = new PathSearch.Limits(6, 1000, 100, Duration.ofSeconds(10));
    static final Targets TARGETS = new Targets("nubicustos.io/entry-point", "nubicustos.io/crown-jewel");

    /** A small graph builder: assets by ref and kind, findings on them, edges. */
    static final class Planted {
        final GraphSnapshot graph = new GraphSnapshot();
        final Map<String, List<FindingFact>> findings = new java.util.HashMap<>();
        final List<String[]> edges = new ArrayList<>();
        final Map<String, String[]> assets = new java.util.LinkedHashMap<>();
        final Map<String, Map<String, String>> labels = new java.util.HashMap<>();

        Planted asset(String ref, String type) {
            assets.put(ref, new String[] { type });
            return this;
        }

        Planted labels(String ref, Map<String, String> l) {
            labels.put(ref, l);
            return this;
        }

        Planted finding(String ref, int severity, String control) {
            findings.computeIfAbsent(ref, r -> new ArrayList<>())
                    .add(new FindingFact("fp-" + ref + "-" + control, severity, control, control, control, "open", "fix " + control));
            return this;
        }

        Planted edge(String from, EdgeType type, String to) {
            return edge(from, type, to, null);
        }

        Planted edge(String from, EdgeType type, String to, String action) {
            edges.add(new String[] { from, type.name(), to, action });
            return this;
        }

        PathSearch.Result search() {
            return search(LIMITS);
        }

        PathSearch.Result search(PathSearch.Limits limits) {
            assets.forEach((ref, type) -> graph.add(new Asset(GraphKeys.asset("t", ref), ref, AssetKind.classify(type[0], ref), type[0],
                    ref.split("/").length == 3 ? ref.split("/")[1] : null, null, labels.get(ref), findings.get(ref))));
            edges.forEach(e -> graph.link(e[0], EdgeType.valueOf(e[1]), e[2], e[3]));
            return PathSearch.search("t", graph, TARGETS, limits);
        }
    }

    static Planted exposedWorkload() {
        return new Planted()
                .asset("Internet", "Internet")
                .asset("Service/shop/web", "Service")
                .asset("Deployment/shop/web", "Deployment")
                .asset("Node//node-1", "Node")
                .edge("Internet", EdgeType.CAN_REACH, "Service/shop/web")
                .edge("Service/shop/web", EdgeType.CAN_REACH, "Deployment/shop/web")
                .edge("Deployment/shop/web", EdgeType.RUNS_ON, "Node//node-1")
                .finding("Service/shop/web", 2, "kubernetes:service-loadbalancer");
    }

    static List<String> refs(AttackPath path) {
        return path.nodes().stream().map(Asset::ref).toList();
    }

    @Test
    void anExposedPrivilegedVulnerablePodOnANodeScoresAtLeast90() {
        PathSearch.Result result = exposedWorkload()
                .finding("Deployment/shop/web", 4, "CVE-2024-3094")
                .finding("Deployment/shop/web", 4, "cis-k8s-5.2.2:privileged")
                .search();

        assertThat(result.paths()).hasSize(1);
        AttackPath path = result.paths().get(0);
        assertThat(refs(path)).containsExactly("Internet", "Service/shop/web", "Deployment/shop/web", "Node//node-1");
        assertThat(path.score()).isGreaterThanOrEqualTo(90);
        assertThat(path.impact()).isEqualTo(95);
        assertThat(path.steps()).extracting(s -> s.assessment().technique().id()).containsExactly("T1190", "T1190", "T1611");
        assertThat(path.steps().get(2).assessment().enabling()).extracting(FindingFact::control).containsExactly("cis-k8s-5.2.2:privileged");
        var detail = AttackPathViews.detail(path);
        assertThat(detail.breakAt().step()).as("the first step a finding enables: the load balancer").isZero();
    }

    @Test
    void theSamePathToAHardenedPodScoresAtMost20() {
        AttackPath path = exposedWorkload().search().paths().get(0);

        assertThat(refs(path)).containsExactly("Internet", "Service/shop/web", "Deployment/shop/web", "Node//node-1");
        assertThat(path.score()).isLessThanOrEqualTo(20);
        assertThat(path.steps().get(2).assessment().enabling()).isEmpty();
    }

    @Test
    void aPodWhoseServiceAccountIsBoundToClusterAdminReachesAnAdministratorIdentity() {
        PathSearch.Result result = exposedWorkload()
                .asset("ServiceAccount/shop/web", "ServiceAccount")
                .asset("ClusterRole//cluster-admin", "ClusterRole")
                .edge("Deployment/shop/web", EdgeType.RUNS_AS, "ServiceAccount/shop/web")
                .edge("ServiceAccount/shop/web", EdgeType.BOUND_TO, "ClusterRole//cluster-admin")
                .finding("Deployment/shop/web", 3, "CVE-2023-1234")
                .search();

        AttackPath admin = result.paths().stream().filter(p -> p.target().ref().equals("ClusterRole//cluster-admin")).findFirst().orElseThrow();
        assertThat(refs(admin)).containsExactly("Internet", "Service/shop/web", "Deployment/shop/web", "ServiceAccount/shop/web",
                "ClusterRole//cluster-admin");
        assertThat(admin.impact()).isEqualTo(100);
        assertThat(admin.impactReason()).isEqualTo("administrator identity");
        assertThat(admin.steps()).extracting(s -> s.assessment().technique().id()).containsExactly("T1190", "T1190", "T1528", "T1078");
        assertThat(admin.score()).as("more likely than the hardened node escape").isGreaterThan(
                result.paths().stream().filter(p -> p.target().ref().equals("Node//node-1")).findFirst().orElseThrow().score());
    }

    @Test
    void aServiceAccountAssumesAnIamRoleByIrsaThatReadsABucketWithACriticalFinding() {
        String role = "arn:aws:iam::123456789012:role/shop-web";
        String bucket = "arn:aws:s3:::shop-customer-data";
        PathSearch.Result result = exposedWorkload()
                .asset("ServiceAccount/shop/web", "ServiceAccount")
                .asset(role, "IamRole")
                .asset(bucket, "AwsS3Bucket")
                .edge("Deployment/shop/web", EdgeType.RUNS_AS, "ServiceAccount/shop/web")
                .edge("ServiceAccount/shop/web", EdgeType.CAN_ASSUME, role)
                .edge(role, EdgeType.HAS_PERMISSION, bucket, "s3:*")
                .finding(bucket, 4, "s3_bucket_public_access")
                .finding("Deployment/shop/web", 4, "CVE-2024-3094")
                .search();

        AttackPath data = result.paths().stream().filter(p -> p.target().ref().equals(bucket)).findFirst().orElseThrow();
        assertThat(refs(data)).containsExactly("Internet", "Service/shop/web", "Deployment/shop/web", "ServiceAccount/shop/web", role, bucket);
        assertThat(data.steps()).extracting(s -> s.type().name()).containsExactly("CAN_REACH", "CAN_REACH", "RUNS_AS", "CAN_ASSUME",
                "HAS_PERMISSION");
        assertThat(data.steps()).extracting(s -> s.assessment().technique().id()).endsWith("T1078.004", "T1530");
        assertThat(data.steps().get(4).action()).isEqualTo("s3:*");
        assertThat(data.impact()).isEqualTo(95);
        assertThat(data.score()).isGreaterThanOrEqualTo(80);
        assertThat(data.accounts()).isEmpty();
    }

    static Planted lateral(boolean segmented) {
        Planted planted = new Planted()
                .asset("Internet", "Internet")
                .asset("Ingress/dev/preview", "Ingress")
                .asset("Service/dev/preview", "Service")
                .asset("Deployment/dev/preview", "Deployment")
                .asset("Service/prod/db", "Service")
                .asset("StatefulSet/prod/db", "StatefulSet")
                .asset("Secret/prod/db-credentials", "Secret")
                .edge("Internet", EdgeType.CAN_REACH, "Ingress/dev/preview")
                .edge("Ingress/dev/preview", EdgeType.CAN_REACH, "Service/dev/preview")
                .edge("Service/dev/preview", EdgeType.CAN_REACH, "Deployment/dev/preview")
                .edge("Service/prod/db", EdgeType.CAN_REACH, "StatefulSet/prod/db")
                .edge("StatefulSet/prod/db", EdgeType.MOUNTS, "Secret/prod/db-credentials");
        if (!segmented) {
            planted.edge("Deployment/dev/preview", EdgeType.CAN_REACH, "Service/prod/db");
        }
        return planted;
    }

    @Test
    void aSegmentThatCutsTheLateralEdgeRemovesThePathToProduction() {
        AttackPath open = lateral(false).search().paths().get(0);
        assertThat(refs(open)).containsExactly("Internet", "Ingress/dev/preview", "Service/dev/preview", "Deployment/dev/preview",
                "Service/prod/db", "StatefulSet/prod/db", "Secret/prod/db-credentials");
        assertThat(open.steps().get(3).assessment().technique().id()).isEqualTo("T1210");
        assertThat(open.namespaces()).containsExactly("dev", "prod");

        assertThat(lateral(true).search().paths()).isEmpty();
    }

    @Test
    void pathsLongerThanTheHopLimitAreNotSearched() {
        Planted chain = new Planted().asset("Internet", "Internet");
        String previous = "Internet";
        for (int i = 0; i < 7; i++) {
            String next = "Service/chain/s" + i;
            chain.asset(next, "Service").edge(previous, EdgeType.CAN_REACH, next);
            previous = next;
        }
        chain.asset("Node//far", "Node").edge(previous, EdgeType.RUNS_ON, "Node//far");

        assertThat(chain.search(new PathSearch.Limits(6, 100, 100, Duration.ofSeconds(5))).paths()).isEmpty();
        assertThat(chain.search(new PathSearch.Limits(8, 100, 100, Duration.ofSeconds(5))).paths()).singleElement()
                .satisfies(p -> assertThat(p.hops()).isEqualTo(8));
    }

    @Test
    void ofTheShortestWaysTheEasiestIsKept() {
        PathSearch.Result result = new Planted()
                .asset("Internet", "Internet")
                .asset("Service/a/front", "Service")
                .asset("Deployment/a/hardened", "Deployment")
                .asset("Deployment/a/vulnerable", "Deployment")
                .asset("Secret/a/key", "Secret")
                .edge("Internet", EdgeType.CAN_REACH, "Service/a/front")
                .edge("Service/a/front", EdgeType.CAN_REACH, "Deployment/a/hardened")
                .edge("Service/a/front", EdgeType.CAN_REACH, "Deployment/a/vulnerable")
                .edge("Deployment/a/hardened", EdgeType.MOUNTS, "Secret/a/key")
                .edge("Deployment/a/vulnerable", EdgeType.MOUNTS, "Secret/a/key")
                .finding("Deployment/a/vulnerable", 4, "CVE-2021-44228")
                .search();

        assertThat(result.paths()).singleElement().satisfies(p -> assertThat(refs(p)).contains("Deployment/a/vulnerable"));
    }

    @Test
    void labelsMarkEntryPointsAndCrownJewels() {
        PathSearch.Result result = new Planted()
                .asset("Deployment/ci/runner", "Deployment")
                .asset("ConfigMap/ci/signing", "ConfigMap")
                .labels("Deployment/ci/runner", Map.of("nubicustos.io/entry-point", "true"))
                .labels("ConfigMap/ci/signing", Map.of("nubicustos.io/crown-jewel", "true"))
                .edge("Deployment/ci/runner", EdgeType.MOUNTS, "ConfigMap/ci/signing")
                .search();

        assertThat(result.paths()).singleElement().satisfies(p -> {
            assertThat(refs(p)).containsExactly("Deployment/ci/runner", "ConfigMap/ci/signing");
            assertThat(p.impactReason()).isEqualTo("labelled crown jewel");
            assertThat(p.exploitability()).isEqualTo(80);
        });
    }

    @Test
    void anExpiredSearchReturnsWhatItHasMarkedTruncated() {
        PathSearch.Result result = exposedWorkload().search(new PathSearch.Limits(6, 100, 100, Duration.ZERO));

        assertThat(result.truncated()).isTrue();
        assertThat(result.paths()).isEmpty();
    }

    @Test
    void pathIdsAreStableAndDifferByScope() {
        AttackPath a = exposedWorkload().search().paths().get(0);
        AttackPath b = exposedWorkload().search().paths().get(0);

        assertThat(a.id()).isEqualTo(b.id()).matches("ap-[0-9a-f]{24}");
        assertThat(AttackPath.id("other", a.nodes(), a.steps())).isNotEqualTo(a.id());
    }

    @Test
    void resolvedOrAcceptedFindingsEnableNothing() {
        Planted planted = exposedWorkload();
        planted.findings.computeIfAbsent("Deployment/shop/web", r -> new ArrayList<>())
                .add(new FindingFact("fp-x", 4, "cis-k8s-5.2.2:privileged", "C-0057", "privileged", "false_positive", null));

        assertThat(planted.search().paths().get(0).score()).isLessThanOrEqualTo(20);
    }
}
