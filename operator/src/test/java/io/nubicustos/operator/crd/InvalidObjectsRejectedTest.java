package io.nubicustos.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Variants of valid objects with one mistake each: the generated schema must reject every one,
 * naming the field. These are the errors `kubectl apply` shows before the operator sees anything.
 */
class InvalidObjectsRejectedTest {

    private static final CrdSchemaValidator SCHEMAS = new CrdSchemaValidator();

    private static final String SCAN = """
            apiVersion: nubicustos.io/v1alpha1
            kind: ScanJob
            metadata: {name: s, namespace: n}
            spec: {tool: prowler, provider: aws, credentialRef: {name: aws}, schedule: '0 2 * * *', timeout: 2h}
            """;
    private static final String SEGMENT = """
            apiVersion: nubicustos.io/v1alpha1
            kind: NetworkSegment
            metadata: {name: production}
            spec:
              cidr: 10.40.0.0/24
              namespaceSelector: {matchLabels: {nubicustos.io/segment: production}}
              externalAccess: ingress
              ingressAllowlist: [203.0.113.0/24]
              egress: [{cidr: 10.40.100.0/28, ports: [{protocol: TCP, port: 5432}]}]
              tls: {issuerRef: {name: ca}, duration: 24h, renewBefore: 8h, services: [{name: api, namespace: prod}]}
            """;
    private static final String CREDENTIAL = """
            apiVersion: nubicustos.io/v1alpha1
            kind: CloudCredential
            metadata: {name: c, namespace: n}
            spec:
              provider: azure
              secretRef: {name: s}
              azure: {authMethod: client-secret, tenantId: 00000000-0000-0000-0000-000000000001,
                      clientId: 00000000-0000-0000-0000-000000000002, subscriptionId: 00000000-0000-0000-0000-000000000003}
            """;

    static Stream<Arguments> variants() {
        return Stream.of(
                variant("unknown tool", SCAN, "/spec/tool", "nmap", "tool"),
                variant("unknown provider", SCAN, "/spec/provider", "oracle", "provider"),
                variant("unknown profile", SCAN, "/spec/profile", "thorough", "profile"),
                variant("missing tool", SCAN, "/spec/tool", null, "tool"),
                variant("cron with six fields", SCAN, "/spec/schedule", "0 0 2 * * * *", "schedule"),
                variant("cron with shell text", SCAN, "/spec/schedule", "0 2 * * *; reboot", "schedule"),
                variant("duration in words", SCAN, "/spec/timeout", "two hours", "timeout"),
                variant("negative backoff", SCAN, "/spec/backoffLimit", -1, "backoffLimit"),
                variant("backoff above max", SCAN, "/spec/backoffLimit", 11, "backoffLimit"),
                variant("unknown severity", SCAN, "/spec/severityThreshold", "urgent", "severityThreshold"),
                variant("image with a space", SCAN, "/spec/image", "evil image", "image"),
                variant("credential name with capitals", SCAN, "/spec/credentialRef/name", "AWS", "name"),
                variant("credential name longer than a Kubernetes name", SCAN, "/spec/credentialRef/name", "a".repeat(254), "name"),
                variant("timeout longer than a duration", SCAN, "/spec/timeout", "1h".repeat(16) + "1s", "timeout"),
                variant("CIDR prefix 33", SEGMENT, "/spec/cidr", "10.40.0.0/33", "cidr"),
                variant("CIDR octet 400", SEGMENT, "/spec/cidr", "10.400.0.0/24", "cidr"),
                variant("CIDR without prefix", SEGMENT, "/spec/cidr", "10.40.0.0", "cidr"),
                variant("missing cidr", SEGMENT, "/spec/cidr", null, "cidr"),
                variant("missing namespaceSelector", SEGMENT, "/spec/namespaceSelector", null, "namespaceSelector"),
                variant("unknown externalAccess", SEGMENT, "/spec/externalAccess", "public", "externalAccess"),
                variant("egress port above 65535", SEGMENT, "/spec/egress/0/ports/0/port", 70000, "port"),
                variant("egress protocol ICMP", SEGMENT, "/spec/egress/0/ports/0/protocol", "ICMP", "protocol"),
                variant("tls duration in days", SEGMENT, "/spec/tls/duration", "1d", "duration"),
                variant("tls renewBefore longer than a duration", SEGMENT, "/spec/tls/renewBefore", "1m".repeat(17), "renewBefore"),
                variant("allowFrom entry longer than a Kubernetes name", SEGMENT, "/spec/allowFrom", List.of("a".repeat(254)), "allowFrom"),
                variant("tls issuer kind", SEGMENT, "/spec/tls/issuerRef/kind", "Vault", "kind"),
                variant("tls without issuer", SEGMENT, "/spec/tls/issuerRef", null, "issuerRef"),
                variant("unknown azure method", CREDENTIAL, "/spec/azure/authMethod", "password", "authMethod"),
                variant("tenant id not a UUID", CREDENTIAL, "/spec/azure/tenantId", "contoso.onmicrosoft.com", "tenantId"),
                variant("missing provider", CREDENTIAL, "/spec/provider", null, "provider"),
                variant("missing subscription", CREDENTIAL, "/spec/azure/subscriptionId", null, "subscriptionId"),
                variant("secret name with slash", CREDENTIAL, "/spec/secretRef/name", "ns/secret", "name"));
    }

    private static Arguments variant(String name, String yaml, String pointer, Object value, String field) {
        return Arguments.of(name, yaml, pointer, value, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void schemaRejectsTheVariantAndNamesTheField(String name, String yaml, String pointer, Object value, String field)
            throws Exception {
        JsonNode valid = RepositoryFiles.YAML.readTree(yaml);
        assertThat(SCHEMAS.violations(valid)).as("the unmodified object is valid").isEmpty();

        JsonNode broken = valid.deepCopy();
        JsonNode container = broken.at(pointer.substring(0, pointer.lastIndexOf('/')));
        ObjectNode parent = (ObjectNode) container;
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (value == null) {
            parent.remove(key);
        } else {
            parent.set(key, RepositoryFiles.YAML.valueToTree(value));
        }
        assertThat(SCHEMAS.violations(broken)).isNotEmpty().anySatisfy(m -> assertThat(m).contains(field));
    }
}
