package com.tickets.system.fault;

import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One fault scenario: an on-sale crowd books while the fault is injected, then the system is left to
 * settle (bounded), then the invariants are checked against the databases, the gateway's ledger, the mail
 * server and the dead-letter topics, and one summary line printed.
 */
final class FaultScenario {

    /** Injects the fault and puts things back (in a finally), returning what it did, e.g. "Kafka down 10 s". */
    @FunctionalInterface
    interface Fault {
        String inject(Run run) throws Exception;
    }

    /**
     * What a fault may tell the checks (the mails the notification worker had in flight when it was killed),
     * and what it puts back while the scenario goes on ({@link #putBackMeanwhile}).
     */
    static final class Run {
        final BookingLoad load;
        final Set<UUID> mailsInFlightAtKill = new HashSet<>();
        private final List<java.util.concurrent.CompletableFuture<String>> puttingBack = new ArrayList<>();

        Run(BookingLoad load) {
            this.load = load;
        }

        /**
         * Starts putting back what the fault broke (a killed process restarted) without waiting for it: the
         * scenario's fault is over once the rest of the system has taken over, and the restart, slow on a busy
         * machine, runs beside the tail and the settling. The scenario waits for it before it ends.
         */
        void putBackMeanwhile(String what, ThrowingRunnable putBack) {
            long start = System.nanoTime();
            puttingBack.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    putBack.run();
                    return what + " in " + Math.round((System.nanoTime() - start) / 1e9) + " s";
                } catch (Exception e) {
                    throw new IllegalStateException("could not put back: " + what, e);
                }
            }));
        }

        String awaitPutBack() {
            return String.join(", ", puttingBack.stream().map(java.util.concurrent.CompletableFuture::join).toList());
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    record Outcome(String summary, List<String> violations, int successes, int successesDuringFault, int successesAfterFault,
                   BookingLoad load, Snapshot last, long settleSeconds) {
    }

    static final Path SUMMARIES = Path.of("target", "fault-summary.txt");

    /** What every scenario asserts: the crowd was served, served again by itself after the fault, and nothing broke. */
    static void assertHeld(Outcome outcome) {
        org.assertj.core.api.Assertions.assertThat(outcome.successes()).as("bookings made during the scenario").isPositive();
        org.assertj.core.api.Assertions.assertThat(outcome.successesAfterFault())
                .as("bookings made after the fault, without anyone's help").isPositive();
        org.assertj.core.api.Assertions.assertThat(outcome.violations()).as(outcome.summary()).isEmpty();
    }

    private FaultScenario() {
    }

    static Outcome run(FaultStack stack, String name, Tier tier, Fault fault) throws Exception {
        FaultSettings settings = FaultSettings.current();
        return run(stack, name, tier, settings.buyers(), settings.maxRate(), fault);
    }

    /** As {@link #run(FaultStack, String, Tier, Fault)}, with a crowd of {@code buyers} at most {@code maxRate} purchases a second (0: no limit). */
    static Outcome run(FaultStack stack, String name, Tier tier, int buyers, int maxRate, Fault fault) throws Exception {
        FaultSettings settings = FaultSettings.current();
        Map<TopicPartition, Long> deadLettersBefore = DeadLetters.mark(stack.kafkaBootstrapServers(), stack.deadLetterTopics());
        Instant scenarioStart = Instant.now();
        BookingLoad load = BookingLoad.start(stack::apis, tier, buyers, settings.doubleSendShare(), maxRate);
        Run run = new Run(load);
        String injected;
        Instant faultCleared;
        try {
            Thread.sleep(settings.warmUp().toMillis());
            load.faultStarts();
            try {
                injected = fault.inject(run);
            } finally {
                load.faultIsOver();
                faultCleared = Instant.now();
            }
            Thread.sleep(settings.tail().toMillis());
        } finally {
            load.stop();
        }
        Instant loadStopped = Instant.now();

        Snapshot polled = null;
        Instant settledAt = null;
        long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
        long nextProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextProgress) { // where a slow settle spends its time
                System.out.printf("  settling, %d s after the fault cleared: %s%n",
                        Duration.between(faultCleared, Instant.now()).toSeconds(), Snapshot.progress(stack, tier));
                nextProgress = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            }
            if (Snapshot.pipelineQuiet(stack, tier)) {
                polled = Snapshot.take(stack, tier);
                if (Invariants.settled(polled)) {
                    settledAt = Instant.now();
                    break;
                }
            }
            Thread.sleep(1000);
        }
        if (settledAt == null) {
            polled = Snapshot.take(stack, tier);
            System.out.println("  not settled: " + polled.describePipeline());
        }
        Snapshot last = polled;

        String putBack = run.awaitPutBack();
        if (!putBack.isEmpty()) {
            injected = injected + "; put back meanwhile: " + putBack;
        }
        List<DeadLetters.Letter> letters = DeadLetters.since(stack.kafkaBootstrapServers(), stack.deadLetterTopics(), deadLettersBefore);
        Invariants.Context context = new Invariants.Context(load, run.mailsInFlightAtKill, letters, bookingStates(stack, letters),
                faultCleared, last.lastChange().orElse(null), settings.finalWithin(), settledAt, settings.settleWithin(),
                chargesWithoutBooking(stack, scenarioStart), settings.holdGrace());
        List<String> violations = Invariants.violations(last, context);

        long settleSeconds = settledAt == null ? -1 : Duration.between(faultCleared, settledAt).toSeconds();
        String finalAfter = last.lastChange().map(t -> Duration.between(faultCleared, t).toSeconds() + " s").orElse("-");
        long copies = last.bookings.stream().flatMap(b -> last.deliveredConfirmations(b).stream()).mapToLong(r -> r.copies() - 1).sum();
        String summary = ("FAULT SUMMARY | %s (%s) | load %.0f s, %d buyers: %s | faults injected: %s | bookings: %d confirmed, "
                + "%d cancelled, %d expired, %d pending; %d mails delivered (%d copies), %d dead letters | last booking final %s "
                + "after the fault cleared (bound %d s), all settled in %s (bound %d s; load stopped %d s after the fault) | "
                + "invariant violations=%d").formatted(name, settings.length(), load.loadSeconds(), buyers, load.describe(),
                injected, last.withStatus("CONFIRMED").size(), last.withStatus("CANCELLED").size(),
                last.withStatus("EXPIRED").size(), last.withStatus("PENDING").size(),
                last.bookings.stream().mapToLong(b -> last.deliveredConfirmations(b).size()).sum(), copies, letters.size(),
                finalAfter, settings.finalWithin().toSeconds(), settledAt == null ? "NOT settled" : settleSeconds + " s",
                settings.settleWithin().toSeconds(),
                Duration.between(faultCleared, loadStopped).toSeconds(), violations.size());
        System.out.println(summary);
        violations.stream().limit(20).forEach(v -> System.out.println("  violation: " + v));
        letters.stream().limit(10).forEach(l -> System.out.println("  dead letter: " + l.describe()));
        record(summary);
        return new Outcome(summary, violations, load.successes(), load.createdDuringFault.get(), load.createdAfterFault.get(), load,
                last, settleSeconds);
    }

    /** "CANCELLED+refund", "CONFIRMED", ... of the bookings the dead letters name (any tier: a letter may be late). */
    private static Map<UUID, String> bookingStates(FaultStack stack, List<DeadLetters.Letter> letters) throws Exception {
        Map<UUID, String> states = new HashMap<>();
        UUID[] ids = letters.stream().flatMap(l -> l.bookingId().stream()).distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return states;
        }
        try (Connection c = Snapshot.connect(stack.jdbcUrl("booking"));
             var st = c.prepareStatement("select id, status, refund_requested_at is not null from bookings where id = any(?)")) {
            st.setArray(1, c.createArrayOf("uuid", ids));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getObject(1, UUID.class), rs.getString(2) + (rs.getBoolean(3) ? "+refund" : ""));
                }
            }
        }
        return states;
    }

    /** Approved charges the gateway took since {@code since} for bookings the booking database does not have. */
    private static List<UUID> chargesWithoutBooking(FaultStack stack, Instant since) throws Exception {
        List<UUID> charged = new ArrayList<>();
        try (Connection c = Snapshot.connect(stack.jdbcUrl("payment"));
             var st = c.prepareStatement("select distinct booking_id from gateway_ledger where kind = 'CHARGE' and approved "
                     + "and created_at >= ?")) {
            st.setObject(1, java.sql.Timestamp.from(since.minusSeconds(5)));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    charged.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (charged.isEmpty()) {
            return charged;
        }
        Set<UUID> known = new HashSet<>();
        try (Connection c = Snapshot.connect(stack.jdbcUrl("booking"));
             var st = c.prepareStatement("select id from bookings where id = any(?)")) {
            st.setArray(1, c.createArrayOf("uuid", charged.toArray(UUID[]::new)));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return charged.stream().filter(id -> !known.contains(id)).toList();
    }

    private static void record(String summary) throws IOException {
        Files.createDirectories(SUMMARIES.toAbsolutePath().getParent());
        Files.writeString(SUMMARIES, summary + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
