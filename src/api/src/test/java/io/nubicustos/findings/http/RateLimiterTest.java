package io.nubicustos.findings.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

class RateLimiterTest {

    /** A clock the test moves. */
    static final class ManualTime implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(long amount, TimeUnit unit) {
            nanos += unit.toNanos(amount);
        }
    }

    @Test
    void burstOf20ThenOnePer50msUntil100AMinute() {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(100, 20, 10, 1000, time);
        for (int i = 0; i < 20; i++) {
            RateLimiter.Decision d = limiter.take("key:a");
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(19 - i);
        }
        RateLimiter.Decision refused = limiter.take("key:a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        // Another client is not affected.
        assertThat(limiter.take("key:b").allowed()).isTrue();

        // A token bucket: the first minute may use the full bucket plus its refill; after that, 100 a minute
        // even when the client asks 10 times a second (600 a minute).
        for (int i = 0; i < 600; i++) {
            time.advance(100, TimeUnit.MILLISECONDS);
            limiter.take("key:a");
        }
        int allowed = 0;
        for (int i = 0; i < 600; i++) {
            time.advance(100, TimeUnit.MILLISECONDS);
            if (limiter.take("key:a").allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isBetween(99, 101);
    }

    @Test
    void failedAuthenticationsBlockAnAddressForAWhile() {
        ManualTime time = new ManualTime();
        RateLimiter limiter = new RateLimiter(100, 20, 10, 1000, time);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.authenticationBlockedFor("203.0.113.7")).isZero();
            limiter.authenticationFailed("203.0.113.7");
        }
        assertThat(limiter.authenticationBlockedFor("203.0.113.7")).isBetween(1L, 6L);
        assertThat(limiter.authenticationBlockedFor("203.0.113.8")).isZero();
        time.advance(6, TimeUnit.SECONDS);
        assertThat(limiter.authenticationBlockedFor("203.0.113.7")).isZero();
    }

    @Test
    void ipv6AddressesAreBucketedByTheirSlash64AndIpv4ByAddress() {
        assertThat(RateLimiter.addressBucket("2001:db8:1:2::1")).isEqualTo(RateLimiter.addressBucket("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(RateLimiter.addressBucket("2001:db8:1:3::1")).isNotEqualTo(RateLimiter.addressBucket("2001:db8:1:2::1"));
        assertThat(RateLimiter.addressBucket("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(RateLimiter.addressBucket("203.0.113.8")).isNotEqualTo(RateLimiter.addressBucket("203.0.113.7"));
    }
}
