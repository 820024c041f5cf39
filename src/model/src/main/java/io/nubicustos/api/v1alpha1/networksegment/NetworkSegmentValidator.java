package io.nubicustos.api.v1alpha1.networksegment;

import java.util.ArrayList;
import java.util.List;

import io.nubicustos.api.v1alpha1.common.Bounds;
import io.nubicustos.api.v1alpha1.common.Patterns;
import io.nubicustos.api.v1alpha1.common.SchemaChecks;

/** Everything the NetworkSegment CRD enforces on one segment, in Java (overlaps between segments are the operator's). */
public final class NetworkSegmentValidator {

    private NetworkSegmentValidator() {
    }

    public static List<String> validate(NetworkSegment segment) {
        List<String> problems = new ArrayList<>();
        NetworkSegmentSpec spec = segment.getSpec();
        if (spec == null) {
            problems.add("spec is required");
            return problems;
        }
        SchemaChecks.required(problems, "spec.cidr", spec.getCidr());
        SchemaChecks.pattern(problems, "spec.cidr", spec.getCidr(), Patterns.IPV4_CIDR);
        SchemaChecks.required(problems, "spec.namespaceSelector", spec.getNamespaceSelector());
        eachItem(problems, "spec.allowFrom", spec.getAllowFrom(), Patterns.DNS_SUBDOMAIN, Bounds.NAME);
        eachItem(problems, "spec.ingressAllowlist", spec.getIngressAllowlist(), Patterns.IPV4_CIDR, Bounds.CIDR);
        List<EgressRule> egress = spec.getEgress() == null ? List.of() : spec.getEgress();
        for (int i = 0; i < egress.size(); i++) {
            EgressRule rule = egress.get(i);
            String field = "spec.egress[" + i + "]";
            SchemaChecks.required(problems, field + ".cidr", rule.getCidr());
            SchemaChecks.pattern(problems, field + ".cidr", rule.getCidr(), Patterns.IPV4_CIDR);
            eachItem(problems, field + ".except", rule.getExcept(), Patterns.IPV4_CIDR, Bounds.CIDR);
            for (PortRule port : rule.getPorts() == null ? List.<PortRule>of() : rule.getPorts()) {
                SchemaChecks.required(problems, field + ".ports.port", port.getPort());
                problems.addAll(NetworkSegmentRules.PORT.violations(port));
            }
        }
        TlsSpec tls = spec.getTls();
        if (tls != null) {
            SchemaChecks.required(problems, "spec.tls.issuerRef", tls.getIssuerRef());
            SchemaChecks.pattern(problems, "spec.tls.duration", tls.getDuration(), Patterns.DURATION);
            SchemaChecks.maxLength(problems, "spec.tls.duration", tls.getDuration(), Bounds.DURATION);
            SchemaChecks.pattern(problems, "spec.tls.renewBefore", tls.getRenewBefore(), Patterns.DURATION);
            SchemaChecks.maxLength(problems, "spec.tls.renewBefore", tls.getRenewBefore(), Bounds.DURATION);
            if (wellFormed(tls.getDuration()) && wellFormed(tls.getRenewBefore())) {
                problems.addAll(NetworkSegmentRules.TLS.violations(tls));
            }
        }
        problems.addAll(NetworkSegmentRules.SPEC.violations(spec));
        problems.addAll(NetworkSegmentRules.SEGMENT.violations(segment));
        return problems;
    }

    /** The CEL rule compares parsed durations; a malformed one is already reported by its pattern. */
    private static boolean wellFormed(String duration) {
        return duration != null && duration.matches(Patterns.DURATION);
    }

    private static void eachItem(List<String> problems, String field, List<String> items, String regex, int maxLength) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            SchemaChecks.pattern(problems, field + "[" + i + "]", items.get(i), regex);
            SchemaChecks.maxLength(problems, field + "[" + i + "]", items.get(i), maxLength);
        }
    }
}
