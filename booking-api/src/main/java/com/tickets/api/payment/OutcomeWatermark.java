package com.tickets.api.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The moment up to which every payment outcome that had reached {@code payment.events} is applied:
 * the hold sweeper expires a booking only once its hold and grace ended before that moment, so an
 * outcome on its way, or waiting behind a backlog, is never overtaken by the expiry ("paid, then
 * expired because of our own delay").
 *
 * <p>How it is known: every second the topic's end offsets are asked for ({@link #endOffsets}); the
 * answer says "at {@code askedAt}, partition p held the records below {@code end}". Once the records
 * below {@code end} are applied in every partition ({@link #applied}, from this replica's batches or
 * the group's committed offsets, which only move past applied records), everything that had reached
 * the topic at {@code askedAt} is applied. A partition with nothing new is caught up at once; one with a
 * backlog moves its watermark as the backlog drains, so the watermark trails "now" by the backlog.
 *
 * <p>A payment-worker that could not publish while Kafka was away publishes what it kept as soon as Kafka
 * answers again, but its records may land a moment after this replica's first question: answers taken
 * within {@code quietAfterOutage} of an unanswered question ({@link #unreachable}) are not used.
 *
 * <p>Pure and thread-safe: the consumer reports applied offsets from its thread, the probe its answers
 * from the scheduler's.
 */
public final class OutcomeWatermark {

    private record Question(Instant askedAt, long end) {
    }

    /** Questions kept per partition that is behind: ten minutes of them at one a second. */
    private static final int MAX_PENDING = 600;

    private final Duration quietAfterOutage;
    private final Map<Integer, Long> applied = new HashMap<>();
    private final Map<Integer, Deque<Question>> pending = new HashMap<>();
    private final Map<Integer, Instant> caughtUp = new HashMap<>();
    private int partitions;
    private Instant lastUnanswered;

    public OutcomeWatermark(Duration quietAfterOutage) {
        this.quietAfterOutage = quietAfterOutage;
    }

    /** The records of {@code partition} below {@code nextOffset} are applied (or dead-lettered) and committed. */
    public synchronized void applied(int partition, long nextOffset) {
        applied.merge(partition, nextOffset, Math::max);
        Deque<Question> waiting = pending.get(partition);
        while (waiting != null && !waiting.isEmpty() && waiting.peekFirst().end() <= nextOffset) {
            caughtUp.merge(partition, waiting.pollFirst().askedAt(), OutcomeWatermark::later);
        }
    }

    /**
     * The topic's end offsets, asked for at {@code askedAt} (before the question was sent), one per
     * partition of the topic; {@code committed}: the group's committed offsets, records below which are applied.
     */
    public synchronized void endOffsets(Instant askedAt, Map<Integer, Long> ends, Map<Integer, Long> committed) {
        committed.forEach(this::applied);
        if (lastUnanswered != null && askedAt.isBefore(lastUnanswered.plus(quietAfterOutage))) {
            return;
        }
        partitions = ends.size();
        ends.forEach((partition, end) -> {
            if (applied.getOrDefault(partition, 0L) >= end) { // an offset below 0 holds no record
                caughtUp.merge(partition, askedAt, OutcomeWatermark::later);
            } else {
                Deque<Question> waiting = pending.computeIfAbsent(partition, p -> new ArrayDeque<>());
                if (waiting.size() == MAX_PENDING) {
                    waiting.pollFirst(); // a later question answers for it, only later
                }
                waiting.addLast(new Question(askedAt, end));
            }
        });
    }

    /** The end offsets could not be had at {@code at} (Kafka away, or too slow). */
    public synchronized void unreachable(Instant at) {
        lastUnanswered = at;
    }

    /**
     * Every outcome that had reached the topic by the returned moment is applied; empty until every
     * partition of the topic has been caught up once.
     */
    public synchronized Optional<Instant> appliedThrough() {
        if (partitions == 0 || caughtUp.size() < partitions) {
            return Optional.empty();
        }
        return caughtUp.values().stream().min(Instant::compareTo);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
