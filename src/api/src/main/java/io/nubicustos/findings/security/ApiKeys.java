package io.nubicustos.findings.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.nubicustos.findings.config.ApiConfig;

/**
 * Verifies presented keys against configured keys and stored keys. Stored keys are cached for a
 * few seconds, so a revocation on another replica takes effect within {@link #CACHE_TTL};
 * a revocation here takes effect at once.
 */
@ApplicationScoped
public class ApiKeys {

    static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final ApiKeyHasher hasher;
    private final List<ConfiguredKey> configured = new ArrayList<>();
    private final Cache<String, Optional<StoredKey>> stored = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL).maximumSize(10_000).build();
    private final Map<String, Instant> lastUsedWritten = new ConcurrentHashMap<>();
    private final Clock clock;

    public ApiKeys(ApiConfig config, Clock clock) {
        this.hasher = new ApiKeyHasher(config.keyHashSecret());
        this.clock = clock;
        config.keys().forEach((name, key) -> {
            if (key.value().length() < 32) {
                throw new IllegalArgumentException("nubicustos.api.keys." + name + ".value must have at least 32 characters");
            }
            configured.add(new ConfiguredKey(new ApiPrincipal("cfg-" + name, Role.parse(key.role()), key.namespace()),
                    hasher.hash(key.value())));
        });
    }

    /** The caller a presented key stands for; empty for an unknown, malformed or revoked key. */
    public Optional<ApiPrincipal> authenticate(String presented) {
        return verify(presented).principal();
    }

    /** The caller a presented key stands for, or why there is none. */
    public Verification verify(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 256) {
            return Verification.failed(AuthenticationFailures.Reason.MALFORMED);
        }
        Optional<String> id = ApiKeyHasher.idOf(presented);
        if (id.isPresent()) {
            Optional<StoredKey> key = stored.get(id.get(), ApiKeys::load);
            if (key.isEmpty()) {
                return Verification.failed(AuthenticationFailures.Reason.UNKNOWN);
            }
            if (!hasher.matches(presented, key.get().hash)) {
                return Verification.failed(AuthenticationFailures.Reason.WRONG);
            }
            if (key.get().revokedAt != null) {
                return Verification.failed(AuthenticationFailures.Reason.REVOKED);
            }
            touch(id.get());
            return new Verification(Optional.of(key.get().principal), null);
        }
        if (presented.length() < 32 || presented.startsWith("nbk_")) {
            // Shorter than any configured key, or this API's prefix with the wrong shape.
            return Verification.failed(AuthenticationFailures.Reason.MALFORMED);
        }
        byte[] hash = hasher.hash(presented);
        ApiPrincipal match = null;
        // Every configured key is compared, so the time taken does not tell which one came close.
        for (ConfiguredKey key : configured) {
            if (java.security.MessageDigest.isEqual(hash, key.hash)) {
                match = key.principal;
            }
        }
        return match != null ? new Verification(Optional.of(match), null) : Verification.failed(AuthenticationFailures.Reason.UNKNOWN);
    }

    /** @param failure why {@code principal} is empty; null when it is not */
    public record Verification(Optional<ApiPrincipal> principal, AuthenticationFailures.Reason failure) {
        static Verification failed(AuthenticationFailures.Reason reason) {
            return new Verification(Optional.empty(), reason);
        }
    }

    /** Whether a presented key verifies, from a worker thread outside any request (the edge filter's lockout). */
    @ActivateRequestContext
    public boolean verifies(String presented) {
        return authenticate(presented).isPresent();
    }

    @Transactional
    public CreatedKey create(Role role, Optional<String> namespace, String description) {
        ApiKeyHasher.NewKey key = ApiKeyHasher.generate();
        ApiKeyEntity entity = new ApiKeyEntity();
        entity.id = key.id();
        entity.hash = hasher.hash(key.key());
        entity.role = role.id();
        entity.namespace = namespace.orElse(null);
        entity.description = description;
        entity.createdAt = clock.instant();
        entity.persist();
        return new CreatedKey(entity, key.key());
    }

    @Transactional
    public boolean revoke(String id) {
        ApiKeyEntity entity = ApiKeyEntity.findById(id);
        if (entity == null) {
            return false;
        }
        if (entity.revokedAt == null) {
            entity.revokedAt = clock.instant();
        }
        stored.invalidate(id);
        return true;
    }

    public List<ApiKeyEntity> list() {
        return ApiKeyEntity.listAll(io.quarkus.panache.common.Sort.by("createdAt"));
    }

    private static Optional<StoredKey> load(String id) {
        ApiKeyEntity entity = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ApiKeyEntity.findById(id));
        if (entity == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredKey(new ApiPrincipal(entity.id, Role.parse(entity.role), Optional.ofNullable(entity.namespace)),
                entity.hash, entity.revokedAt));
    }

    /** Records use at most once a minute per key: a busy client must not turn reads into writes. */
    private void touch(String id) {
        Instant now = clock.instant();
        Instant last = lastUsedWritten.get(id);
        if (last != null && Duration.between(last, now).compareTo(LAST_USED_GRANULARITY) < 0) {
            return;
        }
        lastUsedWritten.put(id, now);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                ApiKeyEntity.update("lastUsedAt = ?1 where id = ?2", now, id));
    }

    private record ConfiguredKey(ApiPrincipal principal, byte[] hash) {
    }

    record StoredKey(ApiPrincipal principal, byte[] hash, Instant revokedAt) {
    }

    /** A key just created: the only moment its text exists outside the caller. */
    public record CreatedKey(ApiKeyEntity entity, String key) {
        @Override
        public String toString() {
            return "CreatedKey[" + entity.id + "]";
        }
    }
}
