package io.nubicustos.operator.networksegment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.nubicustos.api.v1alpha1.networksegment.NetworkSegment;

/** What makes a segment inconsistent with the others: overlapping CIDRs, unknown segments in allowFrom. */
public final class SegmentConflicts {

    private SegmentConflicts() {
    }

    public static List<String> of(NetworkSegment segment, Collection<NetworkSegment> all) {
        List<String> problems = new ArrayList<>();
        String name = segment.getMetadata().getName();
        Set<String> names = all.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        for (String from : segment.getSpec().getAllowFrom()) {
            if (!names.contains(from)) {
                problems.add("spec.allowFrom names " + from + ", which is not a NetworkSegment");
            }
        }
        for (NetworkSegment other : all) {
            if (other.getMetadata().getName().equals(name) || other.getSpec() == null || other.getSpec().getCidr() == null) {
                continue;
            }
            if (overlap(segment.getSpec().getCidr(), other.getSpec().getCidr())) {
                problems.add("spec.cidr " + segment.getSpec().getCidr() + " overlaps NetworkSegment " + other.getMetadata().getName()
                        + " (" + other.getSpec().getCidr() + ")");
            }
        }
        return problems;
    }

    static boolean overlap(String a, String b) {
        long[] x = range(a);
        long[] y = range(b);
        return x[0] <= y[1] && y[0] <= x[1];
    }

    private static long[] range(String cidr) {
        String[] parts = cidr.split("/");
        long ip = 0;
        for (String octet : parts[0].split("\\.")) {
            ip = ip << 8 | Integer.parseInt(octet);
        }
        int prefix = Integer.parseInt(parts[1]);
        long size = 1L << (32 - prefix);
        long start = ip & ~(size - 1) & 0xFFFFFFFFL;
        return new long[] { start, start + size - 1 };
    }
}
