package com.tickets.api.concert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
    /** The principal name of the organizer who runs it. */
    public String organizer;
    @Enumerated(EnumType.STRING)
    public ConcertStatus status;
    /** IANA zone the concert takes place in, for showing its times; instants are UTC. */
    @Column(name = "time_zone")
    public String timeZone;
    /** Null: sales opened when the concert was published. */
    @Column(name = "sales_open_at")
    public Instant salesOpenAt;
    /** Null: sales close when the concert starts. */
    @Column(name = "sales_close_at")
    public Instant salesCloseAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @OneToMany(mappedBy = "concert")
    @OrderBy("price desc, name")
    public List<TicketTier> ticketTiers;

    /**
     * The catalogue: every published concert that has not started, with its tiers, soonest first, in one
     * query. Drafts and cancelled concerts are the organizer's business only.
     */
    public static List<Concert> listWithTiers() {
        return find("select distinct c from Concert c left join fetch c.ticketTiers where c.status = ?1 and c.date > ?2 "
                + "order by c.date, c.name", ConcertStatus.PUBLISHED, Instant.now()).list();
    }

    /** A published concert (also once it has started: links to it keep working); drafts and cancelled ones are not found. */
    public static java.util.Optional<Concert> findWithTiers(UUID id) {
        return find("select c from Concert c left join fetch c.ticketTiers where c.id = ?1 and c.status = ?2", id,
                ConcertStatus.PUBLISHED).firstResultOptional();
    }
}
