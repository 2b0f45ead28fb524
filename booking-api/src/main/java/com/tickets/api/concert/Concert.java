package com.tickets.api.concert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "concerts")
public class Concert extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String description;
    public String location;
    public Instant date;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @OneToMany(mappedBy = "concert")
    @OrderBy("price desc, name")
    public List<TicketTier> ticketTiers;

    /** Every concert with its tiers, soonest first, in one query. */
    public static List<Concert> listWithTiers() {
        return find("select distinct c from Concert c left join fetch c.ticketTiers order by c.date, c.name").list();
    }

    public static java.util.Optional<Concert> findWithTiers(UUID id) {
        return find("select c from Concert c left join fetch c.ticketTiers where c.id = ?1", id).firstResultOptional();
    }
}
