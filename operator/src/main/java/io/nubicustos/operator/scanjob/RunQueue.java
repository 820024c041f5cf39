package io.nubicustos.operator.scanjob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The cluster-wide limit on active scan Jobs, with a fair order for those waiting: round-robin
 * across (namespace, credential) groups, so one team's hundred ScanJobs cannot starve another's
 * one, and first-come first-served within a group. Reaching the limit means waiting, not an error.
 *
 * <p>Admission is synchronized: reconciles of different ScanJobs run in parallel, and two of them
 * must not both take the last slot. An admitted run stays reserved until its Job shows up as active
 * in the informer cache, so a slot is never counted free twice.
 */
@ApplicationScoped
public class RunQueue {

    /** A run waiting for a slot. */
    public record Waiting(ResourceID scanJob, String group, Instant requestedAt) {
    }

    /** The outcome of asking for a slot: granted, or the position among those waiting (1 = next). */
    public record Admission(boolean granted, int position, int waiting) {
    }

    private final Map<ResourceID, Waiting> waiting = new HashMap<>();
    private final Set<ResourceID> reserved = new HashSet<>();

    /**
     * Asks for a slot for {@code scanJob}'s due run.
     *
     * @param active active scan Jobs cluster-wide, as the informer cache sees them
     * @param limit the configured maximum of active scan Jobs
     */
    public synchronized Admission request(ResourceID scanJob, String namespace, String credential, Instant requestedAt,
            int active, int limit) {
        Waiting entry = waiting.computeIfAbsent(scanJob,
                id -> new Waiting(id, namespace + "/" + (credential == null ? "" : credential), requestedAt));
        List<Waiting> order = fairOrder(waiting.values());
        int position = order.indexOf(entry);
        int free = limit - active - reserved.size();
        if (position < free) {
            waiting.remove(scanJob);
            reserved.add(scanJob);
            return new Admission(true, 0, waiting.size());
        }
        return new Admission(false, position + 1, waiting.size());
    }

    /** The admitted run's Job is now visible as active (or it could not be created): release the reservation. */
    public synchronized void settled(ResourceID scanJob) {
        reserved.remove(scanJob);
    }

    /** The ScanJob no longer wants a run (deleted, suspended, invalid). */
    public synchronized void forget(ResourceID scanJob) {
        waiting.remove(scanJob);
        reserved.remove(scanJob);
    }

    /** The next {@code n} waiting ScanJobs in fair order: those to wake when a slot frees up. */
    public synchronized Set<ResourceID> next(int n) {
        Set<ResourceID> heads = new LinkedHashSet<>();
        for (Waiting w : fairOrder(waiting.values())) {
            if (heads.size() >= n) {
                break;
            }
            heads.add(w.scanJob());
        }
        return heads;
    }

    public synchronized int waitingCount() {
        return waiting.size();
    }

    public synchronized int reservedCount() {
        return reserved.size();
    }

    /** Round-robin over groups ordered by their oldest request; FIFO (then by name) within a group. */
    static List<Waiting> fairOrder(Collection<Waiting> entries) {
        Comparator<Waiting> fifo = Comparator.comparing(Waiting::requestedAt)
                .thenComparing(w -> w.scanJob().getNamespace().orElse(""))
                .thenComparing(w -> w.scanJob().getName());
        Map<String, List<Waiting>> groups = new LinkedHashMap<>();
        entries.stream().sorted(fifo).forEach(w -> groups.computeIfAbsent(w.group(), g -> new ArrayList<>()).add(w));
        List<Waiting> order = new ArrayList<>(entries.size());
        for (int round = 0; order.size() < entries.size(); round++) {
            for (List<Waiting> group : groups.values()) {
                if (round < group.size()) {
                    order.add(group.get(round));
                }
            }
        }
        return order;
    }
}
