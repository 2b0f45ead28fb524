package com.tickets.api.waitlist;

import com.tickets.api.concert.Inventory;
import com.tickets.api.outbox.JobSpans;
import com.tickets.api.outbox.Outbox;
import com.tickets.events.EventTypes;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Passes on offers whose window ended unclaimed (to the next entry that fits, or back on sale) and sends the
 * reminders of those about to end. Safe with many replicas: an expiry runs under its tier's row lock and
 * re-reads the ended offers there, a reminder is one conditional UPDATE.
 *
 * <p>The reminders of a sweep, and its passing on of ended offers, are a span each ({@link JobSpans}) when there
 * are any, so the rows they write (the reminders, the expiries, the next offers, the availability) carry a trace;
 * a sweep with nothing to do makes no span.
 */
@ApplicationScoped
class OfferSweeper {

    private static final Logger LOG = Logger.getLogger(OfferSweeper.class);
    private static final int TIERS_PER_SWEEP = 100;
    private static final int REMINDERS_PER_SWEEP = 500;

    private final WaitlistTransactions transactions;
    private final WaitlistSql sql;
    private final Inventory inventory;
    private final Outbox outbox;
    private final WaitlistConfig config;
    private final WaitlistMetrics metrics;
    private final JobSpans spans;

    OfferSweeper(WaitlistTransactions transactions, WaitlistSql sql, Inventory inventory, Outbox outbox,
                 WaitlistConfig config, WaitlistMetrics metrics, JobSpans spans) {
        this.transactions = transactions;
        this.sql = sql;
        this.inventory = inventory;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
        this.spans = spans;
    }

    @Scheduled(every = "${waitlist.sweep-every}", delayed = "${waitlist.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not during shutdown: the database pool is closing
    void sweep() {
        remind();
        List<UUID> tiers = transactions.run(c -> sql.tiersWithEndedOffers(c, Instant.now(), TIERS_PER_SWEEP));
        if (tiers.isEmpty()) {
            return;
        }
        spans.run("expire waitlist offers", span -> {
            int total = 0;
            for (UUID tier : tiers) {
                int expired = expireEndedOffers(tier);
                if (expired > 0) {
                    LOG.infof("%d waitlist offer(s) of tier %s ended unclaimed and passed on", expired, tier);
                }
                total += expired;
            }
            span.setAttribute("tickets.waitlist.offers.expired", total);
            return total;
        });
    }

    /** Ends the tier's offers whose window has passed and offers their tickets again; returns how many ended. */
    int expireEndedOffers(UUID tierId) {
        return transactions.run(c -> {
            inventory.lockForBatch(c, tierId);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<WaitlistEntry> ended = sql.lockEndedOffers(c, tierId, now);
            if (ended.isEmpty()) {
                return 0; // another replica passed them on first
            }
            TierInfo tier = sql.tierInfo(c, tierId).orElseThrow();
            sql.end(c, ended.stream().map(WaitlistEntry::id).toList(), WaitlistStatus.EXPIRED, null, now);
            List<Outbox.Entry> events = new ArrayList<>();
            for (WaitlistEntry e : ended) {
                events.add(WaitlistEvents.of(EventTypes.WAITLIST_OFFER_EXPIRED, WaitlistEvents.with(e, WaitlistStatus.EXPIRED),
                        tier, now));
            }
            int available = inventory.returnOffers(c, tierId,
                    ended.stream().map(e -> new Inventory.OfferReturn(e.id(), e.quantity())).toList(), true);
            events.add(Waitlist.availability(tier, available, now));
            outbox.appendAll(events);
            metrics.expired(ended.size());
            return ended.size();
        });
    }

    /** Records a {@code WaitlistOfferExpiring} (the reminder mail) for each offer whose reminder is due. */
    int remind() {
        return transactions.run(c -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<WaitlistEntry> due = sql.remindDue(c, now, config.offerReminderBefore(), REMINDERS_PER_SWEEP);
            if (due.isEmpty()) {
                return 0;
            }
            return spans.run("remind waitlist offers", span -> {
                List<Outbox.Entry> events = new ArrayList<>();
                for (WaitlistEntry e : due) {
                    events.add(WaitlistEvents.of(EventTypes.WAITLIST_OFFER_EXPIRING, e, sql.tierInfo(c, e.tierId()).orElseThrow(),
                            now));
                }
                outbox.appendAll(events);
                span.setAttribute("tickets.waitlist.reminders", due.size());
                return due.size();
            });
        });
    }
}
