package com.tickets.analytics.projection;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.WaitlistData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A waitlist entry's row is a pure function of the set of its events applied: events of one entry come in
 * order, but a retried one comes after later ones, and a batch folds an entry's changes into one before
 * the upsert. So, for any events of one entry: joining their fold equals joining them one by one, in any
 * order, with any of them delivered twice; and the row equals what the set of events says directly (the
 * highest status, an offer / claim / expiry if any event tells of one, the latest event's names).
 *
 * <p>{@link Row} is an independent model of the row and of {@code WaitlistEntriesSql.UPSERT_CHANGES}: an
 * insert of the first change, then per column {@code coalesce} for the ids, the higher rank's status,
 * {@code or} of the flags, and for the names the later {@code names_at}, on a tie the greater name in
 * {@code collate "C"} order (UTF-8 bytes, unsigned), as PostgreSQL compares them.
 */
class WaitlistChangeProperties {

    private static final List<UUID> ENTRIES = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final UUID CONCERT = UUID.randomUUID();
    private static final UUID TIER = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2031-05-01T10:00:00Z");
    private static final List<String> TYPES = List.of(EventTypes.WAITLIST_JOINED, EventTypes.WAITLIST_LEFT,
            EventTypes.WAITLIST_OFFER_MADE, EventTypes.WAITLIST_OFFER_EXPIRING, EventTypes.WAITLIST_OFFER_CLAIMED,
            EventTypes.WAITLIST_OFFER_EXPIRED);
    /** Including names whose UTF-16 order differs from their code point order (a surrogate pair vs U+FF21). */
    private static final List<String> NAMES = List.of("VIP", "Balcony", "balcony", "Älcove", "\uFF21 row", "\uD83D\uDE00 row");

    @Property
    void foldingAnEntrysChangesThenJoiningEqualsJoiningThemOneByOne(@ForAll("oneEntry") OneEntry e) {
        WaitlistChange folded = WaitlistChange.foldByEntry(e.changes()).get(0);

        assertThat(Row.join(e.stored(), folded)).isEqualTo(Row.joinOneByOne(e.stored(), e.changes()));
    }

    @Property
    void joiningAnEntrysChangesInAnyOrderEndsInTheSameRow(@ForAll("oneEntry") OneEntry e, @ForAll Random random) {
        List<WaitlistChange> shuffled = new ArrayList<>(e.changes());
        Collections.shuffle(shuffled, random);

        assertThat(Row.joinOneByOne(e.stored(), shuffled)).isEqualTo(Row.joinOneByOne(e.stored(), e.changes()));
        assertThat(WaitlistChange.foldByEntry(shuffled)).isEqualTo(WaitlistChange.foldByEntry(e.changes()));
    }

    @Property
    void aChangeDeliveredAgainChangesNothing(@ForAll("oneEntry") OneEntry e, @ForAll Random random) {
        List<WaitlistChange> again = new ArrayList<>(e.changes());
        again.add(e.changes().get(random.nextInt(e.changes().size())));
        Collections.shuffle(again, random);

        assertThat(Row.joinOneByOne(e.stored(), again)).isEqualTo(Row.joinOneByOne(e.stored(), e.changes()));
    }

    @Property
    void theRowIsWhatTheSetOfTheEntrysEventsSays(@ForAll("entryEvents") List<EventEnvelope> events) {
        List<WaitlistChange> changes = events.stream().map(ev -> WaitlistChange.of(ev).orElseThrow()).toList();
        Row row = Row.joinOneByOne(null, changes);

        List<WaitlistData> data = events.stream().map(ev -> EventJson.data(ev, WaitlistData.class)).toList();
        WaitlistStatus highest = data.stream().map(d -> WaitlistStatus.valueOf(d.status()))
                .max(Comparator.comparingInt(WaitlistStatus::rank)).orElseThrow();
        assertThat(row.status()).isEqualTo(highest.name());
        assertThat(row.offered()).isEqualTo(events.stream().anyMatch(ev -> !ev.type().equals(EventTypes.WAITLIST_JOINED)
                && !ev.type().equals(EventTypes.WAITLIST_LEFT)) || data.stream().anyMatch(d -> d.offerExpiresAt() != null
                || List.of("OFFERED", "CLAIMED", "EXPIRED").contains(d.status())));
        assertThat(row.claimed()).isEqualTo(events.stream().anyMatch(ev -> ev.type().equals(EventTypes.WAITLIST_OFFER_CLAIMED))
                || data.stream().anyMatch(d -> d.status().equals("CLAIMED")));
        assertThat(row.expired()).isEqualTo(events.stream().anyMatch(ev -> ev.type().equals(EventTypes.WAITLIST_OFFER_EXPIRED))
                || data.stream().anyMatch(d -> d.status().equals("EXPIRED")));
        // the names of the latest event; between events of one instant, the greatest name (C collation)
        Instant latest = events.stream().map(EventEnvelope::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(row.tierName()).isEqualTo(events.stream().filter(ev -> ev.occurredAt().equals(latest))
                .map(ev -> EventJson.data(ev, WaitlistData.class).tierName()).max(Row::collateC).orElseThrow());
        assertThat(row.namesAt()).isEqualTo(latest);
        assertThat(row.quantity()).isEqualTo(2);
    }

    @Property
    void aBatchFoldsToOneChangePerEntryEachTheFoldOfItsOwnChanges(@ForAll("manyEntriesChanges") List<WaitlistChange> batch) {
        Map<UUID, List<WaitlistChange>> byEntry = new LinkedHashMap<>();
        batch.forEach(c -> byEntry.computeIfAbsent(c.entryId(), x -> new ArrayList<>()).add(c));

        List<WaitlistChange> folded = WaitlistChange.foldByEntry(batch);

        assertThat(folded).extracting(WaitlistChange::entryId).containsExactlyElementsOf(byEntry.keySet());
        for (WaitlistChange change : folded) {
            assertThat(Row.join(null, change)).isEqualTo(Row.joinOneByOne(null, byEntry.get(change.entryId())));
        }
    }

    @Property
    void otherEventsChangeNoEntry(@ForAll("otherTypes") String type) {
        EventEnvelope event = EventJson.envelope(type, UUID.randomUUID().toString(), null,
                Map.of("bookingId", UUID.randomUUID().toString()), T0);
        assertThat(WaitlistChange.of(event)).isEmpty();
    }

    /** An entry's row as an earlier batch left it (or none yet), and a batch's changes of that entry. */
    record OneEntry(Row stored, List<WaitlistChange> changes) {
    }

    @Provide
    Arbitrary<OneEntry> oneEntry() {
        return Arbitraries.of(ENTRIES).flatMap(entry -> Combinators.combine(
                change(entry).map(c -> Row.join(null, c)).injectNull(0.3),
                change(entry).list().ofMinSize(1).ofMaxSize(8)).as(OneEntry::new));
    }

    @Provide
    Arbitrary<List<EventEnvelope>> entryEvents() {
        return Arbitraries.of(ENTRIES).flatMap(entry -> event(entry).list().ofMinSize(1).ofMaxSize(8));
    }

    @Provide
    Arbitrary<List<WaitlistChange>> manyEntriesChanges() {
        return Arbitraries.of(ENTRIES).flatMap(this::change).list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<String> otherTypes() {
        return Arbitraries.of(EventTypes.BOOKING_CREATED, EventTypes.BOOKING_CONFIRMED, EventTypes.PAYMENT_SUCCEEDED,
                EventTypes.REFUND_SUCCEEDED, EventTypes.AVAILABILITY_CHANGED, "WaitlistSomethingNew");
    }

    private Arbitrary<WaitlistChange> change(UUID entry) {
        return event(entry).map(ev -> WaitlistChange.of(ev).orElseThrow());
    }

    /**
     * An event of the entry as booking-api would write it, and some it might not (an offer window on a
     * Left, a status that lags its type): the rules must hold for whatever comes.
     */
    private Arbitrary<EventEnvelope> event(UUID entry) {
        UUID booking = UUID.nameUUIDFromBytes(entry.toString().getBytes(StandardCharsets.UTF_8));
        return Combinators.combine(Arbitraries.of(TYPES), Arbitraries.of(WaitlistStatus.class), Arbitraries.of(NAMES),
                Arbitraries.of(NAMES), Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                .as((type, status, concertName, tierName, minute, window) -> {
                    Instant at = T0.plusSeconds(60L * minute);
                    WaitlistData data = new WaitlistData(entry, CONCERT, concertName, T0.plusSeconds(86_400), "Hall",
                            "Europe/Berlin", TIER, tierName, "fan@example.com", 2, new BigDecimal("50.00"), "EUR",
                            status.name(), T0, window ? at.plusSeconds(600) : null,
                            status == WaitlistStatus.CLAIMED ? booking : null, "organizer");
                    return EventJson.envelope(type, entry.toString(), null, data, at);
                });
    }

    /** The stored row, column by column, as waitlist_entries has it. */
    record Row(UUID concertId, UUID ticketTierId, String organizer, Integer quantity, Instant namesAt,
               String concertName, String tierName, String status, int statusRank, boolean offered, boolean claimed,
               boolean expired, UUID bookingId) {

        /** The upsert of one change: an insert when there is no row, else the conflict's update. */
        static Row join(Row stored, WaitlistChange c) {
            Row proposed = new Row(c.concertId(), c.ticketTierId(), c.organizer(), c.quantity(), c.namesAt(),
                    c.concertName(), c.tierName(), c.status().name(), c.status().rank(), c.offered(), c.claimed(),
                    c.expired(), c.bookingId());
            if (stored == null) {
                return proposed;
            }
            int when = proposed.namesAt.compareTo(stored.namesAt);
            return new Row(coalesce(stored.concertId, proposed.concertId), coalesce(stored.ticketTierId, proposed.ticketTierId),
                    coalesce(stored.organizer, proposed.organizer), coalesce(stored.quantity, proposed.quantity),
                    when > 0 ? proposed.namesAt : stored.namesAt,
                    when > 0 ? proposed.concertName : when < 0 ? stored.concertName : greatest(stored.concertName, proposed.concertName),
                    when > 0 ? proposed.tierName : when < 0 ? stored.tierName : greatest(stored.tierName, proposed.tierName),
                    proposed.statusRank > stored.statusRank ? proposed.status : stored.status,
                    Math.max(stored.statusRank, proposed.statusRank),
                    stored.offered || proposed.offered, stored.claimed || proposed.claimed, stored.expired || proposed.expired,
                    coalesce(stored.bookingId, proposed.bookingId));
        }

        static Row joinOneByOne(Row stored, List<WaitlistChange> changes) {
            Row row = stored;
            for (WaitlistChange c : changes) {
                row = join(row, c);
            }
            return row;
        }

        private static <T> T coalesce(T a, T b) {
            return a != null ? a : b;
        }

        /** PostgreSQL's greatest() in collate "C": nulls ignored, UTF-8 bytes compared unsigned. */
        private static String greatest(String a, String b) {
            if (a == null || b == null) {
                return a != null ? a : b;
            }
            return collateC(a, b) >= 0 ? a : b;
        }

        static int collateC(String a, String b) {
            return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }
    }
}
