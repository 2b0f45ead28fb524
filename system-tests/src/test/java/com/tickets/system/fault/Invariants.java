package com.tickets.system.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** The hold sweeper runs every 2 s in the fault stack; a hold may outlive its end and grace by that, plus slack. */
    private static final Duration SWEEP_GRACE = Duration.ofSeconds(10);

    /**
     * What a scenario knows besides the snapshot: what the buyers were told, the mails the notification worker
     * had in flight when it was killed (the one window where SMTP may get a copy: docs/notifications.md), the
     * dead letters since the scenario began with the state of the bookings they name, when the fault cleared,
     * when the system settled (null: it did not), how long it may take, and charges without a booking.
     */
    record Context(BookingLoad load, Set<UUID> mailsInFlightAtKill, List<DeadLetters.Letter> deadLetters,
                   Map<UUID, String> deadLetteredBookingStates, Instant faultClearedAt, Instant lastFinalAt,
                   Duration finalWithin, Instant settledAt, Duration settleWithin, List<UUID> chargesWithoutBooking,
                   Duration holdGrace) {
    }

    private Invariants() {
    }

    /** The pipeline has caught up: no hold open, outbox empty, workers caught up, mails delivered, refunds paid, dashboard done. */
    static boolean settled(Snapshot s) {
        return s.withStatus("PENDING").isEmpty() && s.unpublishedOutboxRows == 0 && s.consumerLag == 0 && s.owedRefunds == 0
                && s.withStatus("CONFIRMED").stream().allMatch(b -> s.confirmationMails(b).stream()
                        .anyMatch(m -> m.status().equals("SENT")) && !s.deliveredConfirmations(b).isEmpty())
                && unrefundedCharges(s).isEmpty() && dashboardMatches(s);
    }

    static List<String> violations(Snapshot s, Context context) {
        List<String> v = new ArrayList<>();
        v.addAll(ticketsAddUp(s));
        v.addAll(auditAddsUp(s));
        v.addAll(holdsEnd(s, context.holdGrace()));
        v.addAll(oneBookingPerKey(s, context.load()));
        v.addAll(chargedOnce(s));
        v.addAll(notPaidThenLost(s, context));
        context.chargesWithoutBooking().forEach(b -> v.add("the gateway charged booking " + b + ", which the booking database does not have"));
        v.addAll(oneConfirmationMail(s, context.mailsInFlightAtKill()));
        if (s.unpublishedOutboxRows != 0) {
            v.add(s.unpublishedOutboxRows + " outbox rows never published");
        }
        v.addAll(deadLettersExplained(context));
        v.addAll(settledInTime(context));
        if (!dashboardMatches(s)) {
            v.add("dashboard shows %s / %d tickets, SQL over confirmed bookings %s / %d".formatted(
                    s.dashboardRevenue.map(Object::toString).orElse("nothing"), s.dashboardTickets,
                    s.confirmedRevenue(), s.confirmedTickets()));
        }
        return v;
    }

    /** available + offered + the tickets of live (PENDING, CONFIRMED) bookings = total, and no count out of its range. */
    static List<String> ticketsAddUp(Snapshot s) {
        List<String> v = new ArrayList<>();
        int live = s.bookings.stream().filter(b -> b.status().equals("CONFIRMED") || b.status().equals("PENDING"))
                .mapToInt(Snapshot.Booking::quantity).sum();
        if (live + s.availableQuantity + s.offeredQuantity != s.totalQuantity) {
            v.add("tickets do not add up: %d sold or held + %d available + %d offered != %d total".formatted(live,
                    s.availableQuantity, s.offeredQuantity, s.totalQuantity));
        }
        if (s.availableQuantity < 0 || s.availableQuantity > s.totalQuantity || s.offeredQuantity < 0) {
            v.add("tier out of range: %d available, %d offered of %d".formatted(s.availableQuantity, s.offeredQuantity,
                    s.totalQuantity));
        }
        return v;
    }

    /**
     * The inventory audit recomputes the tier (available = total + the deltas of every reason but
     * CAPACITY_CHANGED, offered = minus the offer deltas) and tells each booking's story: one BOOKED row
     * taking its tickets, and one row giving them back exactly when it ended CANCELLED or EXPIRED.
     */
    static List<String> auditAddsUp(Snapshot s) {
        List<String> v = new ArrayList<>();
        int deltas = s.audit.stream().filter(a -> !a.reason().equals("CAPACITY_CHANGED")).mapToInt(Snapshot.Audit::delta).sum();
        if (s.totalQuantity + deltas != s.availableQuantity) {
            v.add("inventory audit: total %d + deltas %d != %d available".formatted(s.totalQuantity, deltas, s.availableQuantity));
        }
        int offered = -s.audit.stream().filter(a -> a.reason().equals("OFFERED") || a.reason().equals("OFFER_RETURNED"))
                .mapToInt(Snapshot.Audit::delta).sum();
        if (offered != s.offeredQuantity) {
            v.add("inventory audit: offers add up to %d, the tier says %d offered".formatted(offered, s.offeredQuantity));
        }
        Map<UUID, List<Snapshot.Audit>> byBooking = new HashMap<>();
        s.audit.stream().filter(a -> a.bookingId() != null)
                .forEach(a -> byBooking.computeIfAbsent(a.bookingId(), k -> new ArrayList<>()).add(a));
        Set<UUID> ours = s.bookings.stream().map(Snapshot.Booking::id).collect(Collectors.toSet());
        byBooking.keySet().stream().filter(id -> !ours.contains(id))
                .forEach(id -> v.add("inventory audit names booking " + id + ", which the tier does not have"));
        for (Snapshot.Booking b : s.bookings) {
            List<Snapshot.Audit> rows = byBooking.getOrDefault(b.id(), List.of());
            List<Snapshot.Audit> booked = rows.stream().filter(a -> a.reason().equals("BOOKED")).toList();
            List<Snapshot.Audit> returned = rows.stream().filter(a -> !a.reason().equals("BOOKED")).toList();
            if (booked.size() != 1 || booked.get(0).delta() != -b.quantity()) {
                v.add("booking " + b.id() + " (" + b.quantity() + " tickets) has BOOKED audit rows " + booked);
            }
            boolean ended = b.status().equals("CANCELLED") || b.status().equals("EXPIRED");
            List<String> allowed = b.status().equals("EXPIRED") ? List.of("EXPIRED") : List.of("CANCELLED", "PAYMENT_FAILED");
            if (ended ? returned.size() != 1 || returned.get(0).delta() != b.quantity() || !allowed.contains(returned.get(0).reason())
                    : !returned.isEmpty()) {
                v.add(b.status() + " booking " + b.id() + " has audit rows giving tickets back " + returned);
            }
        }
        return v;
    }

    /** Every booking is final, or still within its hold and grace (no hold stuck after a crash). */
    static List<String> holdsEnd(Snapshot s, Duration grace) {
        return s.withStatus("PENDING").stream().filter(b -> b.holdExpiresAt().plus(grace).plus(SWEEP_GRACE).isBefore(s.takenAt))
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

    /**
     * The gateway's ledger against the bookings: no booking charged twice; every confirmed booking charged
     * exactly once, its total; the money of every unconfirmed one given back; no refund of a confirmed one
     * (the buyers of the suite never cancel).
     */
    static List<String> chargedOnce(Snapshot s) {
        List<String> v = new ArrayList<>();
        for (Snapshot.Booking b : s.bookings) {
            List<Snapshot.Charge> charges = s.approvedCharges(b);
            if (charges.size() > 1) {
                v.add("booking " + b.id() + " charged " + charges.size() + " times");
            }
            if (b.status().equals("CONFIRMED")) {
                if (charges.size() != 1) {
                    v.add("booking " + b.id() + " CONFIRMED with " + charges.size() + " approved charges");
                } else if (charges.get(0).amount().compareTo(b.totalPrice()) != 0) {
                    v.add("booking " + b.id() + " of " + b.totalPrice() + " charged " + charges.get(0).amount());
                }
                if (s.refunded(b)) {
                    v.add("CONFIRMED booking " + b.id() + " was refunded");
                }
            }
        }
        unrefundedCharges(s).forEach(b -> v.add("booking " + b.id() + " is " + b.status() + " but its charge was not refunded"));
        return v;
    }

    private static List<Snapshot.Booking> unrefundedCharges(Snapshot s) {
        return s.bookings.stream().filter(b -> b.status().equals("CANCELLED") || b.status().equals("EXPIRED"))
                .filter(b -> s.approvedCharge(b) && !s.refunded(b)).toList();
    }

    /**
     * No booking paid and then lost because of our own delay: an EXPIRED booking was never charged (a hold
     * waits for our pipeline, never the other way round), and a CANCELLED one was charged only when the
     * payment worker gave up on a gateway that never answered (its BookingCreated dead-lettered after the
     * retries: the charge had gone through with its answer lost, and was refunded).
     */
    static List<String> notPaidThenLost(Snapshot s, Context context) {
        Set<UUID> gaveUp = context.deadLetters().stream()
                .filter(l -> l.topic().endsWith(".payment-worker.dlq") && l.type().equals("BookingCreated"))
                .flatMap(l -> l.bookingId().stream()).collect(Collectors.toSet());
        List<String> v = new ArrayList<>();
        for (Snapshot.Booking b : s.bookings) {
            if (!s.approvedCharge(b)) {
                continue;
            }
            if (b.status().equals("EXPIRED")) {
                v.add("booking " + b.id() + " was paid, then EXPIRED (its payment came after the hold and its grace)");
            } else if (b.status().equals("CANCELLED") && !gaveUp.contains(b.id())) {
                v.add("booking " + b.id() + " was paid, then CANCELLED, without the gateway failing it");
            }
        }
        return v;
    }

    /**
     * Exactly one confirmation per confirmed booking, none for the others, at both ends: the notification
     * worker's intent, SENT; and at the mail server, one message. A copy of it (the same Message-ID again)
     * only for a mail that was in flight when the worker was SIGKILLed: a crash between the send and its mark
     * is the one window SMTP gives no way to close (docs/notifications.md). A send that failed before the
     * mail server took the message (a refused connection, a timeout while a restarted worker warms up) and
     * was retried is not a second mail: what the buyer gets is what the server got.
     */
    static List<String> oneConfirmationMail(Snapshot s, Set<UUID> inFlightAtKill) {
        List<String> v = new ArrayList<>();
        for (Snapshot.Booking b : s.bookings) {
            List<Snapshot.Mail> intents = s.confirmationMails(b);
            List<SmtpSink.Received> delivered = s.deliveredConfirmations(b);
            if (b.status().equals("CONFIRMED")) {
                if (intents.size() != 1 || !intents.get(0).status().equals("SENT")) {
                    v.add("CONFIRMED booking " + b.id() + " has confirmation intents " + intents);
                    continue;
                }
                Snapshot.Mail mail = intents.get(0);
                boolean window = inFlightAtKill.contains(mail.eventId());
                int copies = delivered.isEmpty() ? 0 : delivered.get(0).copies();
                if (delivered.size() != 1) {
                    v.add("CONFIRMED booking " + b.id() + ": the mail server got " + delivered.size() + " confirmations");
                } else if (copies > 1 && !(window && copies <= mail.attempts())) {
                    v.add("CONFIRMED booking " + b.id() + ": the mail server got its confirmation " + copies + " times ("
                            + mail.attempts() + " sends, " + (window ? "" : "not ") + "in flight at a kill)");
                }
            } else if (!intents.isEmpty() || !delivered.isEmpty()) {
                v.add(b.status() + " booking " + b.id() + " got a confirmation mail");
            }
        }
        return v;
    }

    /**
     * Every record dead-lettered during the scenario is explained: the only one the rules make is a charge the
     * payment worker gave up on after its retries (the gateway never answered), whose booking was then
     * cancelled with a refund asked for. Anything else is an event no consumer applied.
     */
    static List<String> deadLettersExplained(Context context) {
        List<String> v = new ArrayList<>();
        for (DeadLetters.Letter l : context.deadLetters()) {
            boolean explained = l.topic().endsWith(".payment-worker.dlq") && l.type().equals("BookingCreated")
                    && l.bookingId().map(id -> "CANCELLED+refund".equals(context.deadLetteredBookingStates().get(id)))
                            .orElse(false);
            if (!explained) {
                v.add("dead letter not explained: " + l.describe() + ", booking now "
                        + l.bookingId().map(id -> context.deadLetteredBookingStates().getOrDefault(id, "unknown")).orElse("?"));
            }
        }
        return v;
    }

    /** Every booking final within its bound, and everything else caught up within its own, after the fault cleared. */
    static List<String> settledInTime(Context context) {
        List<String> v = new ArrayList<>();
        if (context.lastFinalAt() != null) {
            Duration toFinal = Duration.between(context.faultClearedAt(), context.lastFinalAt());
            if (toFinal.compareTo(context.finalWithin()) > 0) {
                v.add("the last booking was final " + toFinal.toSeconds() + " s after the fault cleared, more than the "
                        + context.finalWithin().toSeconds() + " s allowed");
            }
        }
        if (context.settledAt() == null) {
            v.add("not settled: see the pipeline line above");
            return v;
        }
        Duration took = Duration.between(context.faultClearedAt(), context.settledAt());
        if (took.compareTo(context.settleWithin()) > 0) {
            v.add("settled " + took.toSeconds() + " s after the fault cleared, more than the " + context.settleWithin().toSeconds()
                    + " s allowed");
        }
        return v;
    }

    static boolean dashboardMatches(Snapshot s) {
        return s.dashboardRevenue.map(r -> r.compareTo(s.confirmedRevenue()) == 0).orElse(s.confirmedTickets() == 0)
                && Math.max(s.dashboardTickets, 0) == s.confirmedTickets();
    }
}
