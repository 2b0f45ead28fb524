package com.tickets.api.concert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A price level of a concert. {@code availableQuantity} is only ever changed by conditional SQL
 * updates in {@link Inventory}, never through this entity, so no stale copy can overwrite it.
 */
@Entity
@Table(name = "ticket_tiers")
public class TicketTier extends PanacheEntityBase {
    @Id
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "concert_id")
    public Concert concert;
    public String name;
    public BigDecimal price;
    public String currency;
    @Column(name = "total_quantity")
    public int totalQuantity;
    @Column(name = "available_quantity", insertable = true, updatable = false)
    public int availableQuantity;
    @Column(name = "created_at")
    public Instant createdAt;
}
