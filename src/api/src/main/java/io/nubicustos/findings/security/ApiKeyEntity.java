package io.nubicustos.findings.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A stored API key: its keyed hash, never the key. */
@Entity
@Table(name = "api_key")
public class ApiKeyEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public byte[] hash;

    @Column(nullable = false)
    public String role;

    public String namespace;

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Override
    public String toString() {
        return "ApiKey[" + id + ", " + role + "]";
    }
}
