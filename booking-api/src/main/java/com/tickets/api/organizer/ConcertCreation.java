package com.tickets.api.organizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tickets.api.concert.ConcertStatus;
import com.tickets.api.idempotency.IdempotencyKeyReusedProblem;
import com.tickets.api.organizer.OrganizerSql.ConcertRow;
import com.tickets.api.organizer.OrganizerSql.EarlierRequest;
import com.tickets.api.organizer.OrganizerSql.TierRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates a concert as a DRAFT with its tiers, exactly once per organizer and {@code Idempotency-Key}. The
 * truth is the {@code organizer_requests} primary key, written in the creation's transaction: a replay (same
 * key, same request) gets the first answer byte for byte; the same key with another request is a 422, as for
 * bookings. Two concurrent requests with one key: the second one's insert of the key waits for the first
 * transaction, finds the key taken, rolls back everything it wrote and answers the first one's answer.
 */
@ApplicationScoped
class ConcertCreation {

    private static final int ATTEMPTS = 3;

    record Created(UUID concertId, String body, boolean replayed) {
    }

    private final OrganizerTransactions transactions;
    private final OrganizerSql sql;
    private final OrganizerAudit audit;
    private final ObjectMapper json;

    ConcertCreation(OrganizerTransactions transactions, OrganizerSql sql, OrganizerAudit audit, ObjectMapper json) {
        this.transactions = transactions;
        this.sql = sql;
        this.audit = audit;
        this.json = json;
    }

    Created create(String organizer, String key, NewConcert request) {
        String fingerprint = fingerprint(request);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Created> done = transactions.run(c -> {
                Optional<EarlierRequest> earlier = sql.findRequest(c, organizer, key);
                if (earlier.isPresent()) {
                    if (!earlier.get().fingerprint().equals(fingerprint)) {
                        throw new IdempotencyKeyReusedProblem();
                    }
                    return Optional.of(new Created(earlier.get().concertId(), earlier.get().response(), true));
                }
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                ConcertRow concert = new ConcertRow(UUID.randomUUID(), organizer, request.name().strip(), request.description(),
                        request.location().strip(), request.timeZone(), micros(request.date()), micros(request.salesOpenAt()),
                        micros(request.salesCloseAt()), ConcertStatus.DRAFT, now, now);
                List<TierRow> tiers = new ArrayList<>();
                for (NewTier t : request.ticketTiers()) {
                    tiers.add(new TierRow(UUID.randomUUID(), concert.id(), t.name().strip(), t.price().setScale(2),
                            t.currency(), t.totalQuantity(), t.totalQuantity(), 0, 0, 0, 0, now));
                }
                sql.insertConcert(c, concert);
                sql.insertTiers(c, tiers);
                OrganizerConcertView view = OrganizerConcertView.of(concert, sql.tiersOf(c, concert.id()));
                String body = write(new OrganizerConcertView.OneResponse(view));
                if (!sql.recordRequest(c, organizer, key, fingerprint, concert.id(), body)) {
                    QuarkusTransaction.setRollbackOnly();
                    return Optional.<Created>empty();
                }
                audit.record(c, organizer, "CONCERT_CREATED", OrganizerAudit.CONCERT, concert.id(), null, view, now);
                // a draft is the organizer's own: nothing goes to catalog.events until it is published
                return Optional.of(new Created(concert.id(), body, false));
            });
            if (done.isPresent()) {
                return done.get();
            }
            // another request with this key committed first: the next attempt finds it and replays its answer
        }
        throw new IllegalStateException("the idempotency key of a concert creation kept colliding");
    }

    /** SHA-256 of the request in a canonical form: 20 and 20.00 are one price, surrounding spaces of names do not count. */
    private String fingerprint(NewConcert r) {
        List<Object> canonical = new ArrayList<>(List.of(r.name().strip(), String.valueOf(r.description()),
                r.location().strip(), r.timeZone(), r.date().toString(), String.valueOf(r.salesOpenAt()),
                String.valueOf(r.salesCloseAt())));
        for (NewTier t : r.ticketTiers()) {
            canonical.add(List.of(t.name().strip(), t.price().stripTrailingZeros().toPlainString(), t.currency(),
                    t.totalQuantity()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant micros(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }
}
