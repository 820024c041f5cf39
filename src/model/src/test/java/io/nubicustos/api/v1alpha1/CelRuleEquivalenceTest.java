package io.nubicustos.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nubicustos.api.v1alpha1.cloudcredential.CloudCredentialRules;
import io.nubicustos.api.v1alpha1.common.CelRule;
import io.nubicustos.api.v1alpha1.common.CelRules;
import io.nubicustos.api.v1alpha1.networksegment.NetworkSegmentRules;
import io.nubicustos.api.v1alpha1.scanjob.ScanJobRules;

/**
 * No API server runs here, so the CEL rules cannot be evaluated; each one gets a table of
 * objects with the verdict the CEL expression gives them (worked out by hand from the
 * expression), and the Java equivalent the operator enforces must agree on every row.
 */
class CelRuleEquivalenceTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    static Stream<Arguments> table() {
        return Stream.of(
                // ScanJob
                row(ScanJobRules.BUILTIN_NEEDS_KUBERNETES, "{tool: kubernetes, provider: kubernetes}", true),
                row(ScanJobRules.BUILTIN_NEEDS_KUBERNETES, "{tool: kubernetes, provider: aws}", false),
                row(ScanJobRules.BUILTIN_NEEDS_KUBERNETES, "{tool: prowler, provider: aws}", true),
                row(ScanJobRules.CLUSTER_TOOLS_NEED_KUBERNETES, "{tool: kube-bench, provider: kubernetes}", true),
                row(ScanJobRules.CLUSTER_TOOLS_NEED_KUBERNETES, "{tool: kube-bench, provider: gcp}", false),
                row(ScanJobRules.CLUSTER_TOOLS_NEED_KUBERNETES, "{tool: kubescape, provider: azure}", false),
                row(ScanJobRules.CLUSTER_TOOLS_NEED_KUBERNETES, "{tool: trivy, provider: aws}", true),
                row(ScanJobRules.SCOUTSUITE_NEEDS_CLOUD, "{tool: scoutsuite, provider: azure}", true),
                row(ScanJobRules.SCOUTSUITE_NEEDS_CLOUD, "{tool: scoutsuite, provider: kubernetes}", false),
                row(ScanJobRules.CLOUD_NEEDS_CREDENTIAL, "{tool: prowler, provider: aws, credentialRef: {name: a}}", true),
                row(ScanJobRules.CLOUD_NEEDS_CREDENTIAL, "{tool: prowler, provider: gcp}", false),
                row(ScanJobRules.CLOUD_NEEDS_CREDENTIAL, "{tool: trivy, provider: kubernetes}", true),
                row(ScanJobRules.TIME_ZONE_NEEDS_SCHEDULE, "{tool: trivy, provider: kubernetes, timeZone: UTC}", false),
                row(ScanJobRules.TIME_ZONE_NEEDS_SCHEDULE, "{tool: trivy, provider: kubernetes, timeZone: UTC, schedule: '@daily'}", true),
                row(ScanJobRules.TIME_ZONE_NEEDS_SCHEDULE, "{tool: trivy, provider: kubernetes}", true),
                row(ScanJobRules.DEADLINE_NEEDS_SCHEDULE, "{tool: trivy, provider: kubernetes, startingDeadlineSeconds: 60}", false),
                row(ScanJobRules.DEADLINE_NEEDS_SCHEDULE, "{tool: trivy, provider: kubernetes, startingDeadlineSeconds: 60, schedule: '0 * * * *'}", true),
                row(ScanJobRules.HOST_ACCESS_ONLY_KUBE_BENCH, "{tool: kube-bench, provider: kubernetes, hostAccess: true}", true),
                row(ScanJobRules.HOST_ACCESS_ONLY_KUBE_BENCH, "{tool: trivy, provider: kubernetes, hostAccess: true}", false),
                row(ScanJobRules.HOST_ACCESS_ONLY_KUBE_BENCH, "{tool: trivy, provider: kubernetes, hostAccess: false}", true),
                // CloudCredential
                row(CloudCredentialRules.AWS_NEEDS_CONFIG, "{provider: aws}", false),
                row(CloudCredentialRules.AWS_NEEDS_CONFIG, "{provider: aws, secretRef: {name: s}}", true),
                row(CloudCredentialRules.AWS_NEEDS_CONFIG, "{provider: aws, aws: {authMethod: workload-identity}}", true),
                row(CloudCredentialRules.AZURE_NEEDS_BLOCK, "{provider: azure, secretRef: {name: s}}", false),
                row(CloudCredentialRules.AZURE_NEEDS_BLOCK, "{provider: azure, azure: {authMethod: managed-identity, subscriptionId: x}}", true),
                row(CloudCredentialRules.GCP_NEEDS_BLOCK, "{provider: gcp}", false),
                row(CloudCredentialRules.GCP_NEEDS_BLOCK, "{provider: gcp, gcp: {projectId: my-project}}", true),
                row(CloudCredentialRules.KUBERNETES_NEEDS_KUBECONFIG, "{provider: kubernetes}", false),
                row(CloudCredentialRules.KUBERNETES_NEEDS_KUBECONFIG, "{provider: kubernetes, secretRef: {name: kc}}", true),
                row(CloudCredentialRules.BLOCK_MATCHES_PROVIDER, "{provider: aws, azure: {authMethod: managed-identity}}", false),
                row(CloudCredentialRules.BLOCK_MATCHES_PROVIDER, "{provider: gcp, kubernetes: {context: c}}", false),
                row(CloudCredentialRules.BLOCK_MATCHES_PROVIDER, "{provider: aws, aws: {region: eu-west-1}}", true),
                row(CloudCredentialRules.SECRET_METHODS_NEED_SECRET, "{provider: aws, aws: {authMethod: static-keys}}", false),
                row(CloudCredentialRules.SECRET_METHODS_NEED_SECRET, "{provider: aws, aws: {}}", false),
                row(CloudCredentialRules.SECRET_METHODS_NEED_SECRET, "{provider: azure, azure: {authMethod: certificate}}", false),
                row(CloudCredentialRules.SECRET_METHODS_NEED_SECRET, "{provider: gcp, gcp: {authMethod: service-account-key}}", false),
                row(CloudCredentialRules.SECRET_METHODS_NEED_SECRET, "{provider: azure, azure: {authMethod: managed-identity}}", true),
                row(CloudCredentialRules.SECRET_METHODS_NEED_SECRET, "{provider: aws, aws: {authMethod: static-keys}, secretRef: {name: s}}", true),
                row(CloudCredentialRules.WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT, "{provider: aws, aws: {authMethod: workload-identity}}", false),
                row(CloudCredentialRules.WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT, "{provider: gcp, gcp: {authMethod: workload-identity}}", false),
                row(CloudCredentialRules.WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT,
                        "{provider: azure, azure: {authMethod: workload-identity}, workloadIdentity: {serviceAccountName: sa}}", true),
                row(CloudCredentialRules.WORKLOAD_IDENTITY_NEEDS_SERVICE_ACCOUNT, "{provider: aws, aws: {authMethod: assume-role}}", true),
                row(CloudCredentialRules.AWS_ASSUME_ROLE_NEEDS_ARN, "{authMethod: assume-role}", false),
                row(CloudCredentialRules.AWS_ASSUME_ROLE_NEEDS_ARN, "{authMethod: assume-role, roleArn: 'arn:aws:iam::123456789012:role/r'}", true),
                row(CloudCredentialRules.AWS_ASSUME_ROLE_NEEDS_ARN, "{authMethod: static-keys}", true),
                row(CloudCredentialRules.AWS_EXTERNAL_ID_NEEDS_ROLE, "{externalId: abc}", false),
                row(CloudCredentialRules.AWS_EXTERNAL_ID_NEEDS_ROLE, "{externalId: abc, roleArn: 'arn:aws:iam::123456789012:role/r'}", true),
                row(CloudCredentialRules.AZURE_PRINCIPAL_NEEDS_IDS, "{authMethod: client-secret, tenantId: t}", false),
                row(CloudCredentialRules.AZURE_PRINCIPAL_NEEDS_IDS, "{authMethod: workload-identity, tenantId: t, clientId: c}", true),
                row(CloudCredentialRules.AZURE_PRINCIPAL_NEEDS_IDS, "{authMethod: managed-identity}", true),
                // NetworkSegment
                row(NetworkSegmentRules.NOT_SELF_IN_ALLOW_FROM, "{metadata: {name: production}, spec: {allowFrom: [management, production]}}", false),
                row(NetworkSegmentRules.NOT_SELF_IN_ALLOW_FROM, "{metadata: {name: production}, spec: {allowFrom: [management]}}", true),
                row(NetworkSegmentRules.NOT_SELF_IN_ALLOW_FROM, "{metadata: {name: production}, spec: {cidr: 10.40.0.0/24}}", true),
                row(NetworkSegmentRules.ALLOWLIST_NEEDS_INGRESS, "{externalAccess: nat, ingressAllowlist: [192.168.1.0/24]}", false),
                row(NetworkSegmentRules.ALLOWLIST_NEEDS_INGRESS, "{externalAccess: ingress, ingressAllowlist: [192.168.1.0/24]}", true),
                row(NetworkSegmentRules.ALLOWLIST_NEEDS_INGRESS, "{externalAccess: none, ingressAllowlist: []}", true),
                row(NetworkSegmentRules.PORT_RANGE_ORDERED, "{port: 8000, endPort: 7000}", false),
                row(NetworkSegmentRules.PORT_RANGE_ORDERED, "{port: 8000, endPort: 8080}", true),
                row(NetworkSegmentRules.PORT_RANGE_ORDERED, "{port: 8000}", true),
                row(NetworkSegmentRules.RENEW_BEFORE_SHORTER, "{issuerRef: {name: ca}, duration: 24h, renewBefore: 8h}", true),
                row(NetworkSegmentRules.RENEW_BEFORE_SHORTER, "{issuerRef: {name: ca}, duration: 24h, renewBefore: 24h}", false),
                row(NetworkSegmentRules.RENEW_BEFORE_SHORTER, "{issuerRef: {name: ca}, duration: 1h, renewBefore: 90m}", false),
                row(NetworkSegmentRules.RENEW_BEFORE_SHORTER, "{issuerRef: {name: ca}, duration: 2h30m, renewBefore: 150m}", false),
                row(NetworkSegmentRules.RENEW_BEFORE_SHORTER, "{issuerRef: {name: ca}}", true));
    }

    private static Arguments row(String expression, String yaml, boolean celVerdict) {
        return Arguments.of(expression, yaml, celVerdict);
    }

    @ParameterizedTest(name = "{2} <- {1} : {0}")
    @MethodSource("table")
    void javaEquivalentAgreesWithTheCelVerdict(String expression, String yaml, boolean celVerdict) {
        CelRules<?> rules = rulesOf(expression);
        assertThat(holds(rules, expression, yaml)).as("Java equivalent of %s on %s", expression, yaml).isEqualTo(celVerdict);
    }

    @Test
    void everyRuleHasRowsThatPassAndRowsThatFail() {
        Map<String, boolean[]> seen = new HashMap<>();
        table().forEach(a -> {
            boolean[] verdicts = seen.computeIfAbsent((String) a.get()[0], k -> new boolean[2]);
            verdicts[(Boolean) a.get()[2] ? 1 : 0] = true;
        });
        List<String> expressions = CelRuleCatalog.all().stream()
                .flatMap(r -> r.rules().stream()).map(CelRule::expression).toList();
        assertThat(expressions).isNotEmpty().allSatisfy(expression -> {
            assertThat(seen).as("rows for %s", expression).containsKey(expression);
            assertThat(seen.get(expression)).as("a passing and a failing row for %s", expression).containsExactly(true, true);
        });
    }

    @Test
    void ruleMessagesAreDistinctAndSayWhatToDo() {
        List<String> messages = CelRuleCatalog.all().stream().flatMap(r -> r.rules().stream()).map(CelRule::message).toList();
        assertThat(messages).doesNotHaveDuplicates().allSatisfy(m -> assertThat(m).hasSizeGreaterThan(15).doesNotContain("self."));
    }

    private static CelRules<?> rulesOf(String expression) {
        return CelRuleCatalog.all().stream().filter(r -> r.find(expression).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no Java equivalent registered for " + expression));
    }

    private static <T> boolean holds(CelRules<T> rules, String expression, String yaml) {
        // A leading document marker makes the serializer read YAML flow style rather than JSON.
        T target = YAML.unmarshal("---\n" + yaml, rules.type());
        return rules.find(expression).orElseThrow().holds().test(target);
    }
}
