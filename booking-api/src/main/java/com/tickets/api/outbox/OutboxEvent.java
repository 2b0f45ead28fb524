package com.tickets.api.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A row of the Debezium-shaped outbox table; {@code payload} is the full event envelope. */
@Entity
@Table(name = "outbox")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    public String aggregatetype;
    public String aggregateid;
    public String type;
    @JdbcTypeCode(SqlTypes.JSON)
    public String payload;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Filled by the database (bigserial): the relay publishes in this order. */
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    public String traceparent;
    @Column(name = "published_at")
    public Instant publishedAt;
}
