package com.tickets.api.concert;

import com.tickets.api.concert.Inventory.LockedTier;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tiers this replica saw sold out a moment ago, so that a crowd arriving after the last ticket is
 * answered {@code 409 sold-out} without queueing for the tier's row lock: the booking batch then only
 * looks its keys up (a replay still gets its booking) and takes nothing.
 *
 * <p>A mark is at most {@link Config#staleness()} old (1 s): after that the next batch decides under
 * the lock again. Tickets coming back clear it at once on the replica that returns them ({@link
 * Inventory}), and on every other replica when their {@code AvailabilityChanged} arrives
 * (availability feed), or when the mark runs out, whichever comes first. Only ever a shortcut to a
 * refusal the lock would also give; it never books anything.
 */
@ApplicationScoped
public class SoldOutTiers {

    /** {@code booking.sold-out.*} */
    @ConfigMapping(prefix = "booking.sold-out")
    public interface Config {
        /** {@code BOOKING_SOLD_OUT_STALENESS}: how long a "sold out" is answered without the tier's lock. */
        @WithDefault("PT1S")
        Duration staleness();
    }

    private record Mark(LockedTier tier, long atNanos, Instant at) {
    }

    private final Map<UUID, Mark> marks = new ConcurrentHashMap<>();
    private final long stalenessNanos;

    SoldOutTiers(Config config) {
        this.stalenessNanos = config.staleness().toNanos();
    }

    /** The tier as it was when it sold out, if that was less than the staleness ago. */
    public Optional<LockedTier> soldOut(UUID tierId) {
        Mark mark = marks.get(tierId);
        if (mark == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - mark.atNanos() > stalenessNanos) {
            marks.remove(tierId, mark);
            return Optional.empty();
        }
        return Optional.of(mark.tier());
    }

    /** A committed batch left the tier with no tickets. */
    public void markSoldOut(LockedTier tier) {
        marks.put(tier.id(), new Mark(tier.withAvailable(0), System.nanoTime(), Instant.now()));
    }

    /**
     * Tickets of the tier are (about to be) back on sale, or an organizer changed the tier or its concert:
     * the next batch decides under the lock.
     */
    public void ticketsReturned(UUID tierId) {
        marks.remove(tierId);
    }

    /**
     * Another replica (or this one) reported the tier with tickets at {@code changedAt}: the mark goes
     * unless it is newer than that report (the availability events of the sell-out itself arrive after
     * the mark, still saying "a few left").
     */
    public void available(UUID tierId, Instant changedAt) {
        marks.computeIfPresent(tierId, (id, mark) -> changedAt.isAfter(mark.at()) ? null : mark);
    }
}
