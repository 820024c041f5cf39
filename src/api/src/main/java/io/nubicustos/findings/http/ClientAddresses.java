package io.nubicustos.findings.http;

import java.util.List;

/**
 * The client's address: the peer's, unless the peer is a configured trusted proxy, in which case
 * the right-most X-Forwarded-For entry that is not itself a trusted proxy. Entries further left
 * were written by whoever sent the request and prove nothing, so the rate limiter and the audit
 * trail never key on them.
 */
public final class ClientAddresses {

    private final List<AddressRange> trustedProxies;

    public ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(AddressRange::parse).toList();
    }

    public String resolve(String peer, List<String> forwardedFor) {
        if (peer == null || !trusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        String candidate = peer;
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] hops = forwardedFor.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (AddressRange.literal(hop).isEmpty()) {
                    // Garbage in the header: stop at the last address we could trust.
                    return candidate;
                }
                candidate = hop;
                if (!trusted(hop)) {
                    return hop;
                }
            }
        }
        return candidate;
    }

    private boolean trusted(String address) {
        return trustedProxies.stream().anyMatch(r -> r.contains(address));
    }
}
