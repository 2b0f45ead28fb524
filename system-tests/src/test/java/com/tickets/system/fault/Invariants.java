package com.tickets.system.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What must hold after any fault, once the system has settled (docs/reliability.md): every check
 * returns the violations it found, described well enough to start looking.
 */
final class Invariants {

    /** The hold sweeper runs every 2 s in the fault stack; a hold may outlive its end by that, plus slack. */
    private static final Duration SWEEP_GRACE = Duration.ofSeconds(10);

    private Invariants() {
    }

    /** The pipeline has caught up: no hold open, outbox empty, every worker caught up, mails, refunds and dashboard done. */
    static boolean settled(Snapshot s) {
        return s.withStatus("PENDING").isEmpty() && s.unpublishedOutboxRows == 0 && s.consumerLag == 0
                && s.withStatus("CONFIRMED").stream().allMatch(b -> s.confirmationMails(b).stream()
                        .anyMatch(m -> m.status().equals("SENT")))
                && unrefundedCharges(s).isEmpty() && dashboardMatches(s);
    }

    static List<String> violations(Snapshot s, BookingLoad load) {
        List<String> v = new ArrayList<>();
        v.addAll(ticketsAddUp(s));
        v.addAll(holdsEnd(s));
        v.addAll(oneBookingPerKey(s, load));
        v.addAll(chargedOnce(s));
        v.addAll(oneConfirmationMail(s));
        if (!dashboardMatches(s)) {
            v.add("dashboard shows %s / %d tickets, SQL over confirmed bookings %s / %d".formatted(
                    s.dashboardRevenue.map(Object::toString).orElse("nothing"), s.dashboardTickets,
                    s.confirmedRevenue(), s.confirmedTickets()));
        }
        return v;
    }

    /** sold + held + available = total. */
    static List<String> ticketsAddUp(Snapshot s) {
        int soldOrHeld = s.bookings.stream().filter(b -> b.status().equals("CONFIRMED") || b.status().equals("PENDING"))
                .mapToInt(Snapshot.Booking::quantity).sum();
        return soldOrHeld + s.availableQuantity == s.totalQuantity ? List.of()
                : List.of("tickets do not add up: %d sold or held + %d available != %d total".formatted(soldOrHeld,
                        s.availableQuantity, s.totalQuantity));
    }

    /** Every booking is final, or still within its hold (no hold stuck after a crash). */
    static List<String> holdsEnd(Snapshot s) {
        return s.withStatus("PENDING").stream().filter(b -> b.holdExpiresAt().plus(SWEEP_GRACE).isBefore(s.takenAt))
                .map(b -> "booking " + b.id() + " still PENDING, its hold ended at " + b.holdExpiresAt()).toList();
    }

    /** No key has two bookings; every 201 names a booking that exists under its key; retries got the same one. */
    static List<String> oneBookingPerKey(Snapshot s, BookingLoad load) {
        List<String> v = new ArrayList<>();
        s.duplicateKeys.forEach(k -> v.add("idempotency key " + k + " has more than one booking"));
        load.keysWithTwoAnswers.forEach(k -> v.add("idempotency key answered with two bookings: " + k));
        Map<String, String> keyById = s.bookings.stream()
                .collect(Collectors.toMap(b -> b.id().toString(), Snapshot.Booking::idempotencyKey));
        load.bookingByKey.forEach((key, id) -> {
            if (!key.equals(keyById.get(id))) {
                v.add("booking " + id + " was answered 201 for key " + key + " but is not in the database under it (lost)");
            }
        });
        return v;
    }

    /** No booking charged twice; every confirmed booking charged once; money of an unconfirmed one given back. */
    static List<String> chargedOnce(Snapshot s) {
        List<String> v = new ArrayList<>();
        Set<UUID> ours = s.bookings.stream().map(Snapshot.Booking::id).collect(Collectors.toSet());
        s.ledger.forEach((booking, entries) -> {
            long charges = entries.stream().filter(c -> c.kind().equals("CHARGE") && c.approved()).count();
            if (ours.contains(booking) && charges > 1) {
                v.add("booking " + booking + " charged " + charges + " times");
            }
        });
        s.withStatus("CONFIRMED").stream().filter(b -> !s.approvedCharge(b))
                .forEach(b -> v.add("booking " + b.id() + " CONFIRMED without an approved charge"));
        unrefundedCharges(s).forEach(b -> v.add("booking " + b.id() + " is " + b.status() + " but its charge was not refunded"));
        return v;
    }

    private static List<Snapshot.Booking> unrefundedCharges(Snapshot s) {
        return s.bookings.stream().filter(b -> b.status().equals("CANCELLED") || b.status().equals("EXPIRED"))
                .filter(b -> s.approvedCharge(b) && !s.refunded(b)).toList();
    }

    /** Exactly one confirmation mail, sent once, per confirmed booking; none for the others. */
    static List<String> oneConfirmationMail(Snapshot s) {
        List<String> v = new ArrayList<>();
        for (Snapshot.Booking b : s.bookings) {
            List<Snapshot.Mail> mails = s.confirmationMails(b);
            boolean confirmed = b.status().equals("CONFIRMED");
            int sends = mails.stream().mapToInt(Snapshot.Mail::attempts).sum();
            if (confirmed && (mails.size() != 1 || !mails.get(0).status().equals("SENT") || sends != 1)) {
                v.add("CONFIRMED booking " + b.id() + " has confirmation mails " + mails);
            } else if (!confirmed && !mails.isEmpty()) {
                v.add(b.status() + " booking " + b.id() + " got a confirmation mail");
            }
        }
        return v;
    }

    static boolean dashboardMatches(Snapshot s) {
        return s.dashboardRevenue.map(r -> r.compareTo(s.confirmedRevenue()) == 0).orElse(s.confirmedTickets() == 0)
                && Math.max(s.dashboardTickets, 0) == s.confirmedTickets();
    }
}
