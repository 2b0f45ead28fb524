package com.tickets.system.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * One fault scenario: buyers book while the fault is injected, then the system is left to settle
 * (bounded), then the invariants are checked against the databases and one summary line printed.
 */
final class FaultScenario {

    /** Injects the fault and puts things back (in a finally), returning what it did, e.g. "Kafka down 10 s". */
    @FunctionalInterface
    interface Fault {
        String inject() throws Exception;
    }

    record Outcome(String summary, List<String> violations, int successes, int successesAfterFault) {
    }

    static final Path SUMMARIES = Path.of("target", "fault-summary.txt");

    private FaultScenario() {
    }

    static Outcome run(FaultStack stack, String name, Tier tier, Fault fault) throws Exception {
        FaultSettings settings = FaultSettings.current();
        BookingLoad load = BookingLoad.start(stack::api, tier, settings.buyers(), settings.thinkTime());
        long started = System.nanoTime();
        String injected;
        try {
            Thread.sleep(settings.warmUp().toMillis());
            injected = fault.inject();
            load.faultIsOver();
            Thread.sleep(settings.tail().toMillis());
        } finally {
            load.stop();
        }
        long loadSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        long settleStart = System.nanoTime();
        Snapshot last = settle(stack, tier, settings.settleTimeout());
        long settleSeconds = Duration.ofNanos(System.nanoTime() - settleStart).toSeconds();
        List<String> violations = Invariants.violations(last, load);

        String summary = ("FAULT SUMMARY | %s (%s) | load %d s, %d buyers: %s | faults injected: %s | bookings: %d confirmed, "
                + "%d cancelled, %d expired, %d pending | settled in %d s%s | invariant violations=%d").formatted(name,
                settings.length(), loadSeconds, settings.buyers(), load.describe(), injected,
                last.withStatus("CONFIRMED").size(), last.withStatus("CANCELLED").size(), last.withStatus("EXPIRED").size(),
                last.withStatus("PENDING").size(), settleSeconds, Invariants.settled(last) ? "" : " (NOT settled)",
                violations.size());
        System.out.println(summary);
        violations.stream().limit(20).forEach(v -> System.out.println("  violation: " + v));
        record(summary);
        return new Outcome(summary, violations, load.successes(), load.createdAfterFault.get());
    }

    private static Snapshot settle(FaultStack stack, Tier tier, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Snapshot s = Snapshot.take(stack, tier);
        while (!Invariants.settled(s) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            s = Snapshot.take(stack, tier);
        }
        if (!Invariants.settled(s)) {
            System.out.println("  not settled: " + s.describePipeline());
        }
        return s;
    }

    private static void record(String summary) throws IOException {
        Files.createDirectories(SUMMARIES.toAbsolutePath().getParent());
        Files.writeString(SUMMARIES, summary + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
