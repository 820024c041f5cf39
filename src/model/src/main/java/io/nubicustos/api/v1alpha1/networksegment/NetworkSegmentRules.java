package io.nubicustos.api.v1alpha1.networksegment;

import io.nubicustos.api.v1alpha1.common.CelRule;
import io.nubicustos.api.v1alpha1.common.CelRules;
import io.nubicustos.api.v1alpha1.common.Durations;

/** The CEL rules of the NetworkSegment CRD and their Java equivalents (see {@link CelRule}). */
public final class NetworkSegmentRules {

    public static final String NOT_SELF_IN_ALLOW_FROM = "!has(self.spec.allowFrom) || !(self.metadata.name in self.spec.allowFrom)";
    public static final String NOT_SELF_IN_ALLOW_FROM_MESSAGE = "a segment may not list itself in allowFrom: traffic within a segment is always allowed";

    public static final String ALLOWLIST_NEEDS_INGRESS = "!has(self.ingressAllowlist) || size(self.ingressAllowlist) == 0 || self.externalAccess == 'ingress'";
    public static final String ALLOWLIST_NEEDS_INGRESS_MESSAGE = "ingressAllowlist applies only with externalAccess: ingress";

    public static final String PORT_RANGE_ORDERED = "!has(self.endPort) || self.endPort >= self.port";
    public static final String PORT_RANGE_ORDERED_MESSAGE = "endPort must not be lower than port";

    public static final String RENEW_BEFORE_SHORTER = "duration(self.renewBefore) < duration(self.duration)";
    public static final String RENEW_BEFORE_SHORTER_MESSAGE = "tls.renewBefore must be shorter than tls.duration";

    public static final CelRules<NetworkSegment> SEGMENT = CelRules.of(NetworkSegment.class,
            new CelRule<>(NOT_SELF_IN_ALLOW_FROM, NOT_SELF_IN_ALLOW_FROM_MESSAGE,
                    s -> s.getSpec() == null || s.getSpec().getAllowFrom() == null || s.getMetadata() == null
                            || !s.getSpec().getAllowFrom().contains(s.getMetadata().getName())));

    public static final CelRules<NetworkSegmentSpec> SPEC = CelRules.of(NetworkSegmentSpec.class,
            new CelRule<>(ALLOWLIST_NEEDS_INGRESS, ALLOWLIST_NEEDS_INGRESS_MESSAGE,
                    s -> s.getIngressAllowlist() == null || s.getIngressAllowlist().isEmpty()
                            || s.getExternalAccess() == ExternalAccess.INGRESS));

    public static final CelRules<PortRule> PORT = CelRules.of(PortRule.class,
            new CelRule<>(PORT_RANGE_ORDERED, PORT_RANGE_ORDERED_MESSAGE,
                    p -> p.getEndPort() == null || p.getPort() == null || p.getEndPort() >= p.getPort()));

    public static final CelRules<TlsSpec> TLS = CelRules.of(TlsSpec.class,
            new CelRule<>(RENEW_BEFORE_SHORTER, RENEW_BEFORE_SHORTER_MESSAGE,
                    t -> Durations.parse(t.getRenewBefore()).compareTo(Durations.parse(t.getDuration())) < 0));

    private NetworkSegmentRules() {
    }
}
