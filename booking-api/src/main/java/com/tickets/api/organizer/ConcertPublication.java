package com.tickets.api.organizer;

import com.tickets.api.concert.ConcertCancelledProblem;
import com.tickets.api.concert.ConcertStatus;
import com.tickets.api.concert.TierTerms;
import com.tickets.api.organizer.OrganizerSql.ConcertRow;
import com.tickets.api.organizer.OrganizerSql.TierRow;
import com.tickets.api.outbox.Outbox;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * DRAFT -> PUBLISHED: the concert enters the catalogue and goes on sale (from its {@code salesOpenAt}, if set),
 * and {@code ConcertPublished} carries it with all its tiers to {@code catalog.events}. Publishing a published
 * concert changes nothing (200); a cancelled one, or one that has started, is a 409.
 */
@ApplicationScoped
class ConcertPublication {

    private final OrganizerTransactions transactions;
    private final OrganizerSql sql;
    private final OrganizerAudit audit;
    private final Outbox outbox;
    private final TierTerms terms;

    ConcertPublication(OrganizerTransactions transactions, OrganizerSql sql, OrganizerAudit audit, Outbox outbox,
                       TierTerms terms) {
        this.transactions = transactions;
        this.sql = sql;
        this.audit = audit;
        this.outbox = outbox;
        this.terms = terms;
    }

    OrganizerConcertView publish(String organizer, UUID id) {
        OrganizerConcertView view = transactions.run(c -> {
            ConcertRow before = sql.lockConcert(c, id, organizer).orElseThrow(() -> new NotFoundProblem("concert", id));
            List<TierRow> tiers = sql.tiersOf(c, id);
            if (before.status() == ConcertStatus.CANCELLED) {
                throw new ConcertCancelledProblem(id);
            }
            if (before.status() == ConcertStatus.PUBLISHED) {
                return OrganizerConcertView.of(before, tiers);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (!before.date().isAfter(now)) {
                throw new ConcertStartedProblem(id, before.date());
            }
            ConcertRow after = before.with(ConcertStatus.PUBLISHED, now);
            sql.updateConcert(c, after);
            audit.record(c, organizer, "CONCERT_PUBLISHED", OrganizerAudit.CONCERT, id, before, after, now);
            // downstream copies of the catalogue learn the concert, live availability watchers its tiers' tickets
            List<Outbox.Entry> events = new ArrayList<>();
            events.add(CatalogEvents.concert(EventTypes.CONCERT_PUBLISHED, after, tiers, now));
            tiers.forEach(t -> events.add(CatalogEvents.availability(t, t.availableQuantity(), now)));
            outbox.appendAll(events);
            return OrganizerConcertView.of(after, tiers);
        });
        terms.forget(view.ticketTiers().stream().map(OrganizerConcertView.TierView::id).toList());
        return view;
    }
}
