package com.tickets.api.organizer;

import com.tickets.api.organizer.OrganizerSql.ConcertRow;
import com.tickets.api.organizer.OrganizerSql.TierRow;
import com.tickets.api.problem.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What an organizer reads: their own concerts only, drafts and cancelled ones included, with sales per tier. */
@ApplicationScoped
class OrganizerConcerts {

    private final OrganizerTransactions transactions;
    private final OrganizerSql sql;

    OrganizerConcerts(OrganizerTransactions transactions, OrganizerSql sql) {
        this.transactions = transactions;
        this.sql = sql;
    }

    List<OrganizerConcertView> list(String organizer) {
        return transactions.run(c -> {
            List<ConcertRow> concerts = sql.concertsOf(c, organizer);
            Map<UUID, List<TierRow>> tiers = sql.tiersOf(c, concerts.stream().map(ConcertRow::id).toList()).stream()
                    .collect(Collectors.groupingBy(TierRow::concertId));
            return concerts.stream().map(concert -> OrganizerConcertView.of(concert, tiers.getOrDefault(concert.id(), List.of())))
                    .toList();
        });
    }

    /** Another organizer's concert is "not found", like an unknown id: ids of others' concerts cannot be probed. */
    OrganizerConcertView get(String organizer, UUID id) {
        return transactions.run(c -> {
            ConcertRow concert = sql.findConcert(c, id, organizer).orElseThrow(() -> new NotFoundProblem("concert", id));
            return OrganizerConcertView.of(concert, sql.tiersOf(c, id));
        });
    }
}
