package com.tickets.api.organizer;

import com.tickets.api.concert.ConcertCancelledProblem;
import com.tickets.api.concert.ConcertStatus;
import com.tickets.api.concert.TierTerms;
import com.tickets.api.organizer.OrganizerSql.ConcertRow;
import com.tickets.api.organizer.OrganizerSql.TierRow;
import com.tickets.api.outbox.Outbox;
import com.tickets.api.problem.InvalidRequestProblem;
import com.tickets.api.problem.InvalidRequestProblem.FieldError;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Changes a concert's details (merge patch) and adds tiers to it, under the concert's row lock. A cancelled
 * concert cannot be changed (409). A change of a published concert goes to {@code catalog.events}; the
 * tiers' cached terms (sales window) are dropped once it commits.
 */
@ApplicationScoped
class ConcertEditing {

    private final OrganizerTransactions transactions;
    private final OrganizerSql sql;
    private final OrganizerAudit audit;
    private final Outbox outbox;
    private final TierTerms terms;

    ConcertEditing(OrganizerTransactions transactions, OrganizerSql sql, OrganizerAudit audit, Outbox outbox,
                   TierTerms terms) {
        this.transactions = transactions;
        this.sql = sql;
        this.audit = audit;
        this.outbox = outbox;
        this.terms = terms;
    }

    private record Changed(OrganizerConcertView view, List<UUID> tiers) {
    }

    OrganizerConcertView patch(String organizer, UUID id, ConcertPatch patch) {
        List<FieldError> shape = shapeErrors(patch);
        if (!shape.isEmpty()) {
            throw invalid(shape);
        }
        Changed changed = transactions.run(c -> {
            ConcertRow before = sql.lockConcert(c, id, organizer).orElseThrow(() -> new NotFoundProblem("concert", id));
            if (before.status() == ConcertStatus.CANCELLED) {
                throw new ConcertCancelledProblem(id);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            ConcertRow merged = merge(before, patch, now);
            List<FieldError> errors = new ArrayList<>(SalesWindowInOrder.Check.errors(merged));
            if (patch.has("date") && !merged.date().isAfter(now)) {
                errors.add(new FieldError("date", "must be a date in the future"));
            }
            if (!errors.isEmpty()) {
                throw invalid(errors);
            }
            List<TierRow> tiers = sql.tiersOf(c, id);
            if (merged.equals(before.with(before.status(), now))) {
                return new Changed(OrganizerConcertView.of(before, tiers), List.of()); // nothing to change, nothing to record
            }
            sql.updateConcert(c, merged);
            audit.record(c, organizer, "CONCERT_CHANGED", OrganizerAudit.CONCERT, id, before, merged, now);
            if (merged.status() == ConcertStatus.PUBLISHED) {
                outbox.append(CatalogEvents.concert(EventTypes.CONCERT_CHANGED, merged, tiers, now));
            }
            return new Changed(OrganizerConcertView.of(merged, tiers), tiers.stream().map(TierRow::id).toList());
        });
        terms.forget(changed.tiers());
        return changed.view();
    }

    OrganizerConcertView.TierView addTier(String organizer, UUID concertId, NewTier tier) {
        return transactions.run(c -> {
            ConcertRow concert = sql.lockConcert(c, concertId, organizer)
                    .orElseThrow(() -> new NotFoundProblem("concert", concertId));
            if (concert.status() == ConcertStatus.CANCELLED) {
                throw new ConcertCancelledProblem(concertId);
            }
            if (sql.tierNameTaken(c, concertId, tier.name())) {
                throw new TierNameTakenProblem(concertId, tier.name().strip());
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            TierRow row = new TierRow(UUID.randomUUID(), concertId, tier.name().strip(), tier.price().setScale(2),
                    tier.currency(), tier.totalQuantity(), tier.totalQuantity(), 0, 0, 0, 0, now);
            sql.insertTiers(c, List.of(row));
            audit.record(c, organizer, "TIER_ADDED", OrganizerAudit.TIER, row.id(), null, row, now);
            if (concert.status() == ConcertStatus.PUBLISHED) {
                // downstream copies of the catalogue learn the tier, live availability watchers its tickets
                outbox.appendAll(List.of(CatalogEvents.tier(EventTypes.TIER_ADDED, row, now),
                        CatalogEvents.availability(row, row.availableQuantity(), now)));
            }
            return OrganizerConcertView.TierView.of(row);
        });
    }

    /** Fields that may be changed but not removed: an explicit null there (or a blank name) is a 400. */
    private static List<FieldError> shapeErrors(ConcertPatch p) {
        List<FieldError> errors = new ArrayList<>();
        if (p.isEmpty()) {
            errors.add(new FieldError("body", "must change at least one field"));
        }
        if (p.has("name") && (p.getName() == null || p.getName().isBlank())) {
            errors.add(new FieldError("name", "must not be blank"));
        }
        if (p.has("location") && (p.getLocation() == null || p.getLocation().isBlank())) {
            errors.add(new FieldError("location", "must not be blank"));
        }
        if (p.has("timeZone") && p.getTimeZone() == null) {
            errors.add(new FieldError("timeZone", "must not be null"));
        }
        if (p.has("date") && p.getDate() == null) {
            errors.add(new FieldError("date", "must not be null"));
        }
        return errors;
    }

    private static ConcertRow merge(ConcertRow b, ConcertPatch p, Instant now) {
        return new ConcertRow(b.id(), b.organizer(),
                p.has("name") ? p.getName().strip() : b.name(),
                p.has("description") ? p.getDescription() : b.description(),
                p.has("location") ? p.getLocation().strip() : b.location(),
                p.has("timeZone") ? p.getTimeZone() : b.timeZone(),
                p.has("date") ? micros(p.getDate()) : b.date(),
                p.has("salesOpenAt") ? micros(p.getSalesOpenAt()) : b.salesOpenAt(),
                p.has("salesCloseAt") ? micros(p.getSalesCloseAt()) : b.salesCloseAt(),
                b.status(), b.createdAt(), now);
    }

    private static InvalidRequestProblem invalid(List<FieldError> errors) {
        return new InvalidRequestProblem(errors.stream().map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; ")), errors);
    }

    private static Instant micros(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }
}
