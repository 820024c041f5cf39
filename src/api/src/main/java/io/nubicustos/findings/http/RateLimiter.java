package io.nubicustos.findings.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Token buckets (Bucket4j) per client: a sustained limit per minute and a burst limit per second,
 * and, per address and presented key id, a small allowance of failed authentications. Buckets live in a bounded cache,
 * so a flood of new clients costs bounded memory.
 */
public final class RateLimiter {

    private final int perMinute;
    private final int burst;
    private final int failuresPerMinute;
    private final Cache<String, Bucket> clients;
    private final Cache<String, Bucket> failures;

    private final TimeMeter time;

    public RateLimiter(int perMinute, int burst, int failuresPerMinute, int maxClients) {
        this(perMinute, burst, failuresPerMinute, maxClients, TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimiter(int perMinute, int burst, int failuresPerMinute, int maxClients, TimeMeter time) {
        this.time = time;
        this.perMinute = perMinute;
        this.burst = burst;
        this.failuresPerMinute = failuresPerMinute;
        this.clients = Caffeine.newBuilder().maximumSize(maxClients).expireAfterAccess(Duration.ofMinutes(2)).build();
        this.failures = Caffeine.newBuilder().maximumSize(maxClients).expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    public int limit() {
        return perMinute;
    }

    /** Takes one request from the client's bucket. */
    public Decision take(String client) {
        Bucket bucket = clients.get(client, c -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(burst, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(), seconds(probe.getNanosToWaitForRefill()),
                seconds(probe.getNanosToWaitForReset()));
    }

    /** Zero when the client's bucket has a request left (none is taken), else the seconds until it will. */
    public long waitFor(String client) {
        Bucket bucket = clients.getIfPresent(client);
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    /**
     * The bucket an address shares: IPv4 addresses one each, IPv6 addresses by their /64, the
     * smallest block one subscriber is usually given, so rotating through it buys nothing.
     */
    public static String addressBucket(String address) {
        byte[] bytes = AddressRange.literal(address).orElse(null);
        if (bytes == null || bytes.length != 16) {
            return address;
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** Zero when the address may still try to authenticate, else the seconds until it may. */
    public long authenticationBlockedFor(String address) {
        Bucket bucket = failures.getIfPresent(address);
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    public void authenticationFailed(String address) {
        failures.get(address, a -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder().capacity(failuresPerMinute).refillGreedy(failuresPerMinute, Duration.ofMinutes(1)).build())
                .build()).tryConsume(1);
    }

    private static long seconds(long nanos) {
        return Math.max(nanos > 0 ? 1 : 0, (long) Math.ceil(nanos / (double) TimeUnit.SECONDS.toNanos(1)));
    }

    /**
     * @param remaining requests left right now
     * @param retryAfterSeconds when refused: how long until one more request is allowed
     * @param resetSeconds how long until the bucket is full again
     */
    public record Decision(boolean allowed, long remaining, long retryAfterSeconds, long resetSeconds) {
    }
}
