package io.nubicustos.operator.scanjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

class RunQueueTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private final RunQueue queue = new RunQueue();

    private static ResourceID id(String ns, String name) {
        return new ResourceID(name, ns);
    }

    @Test
    void belowTheLimitEveryRequestIsGranted() {
        assertThat(queue.request(id("a", "s1"), "a", "aws", T, 0, 2).granted()).isTrue();
        assertThat(queue.request(id("a", "s2"), "a", "aws", T, 0, 2).granted()).isTrue();
        assertThat(queue.request(id("a", "s3"), "a", "aws", T, 0, 2))
                .as("two reserved slots count even before their Jobs are seen").isEqualTo(new RunQueue.Admission(false, 1, 1));
    }

    @Test
    void aBusyNamespaceDoesNotStarveAnother() {
        for (int i = 0; i < 5; i++) {
            queue.request(id("team-a", "a" + i), "team-a", "aws", T.plusSeconds(i), 10, 10);
        }
        queue.request(id("team-b", "b0"), "team-b", "gcp", T.plusSeconds(100), 10, 10);
        assertThat(queue.next(3)).containsExactly(id("team-a", "a0"), id("team-b", "b0"), id("team-a", "a1"));
    }

    @Test
    void withinAGroupItIsFirstComeFirstServed() {
        queue.request(id("a", "late"), "a", "aws", T.plusSeconds(5), 1, 1);
        queue.request(id("a", "early"), "a", "aws", T, 1, 1);
        // One slot frees up: the early one gets it, even if the late one asks first.
        assertThat(queue.request(id("a", "late"), "a", "aws", T.plusSeconds(5), 0, 1).granted()).isFalse();
        assertThat(queue.request(id("a", "early"), "a", "aws", T, 0, 1).granted()).isTrue();
    }

    @Test
    void credentialsAreGroupsToo() {
        queue.request(id("a", "x1"), "a", "aws-prod", T, 5, 5);
        queue.request(id("a", "x2"), "a", "aws-prod", T.plusSeconds(1), 5, 5);
        queue.request(id("a", "y1"), "a", "aws-dev", T.plusSeconds(2), 5, 5);
        assertThat(queue.next(2)).containsExactly(id("a", "x1"), id("a", "y1"));
    }

    @Test
    void settledAndForgottenRunsFreeTheirPlace() {
        queue.request(id("a", "s1"), "a", null, T, 0, 1);
        assertThat(queue.reservedCount()).isEqualTo(1);
        queue.settled(id("a", "s1"));
        assertThat(queue.reservedCount()).isZero();
        queue.request(id("a", "s2"), "a", null, T, 1, 1);
        queue.forget(id("a", "s2"));
        assertThat(queue.waitingCount()).isZero();
    }

    @Test
    void concurrentRequestsNeverExceedTheLimit() throws Exception {
        int limit = 7;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<ResourceID> granted = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ResourceID id = id("ns" + (i % 4), "s" + i);
            futures.add(pool.submit(() -> {
                start.await();
                if (queue.request(id, id.getNamespace().orElseThrow(), null, T, 0, limit).granted()) {
                    granted.add(id);
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(granted).hasSize(limit);
        assertThat(queue.waitingCount()).isEqualTo(200 - limit);
    }
}
