package com.tickets.analytics.projection;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a batch of records' JSON and applies it in one transaction ({@link BookingFacts#apply}),
 * counting what became of each event; shared by the live consumers, the retry-topic consumers and
 * the rebuild.
 *
 * <p>A record that can never be applied is set aside and the others are applied without it: a record
 * that is not an event the projection can read ({@link ReadEvent#read}) before the transaction; a record
 * whose rows the database refuses (a value too long for its column, say) by applying the batch again
 * one record per transaction, in order, once the batch's transaction has rolled back. A database that
 * is away (a lost connection, a restart, no connection from the pool, a deadlock) is retried, the whole
 * batch.
 */
@ApplicationScoped
public class ProjectionApplier {

    private static final Logger LOG = Logger.getLogger(ProjectionApplier.class);

    /**
     * SQLSTATE classes of a database refusing rows rather than being unreachable: data exceptions,
     * integrity constraint violations, PL/pgSQL's RAISE (triggers), WITH CHECK OPTION violations.
     */
    private static final Set<String> REFUSALS = Set.of("22", "23", "P0", "44");

    private final BookingFacts facts;
    private final ProjectionMetrics metrics;

    ProjectionApplier(BookingFacts facts, ProjectionMetrics metrics) {
        this.facts = facts;
        this.metrics = metrics;
    }

    /**
     * Applies the records (their values, in record order) and returns those that can never be applied,
     * by their index in the list, with the reason; every other record is applied when this returns.
     *
     * <p>A database that is away is waited for with backoff (0.5 s doubling to 10 s) for up to four
     * minutes, the whole batch, which stays inside Kafka's max.poll.interval.ms (five) so the consumer
     * keeps its partitions. After that the exception reaches the caller; the live consumers then send the
     * batch through the retry topics. A retry starts over from the first record: those a previous attempt
     * committed are found in {@code applied_events} and change nothing.
     */
    @Retry(maxRetries = -1, maxDuration = 4, durationUnit = ChronoUnit.MINUTES, delay = 500)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public SortedMap<Integer, Exception> apply(List<String> records) throws SQLException {
        List<Refusal> refusals = new ArrayList<>();
        List<ReadEvent> readable = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                readable.add(ReadEvent.read(i, records.get(i)));
            } catch (InvalidEventException e) {
                refusals.add(new Refusal(i, e.eventType(), e));
            }
        }
        if (!readable.isEmpty()) {
            try {
                write(readable);
            } catch (SQLException | RuntimeException e) {
                if (databaseAway(e)) {
                    LOG.warnf("%d event(s) not applied, retrying: %s", readable.size(), e.getMessage());
                    throw e;
                }
                if (readable.size() == 1) {
                    refusals.add(refusedByTheDatabase(readable.get(0), e));
                } else {
                    LOG.warnf("a batch of %d events was refused (%s); applying them one by one", readable.size(),
                            e.getMessage());
                    refusals.addAll(oneByOne(readable));
                }
            }
        }
        SortedMap<Integer, Exception> refused = new TreeMap<>();
        // counted once the batch is through, so that an attempt that is retried counts nothing
        for (Refusal r : refusals) {
            metrics.invalid(r.eventType());
            refused.put(r.position(), r.reason());
        }
        return refused;
    }

    /** A record that can never be applied: where it stands in its batch, its type if it has one, why. */
    private record Refusal(int position, String eventType, Exception reason) {
    }

    private List<Refusal> oneByOne(List<ReadEvent> readable) throws SQLException {
        List<Refusal> refusals = new ArrayList<>();
        for (ReadEvent event : readable) {
            try {
                write(List.of(event));
            } catch (SQLException | RuntimeException e) {
                if (databaseAway(e)) {
                    LOG.warnf("events not applied, retrying: %s", e.getMessage());
                    throw e;
                }
                refusals.add(refusedByTheDatabase(event, e));
            }
        }
        return refusals;
    }

    private static Refusal refusedByTheDatabase(ReadEvent event, Exception reason) {
        LOG.errorf("%s %s refused by the database: %s", event.event().type(), event.event().id(), reason.getMessage());
        return new Refusal(event.position(), event.event().type(), reason);
    }

    private void write(List<ReadEvent> events) throws SQLException {
        List<BookingFacts.Outcome> outcomes = facts.apply(events);
        metrics.batch(events.size());
        for (int i = 0; i < events.size(); i++) {
            metrics.applied(events.get(i).event(), outcomes.get(i));
        }
    }

    /**
     * Whether a failure is the database being away rather than refusing rows: an SQLException (the first
     * in the cause chain) outside the refusal classes, or without a SQLSTATE at all (the pool, the
     * driver's I/O). A failure without any SQLException is the rows' own doing (our code failing on one
     * record's data) and is refused like a constraint violation.
     */
    static boolean databaseAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                return state == null || state.length() < 2 || !REFUSALS.contains(state.substring(0, 2));
            }
        }
        return false;
    }
}
