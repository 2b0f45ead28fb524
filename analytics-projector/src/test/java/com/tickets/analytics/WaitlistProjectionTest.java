package com.tickets.analytics;

import com.tickets.analytics.Events.Entry;
import com.tickets.analytics.Events.Show;
import com.tickets.analytics.projection.BookingFacts;
import com.tickets.analytics.projection.ReadEvent;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.tickets.analytics.Events.send;
import static com.tickets.events.EventTypes.WAITLIST_JOINED;
import static com.tickets.events.EventTypes.WAITLIST_LEFT;
import static com.tickets.events.EventTypes.WAITLIST_OFFER_CLAIMED;
import static com.tickets.events.EventTypes.WAITLIST_OFFER_EXPIRED;
import static com.tickets.events.EventTypes.WAITLIST_OFFER_EXPIRING;
import static com.tickets.events.EventTypes.WAITLIST_OFFER_MADE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waitlist section of the dashboard: per tier, the entries waiting now and the offers made, claimed
 * and expired, from waitlist.events applied once each, whatever their order, to their organizer only.
 */
@QuarkusTest
class WaitlistProjectionTest {

    private static final Instant AT = Instant.parse("2031-06-01T10:00:00Z");

    @Inject
    AgroalDataSource db;

    @Inject
    BookingFacts facts;

    @Test
    void eachTierCountsItsWaitingEntriesAndItsOffersMadeClaimedAndExpired() {
        Show show = Show.create();
        UUID vip = show.tierA();
        // VIP: two still waiting, one offer claimed, one let expire (after its reminder), one open, one left
        // without an offer, one left while holding an offer
        Entry waiting1 = join(show, vip, 0);
        Entry waiting2 = join(show, vip, 1);
        Entry claimed = join(show, vip, 2);
        offer(claimed, 10);
        send(claimed.event(WAITLIST_OFFER_CLAIMED, at(12)));
        Entry expired = join(show, vip, 3);
        offer(expired, 10);
        send(expired.event(WAITLIST_OFFER_EXPIRING, at(18)));
        send(expired.event(WAITLIST_OFFER_EXPIRED, at(20)));
        Entry open = join(show, vip, 4);
        offer(open, 21);
        Entry gaveUp = join(show, vip, 5);
        send(gaveUp.event(WAITLIST_LEFT, at(6)));
        Entry leftHolding = join(show, vip, 6);
        offer(leftHolding, 22);
        send(leftHolding.leftHoldingAnOffer(at(23)));
        // Front Row: one entry, its offer claimed
        Entry front = join(show, show.tierB(), 7);
        offer(front, 30);
        EventEnvelope last = front.event(WAITLIST_OFFER_CLAIMED, at(31));
        send(last);

        JsonPath json = awaitWaitlist(show, j -> counts(j, show.tierB()).equals("0 1 1 0 100.00")
                && counts(j, vip).startsWith("2 4 1 1 "));
        assertThat(json.getList("waitlistByTier.tierName")).containsExactly("Front Row", "VIP");
        assertThat(json.getList("waitlistByTier.concertName")).containsOnly(show.name());
        assertThat(json.getList("waitlistByTier.concertId")).containsOnly(show.concertId().toString());
        // waiting, offersMade, offersClaimed, offersExpired, claimRate
        assertThat(counts(json, vip)).isEqualTo("2 4 1 1 25.00");
        assertThat(counts(json, show.tierB())).isEqualTo("0 1 1 0 100.00");
        assertThat(waitlistOf(json, vip)).containsOnlyKeys("waiting", "offersMade", "offersClaimed", "offersExpired",
                "claimRate");
        assertThat(List.of(waiting1, waiting2, claimed, expired, open, gaveUp, leftHolding)).extracting(Entry::id)
                .doesNotHaveDuplicates();

        // the waitlist is the list as it stands, whatever the date range of the sales
        JsonPath ranged = Dashboards.dashboard(Map.of("concertId", show.concertId(), "startDate", "2020-01-01",
                "endDate", "2020-01-02"));
        assertThat(counts(ranged, vip)).isEqualTo("2 4 1 1 25.00");
        // and its JSON names, as docs/analytics.md gives them
        assertThat(Dashboards.asOrganizer().queryParam("concertId", show.concertId()).get("/api/analytics/dashboard")
                .asString()).contains("\"waitlist\":{\"waiting\":0,\"offersMade\":1,\"offersClaimed\":1,"
                + "\"offersExpired\":0,\"claimRate\":100.00}");
    }

    @Test
    void aRedeliveredEventCountsOnceAndATierWithoutOffersHasNoClaimRate() throws SQLException {
        Show show = Show.create();
        Entry entry = Entry.of(show, show.tierA(), 2);
        EventEnvelope joined = entry.event(WAITLIST_JOINED, at(0));
        send(joined);
        send(joined);
        Entry other = Entry.of(show, show.tierA(), 1);
        EventEnvelope otherJoined = other.event(WAITLIST_JOINED, at(1));
        send(otherJoined);
        send(otherJoined);
        awaitApplied(otherJoined);
        JsonPath json = awaitWaitlist(show, j -> waitlistOf(j, show.tierA()) != null);
        assertThat(counts(json, show.tierA())).isEqualTo("2 0 0 0 null");

        EventEnvelope offered = entry.event(WAITLIST_OFFER_MADE, at(2));
        send(offered);
        send(offered);
        EventEnvelope claimed = entry.event(WAITLIST_OFFER_CLAIMED, at(3));
        send(claimed);
        send(claimed);
        awaitApplied(claimed);
        json = awaitWaitlist(show, j -> counts(j, show.tierA()).equals("1 1 1 0 100.00"));
        assertThat(counts(json, show.tierA())).isEqualTo("1 1 1 0 100.00");
        assertThat(appliedCount(offered.id()) + appliedCount(claimed.id())).isEqualTo(2);
    }

    @Test
    void anEntrysEventsReadOutOfOrderEndInTheSameRow() throws SQLException {
        // a retried event comes after later events of its entry
        Show show = Show.create();
        Entry entry = Entry.of(show, show.tierC(), 3);
        List<EventEnvelope> events = List.of(entry.event(WAITLIST_JOINED, at(0)), entry.event(WAITLIST_OFFER_MADE, at(1)),
                entry.event(WAITLIST_OFFER_EXPIRING, at(8)),
                // the organizer renamed the tier meanwhile: the latest event's name is the entry's
                entry.event(WAITLIST_OFFER_CLAIMED, "CLAIMED", "Balcony", at(9), at(11)));
        List<EventEnvelope> backwards = new ArrayList<>(events);
        Collections.reverse(backwards);

        applyOneByOne(backwards);
        Map<String, Object> row = row(entry.id());
        assertThat(row).containsEntry("status", "CLAIMED").containsEntry("tier_name", "Balcony")
                .containsEntry("offered", true).containsEntry("claimed", true).containsEntry("expired", false);

        // the same events again, in order and in one batch: duplicates, nothing changes
        List<ReadEvent> batch = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            batch.add(ReadEvent.read(i, EventJson.write(events.get(i))));
        }
        assertThat(facts.apply(batch)).containsOnly(BookingFacts.Outcome.DUPLICATE);
        assertThat(row(entry.id())).isEqualTo(row);

        // a second entry, its events in order in one batch: the same row shape
        Entry inOrder = Entry.of(show, show.tierC(), 3);
        List<ReadEvent> forward = new ArrayList<>();
        List<EventEnvelope> itsEvents = List.of(inOrder.event(WAITLIST_JOINED, at(0)), inOrder.event(WAITLIST_OFFER_MADE, at(1)),
                inOrder.event(WAITLIST_OFFER_EXPIRING, at(8)),
                inOrder.event(WAITLIST_OFFER_CLAIMED, "CLAIMED", "Balcony", at(9), at(11)));
        for (int i = 0; i < itsEvents.size(); i++) {
            forward.add(ReadEvent.read(i, EventJson.write(itsEvents.get(i))));
        }
        assertThat(facts.apply(forward)).containsOnly(BookingFacts.Outcome.APPLIED);
        Map<String, Object> other = row(inOrder.id());
        other.remove("entry_id");
        other.remove("booking_id");
        row.remove("entry_id");
        row.remove("booking_id");
        assertThat(other).isEqualTo(row);
        JsonPath json = awaitWaitlist(show, j -> waitlistOf(j, show.tierC()) != null);
        assertThat(json.getList("waitlistByTier.tierName")).containsExactly("Balcony");
    }

    @Test
    void twoNamesOfOneInstantEndTheSameWhetherTheBatchOrTheDatabaseChoosesBetweenThem() throws SQLException {
        // the fold in a batch (Java) and the upsert (PostgreSQL, collate "C") order names alike, including
        // two whose UTF-16 order differs from their code point order
        Show show = Show.create();
        // each case: two names, and the one that wins (the greater code point sequence)
        for (List<String> names : List.of(List.of("\uFF21 row", "\uD83D\uDE00 row", "\uD83D\uDE00 row"),
                List.of("balcony", "Balcony", "balcony"))) {
            Entry folded = Entry.of(show, show.tierA(), 1);
            Entry joined = Entry.of(show, show.tierA(), 1);
            facts.apply(List.of(
                    ReadEvent.read(0, EventJson.write(folded.event(WAITLIST_OFFER_MADE, "OFFERED", names.get(0), at(5), at(15)))),
                    ReadEvent.read(1, EventJson.write(folded.event(WAITLIST_OFFER_MADE, "OFFERED", names.get(1), at(5), at(15))))));
            applyOneByOne(List.of(joined.event(WAITLIST_OFFER_MADE, "OFFERED", names.get(1), at(5), at(15)),
                    joined.event(WAITLIST_OFFER_MADE, "OFFERED", names.get(0), at(5), at(15))));
            assertThat(row(folded.id()).get("tier_name")).isEqualTo(names.get(2));
            assertThat(row(joined.id()).get("tier_name")).isEqualTo(names.get(2));
        }
    }

    @Test
    void anotherOrganizerSeesNoneOfYourWaitlistsAndAnEntryNamingNoOrganizerIsNobodys() {
        Show mine = Show.runBy("organizer");
        Entry entry = join(mine, mine.tierA(), 0);
        offer(entry, 1);
        awaitWaitlist(mine, j -> counts(j, mine.tierA()).equals("0 1 0 0 0.00"));

        assertThat(asOrganizer2(Map.of("concertId", mine.concertId())).getList("waitlistByTier")).isEmpty();
        assertThat(asOrganizer2(Map.of()).getList("waitlistByTier.concertId")).doesNotContain(mine.concertId().toString());

        Show theirs = Show.runBy("organizer2");
        join(theirs, theirs.tierB(), 0);
        Show unowned = Show.runBy(null);
        EventEnvelope nobodys = Entry.of(unowned, unowned.tierA(), 1).event(WAITLIST_JOINED, at(0));
        send(nobodys);
        awaitApplied(nobodys);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).until(() ->
                asOrganizer2(Map.of("concertId", theirs.concertId())).getList("waitlistByTier").size() == 1);
        assertThat(Dashboards.ofConcert(theirs, "day").getList("waitlistByTier")).isEmpty();
        assertThat(Dashboards.dashboard(Map.of()).getList("waitlistByTier.concertId"))
                .contains(mine.concertId().toString())
                .doesNotContain(theirs.concertId().toString(), unowned.concertId().toString());
        assertThat(Dashboards.ofConcert(unowned, "day").getList("waitlistByTier")).isEmpty();
        assertThat(asOrganizer2(Map.of("concertId", unowned.concertId())).getList("waitlistByTier")).isEmpty();
    }

    // --- helpers ---

    private static Entry join(Show show, UUID tier, int minute) {
        Entry entry = Entry.of(show, tier, 2);
        send(entry.event(WAITLIST_JOINED, at(minute)));
        return entry;
    }

    private static void offer(Entry entry, int minute) {
        send(entry.event(WAITLIST_OFFER_MADE, at(minute)));
    }

    private static Instant at(int minute) {
        return AT.plus(Duration.ofMinutes(minute));
    }

    /** The waitlist section of a tier on the dashboard, or null when the tier has none. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> waitlistOf(JsonPath json, UUID tier) {
        List<Map<String, Object>> tiers = json.getList("waitlistByTier");
        return tiers.stream().filter(t -> tier.toString().equals(t.get("ticketTierId")))
                .map(t -> (Map<String, Object>) t.get("waitlist")).findFirst().orElse(null);
    }

    /** A tier's waitlist section as "waiting offersMade offersClaimed offersExpired claimRate"; "none" without one. */
    private static String counts(JsonPath json, UUID tier) {
        Map<String, Object> w = waitlistOf(json, tier);
        if (w == null) {
            return "none";
        }
        Object rate = w.get("claimRate");
        return w.get("waiting") + " " + w.get("offersMade") + " " + w.get("offersClaimed") + " " + w.get("offersExpired")
                + " " + (rate == null ? "null" : new BigDecimal(rate.toString()).setScale(2, RoundingMode.UNNECESSARY));
    }

    private static JsonPath awaitWaitlist(Show show, java.util.function.Predicate<JsonPath> condition) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                .until(() -> condition.test(Dashboards.ofConcert(show, "day")));
        return Dashboards.ofConcert(show, "day");
    }

    private void applyOneByOne(List<EventEnvelope> events) throws SQLException {
        for (EventEnvelope e : events) {
            assertThat(facts.apply(List.of(ReadEvent.read(0, EventJson.write(e))))).containsExactly(BookingFacts.Outcome.APPLIED);
        }
    }

    private void awaitApplied(EventEnvelope event) {
        await().atMost(Duration.ofSeconds(40)).until(() -> appliedCount(event.id()) == 1);
    }

    private int appliedCount(UUID eventId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from applied_events where event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Map<String, Object> row(UUID entryId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select entry_id, concert_id, ticket_tier_id, organizer, quantity,"
                     + " names_at, concert_name, tier_name, status, status_rank, offered, claimed, expired, booking_id"
                     + " from waitlist_entries where entry_id = ?")) {
            s.setObject(1, entryId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a row for entry %s", entryId).isTrue();
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        }
    }

    /** organizer2's view; another test may have locked that sign-in out for up to 3 s (test profile). */
    private static JsonPath asOrganizer2(Map<String, ?> query) {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().preemptive().basic("organizer2", "organizer2")
                .queryParams(query).get("/api/analytics/dashboard").statusCode() == 200);
        return given().auth().preemptive().basic("organizer2", "organizer2").queryParams(query)
                .get("/api/analytics/dashboard").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }
}
