package io.nubicustos.findings.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An IPv4 or IPv6 address or CIDR block, for the trusted-proxy list. */
public record AddressRange(byte[] network, int prefix) {

    public static AddressRange parse(String text) {
        String[] parts = text.trim().split("/", 2);
        byte[] address = literal(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR: " + text));
        int prefix = address.length * 8;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP address or CIDR: " + text);
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + text);
            }
        }
        return new AddressRange(address, prefix);
    }

    public boolean contains(String address) {
        return literal(address).map(this::contains).orElse(false);
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** Parses only literals: a host name here must never cause a DNS lookup. */
    static Optional<byte[]> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
        boolean v6 = !v4 && t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
