package com.tickets.api.waitlist;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.api.access.BookingTokens;
import com.tickets.api.organizer.OrganizerApi;
import com.tickets.api.tracing.RecentSpans;
import com.tickets.observability.Traceparents;
import io.opentelemetry.api.trace.SpanContext;
import com.tickets.events.signing.BuyerTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.tickets.api.organizer.OrganizerApi.ORGANIZER;
import static com.tickets.api.waitlist.WaitlistApi.book;
import static com.tickets.api.waitlist.WaitlistApi.cancel;
import static com.tickets.api.waitlist.WaitlistApi.claim;
import static com.tickets.api.waitlist.WaitlistApi.join;
import static com.tickets.api.waitlist.WaitlistApi.joined;
import static com.tickets.api.waitlist.WaitlistApi.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A sold-out tier's waitlist, as buyers and the tickets that come back meet it. */
@QuarkusTest
class WaitlistTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BookingTokens tokens;

    @Inject
    RecentSpans spans;

    @TestHTTPResource("/")
    URI base;

    @Test
    void buyersJoinASoldOutTierInOrderOnceEach() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Floor", "30.00", 2);
        Response early = join(show.tierId(), "early@example.com", 1);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.jsonPath().getString("type")).endsWith("/tickets-available");
        assertThat(early.jsonPath().getInt("availableQuantity")).isEqualTo(2);

        book(base, show.tierId(), "buyer@example.com", 2, show.total(2));
        String key = UUID.randomUUID().toString();
        Response first = join(key, show.tierId(), "first@example.com", 2);
        assertThat(first.statusCode()).as(first.body().asString()).isEqualTo(201);
        assertThat(first.jsonPath().getString("entry.status")).isEqualTo("WAITING");
        assertThat(first.jsonPath().getInt("entry.position")).isEqualTo(1);
        assertThat(first.getHeader("Location")).endsWith("/api/waitlist/" + first.jsonPath().getString("entry.id"));
        Response second = join(show.tierId(), "second@example.com", 1);
        assertThat(second.jsonPath().getInt("entry.position")).isEqualTo(2);

        Response replay = join(key, show.tierId(), "first@example.com", 2);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.jsonPath().getString("entry.id")).isEqualTo(first.jsonPath().getString("entry.id"));
        assertThat(join(key, show.tierId(), "first@example.com", 3).statusCode()).isEqualTo(422);

        Response twice = join(show.tierId(), "FIRST@example.com", 1);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.jsonPath().getString("type")).endsWith("/already-waitlisted");
        assertThat(fixtures.count("select count(*) from waitlist_entries where ticket_tier_id = ?", show.tierId())).isEqualTo(2);
    }

    @Test
    void anEntryIsReadAndLeftWithItsOwnTokenOnly() {
        OrganizerApi.Created show = soldOut(1);
        WaitlistApi.Joined mine = joined(show.tierId(), "mine@example.com", 1);
        WaitlistApi.Joined theirs = joined(show.tierId(), "theirs@example.com", 1);
        assertThat(WaitlistApi.read(new WaitlistApi.Joined(mine.id(), theirs.token())).statusCode()).isEqualTo(404);
        assertThat(WaitlistApi.leave(new WaitlistApi.Joined(mine.id(), theirs.token())).statusCode()).isEqualTo(404);
        assertThat(WaitlistApi.read(new WaitlistApi.Joined(mine.id(), tokens.issue(mine.id()))).statusCode())
                .as("a booking token of the same id is not an entry's token").isEqualTo(404);
        assertThat(WaitlistApi.read(theirs).jsonPath().getInt("entry.position")).isEqualTo(2);

        assertThat(WaitlistApi.leave(mine).jsonPath().getString("entry.status")).isEqualTo("LEFT");
        assertThat(WaitlistApi.leave(mine).statusCode()).as("leaving again answers the entry as it is").isEqualTo(200);
        assertThat(WaitlistApi.read(theirs).jsonPath().getInt("entry.position")).isEqualTo(1);
        assertThat(join(show.tierId(), "mine@example.com", 1).statusCode()).as("who left may join again").isEqualTo(201);
    }

    @Test
    void returnedTicketsGoToTheFirstEntryTheyCanServeAndNeverOnSaleWhileOffered() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Balcony", "20.00", 3);
        WaitlistApi.Booked one = book(base, show.tierId(), "one@example.com", 1, show.total(1));
        WaitlistApi.Booked two = book(base, show.tierId(), "two@example.com", 2, show.total(2));
        WaitlistApi.Joined wantsTwo = joined(show.tierId(), "wants-two@example.com", 2);
        WaitlistApi.Joined wantsOne = joined(show.tierId(), "wants-one@example.com", 1);

        cancel(one); // one ticket back: the first entry wants two, the second gets it
        assertThat(status(wantsTwo)).isEqualTo("WAITING");
        assertThat(status(wantsOne)).isEqualTo("OFFERED");
        assertThat(fixtures.available(show.tierId())).isZero();
        assertThat(publicAvailability(show)).as("the catalogue does not count offered tickets").isZero();
        var publicBuyer = BookingRequests.post(base, UUID.randomUUID().toString(),
                BookingRequests.body(show.tierId(), "public@example.com", 1, show.total(1)));
        assertThat(publicBuyer.statusCode()).as("an offered ticket is never sold to the public").isEqualTo(409);

        Response organizerView = OrganizerApi.as(ORGANIZER).get("/api/organizer/concerts/" + show.concertId());
        assertThat(organizerView.jsonPath().getInt("concert.ticketTiers[0].offeredQuantity")).isEqualTo(1);
        assertThat(organizerView.jsonPath().getInt("concert.ticketTiers[0].waitlisted")).isEqualTo(1);

        cancel(two); // two back: the first entry, still first, gets them
        assertThat(status(wantsTwo)).isEqualTo("OFFERED");
        assertThat(fixtures.available(show.tierId())).isZero();
        assertThat(fixtures.count("select offered_quantity from ticket_tiers where id = ?", show.tierId())).isEqualTo(3);
        assertAuditAddsUp(show.tierId());
    }

    @Test
    void aClaimBooksTheOfferedTicketsOnceAtTheTiersPrice() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Stalls", "25.00", 2);
        WaitlistApi.Booked booking = book(base, show.tierId(), "holder@example.com", 2, show.total(2));
        WaitlistApi.Joined entry = joined(show.tierId(), "waiting@example.com", 2);
        cancel(booking);
        String offerToken = offerToken(entry.id());

        Response offer = WaitlistApi.offer(offerToken);
        assertThat(offer.statusCode()).isEqualTo(200);
        assertThat(offer.jsonPath().getString("offer.status")).isEqualTo("OFFERED");
        assertThat(new BigDecimal(offer.jsonPath().getString("offer.totalPrice"))).isEqualByComparingTo("50.00");
        assertThat(Instant.parse(offer.jsonPath().getString("offer.expiresAt")))
                .isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(11)));

        Response wrongPrice = claim(offerToken, UUID.randomUUID().toString(), new BigDecimal("25.00"));
        assertThat(wrongPrice.statusCode()).isEqualTo(422);
        assertThat(status(entry)).as("a refused claim leaves the offer standing").isEqualTo("OFFERED");

        String key = UUID.randomUUID().toString();
        Response claimed = claim(offerToken, key, show.total(2));
        assertThat(claimed.statusCode()).as(claimed.body().asString()).isEqualTo(201);
        UUID bookingId = UUID.fromString(claimed.jsonPath().getString("booking.id"));
        assertThat(claimed.jsonPath().getString("booking.userEmail")).isEqualTo("waiting@example.com");
        assertThat(claimed.jsonPath().getInt("booking.quantity")).isEqualTo(2);
        assertThat(claimed.getHeader("Booking-Access-Token")).isEqualTo(tokens.issue(bookingId));
        assertThat(fixtures.status(bookingId)).isEqualTo("PENDING");
        assertThat(status(entry)).isEqualTo("CLAIMED");

        Response replay = claim(offerToken, key, show.total(2));
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.jsonPath().getString("booking.id")).isEqualTo(bookingId.toString());
        Response again = claim(offerToken, UUID.randomUUID().toString(), show.total(2));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.jsonPath().getString("type")).endsWith("/offer-claimed");
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ? and status = 'PENDING'",
                show.tierId())).isEqualTo(1);
        assertThat(fixtures.count("select offered_quantity from ticket_tiers where id = ?", show.tierId())).isZero();
        assertAuditAddsUp(show.tierId());
    }

    @Test
    void anOfferNotClaimedInTimePassesToTheNextEntryAndTheClaimIsGone() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Box", "40.00", 1);
        WaitlistApi.Booked booking = book(base, show.tierId(), "holder@example.com", 1, show.total(1));
        WaitlistApi.Joined first = joined(show.tierId(), "slow@example.com", 1);
        WaitlistApi.Joined second = joined(show.tierId(), "next@example.com", 1);
        cancel(booking);
        assertThat(status(first)).isEqualTo("OFFERED");

        fixtures.update("update waitlist_entries set offer_expires_at = now() - interval '1 second' where id = ?", first.id());
        await().atMost(Duration.ofSeconds(15)).until(() -> status(first).equals("EXPIRED"));
        assertThat(status(second)).isEqualTo("OFFERED");
        // the sweep that passed the offer on is a span of its own: the expiry and the next offer carry it
        String sweep = outboxTraceparent(first, "WaitlistOfferExpired");
        assertThat(outboxTraceparents(second, "WaitlistOfferMade")).as("the offer passed on is in the sweep's trace").contains(sweep);
        assertSpan(sweep, "expire waitlist offers");
        String lateToken = offerToken(first.id());
        Response late = claim(lateToken, UUID.randomUUID().toString(), show.total(1));
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.jsonPath().getString("type")).endsWith("/offer-expired");

        fixtures.update("update waitlist_entries set offer_expires_at = now() - interval '1 second' where id = ?", second.id());
        await().atMost(Duration.ofSeconds(15)).until(() -> status(second).equals("EXPIRED"));
        assertThat(fixtures.available(show.tierId())).as("nobody else waits: back on sale").isEqualTo(1);
        assertAuditAddsUp(show.tierId());
    }

    @Test
    void anOfferAboutToEndIsRemindedOnceAndOnlyIfItsWindowWasLongerThanTheReminder() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Reminded", "10.00", 2);
        WaitlistApi.Booked booking = book(base, show.tierId(), "holder@example.com", 2, show.total(2));
        WaitlistApi.Joined reminded = joined(show.tierId(), "reminded@example.com", 1);
        WaitlistApi.Joined shortWindow = joined(show.tierId(), "short@example.com", 1);
        cancel(booking);
        // nine minutes into a ten-minute window, and a window of one minute from the start
        fixtures.update("update waitlist_entries set offered_at = now() - interval '9 minutes', "
                + "offer_expires_at = now() + interval '1 minute' where id = ?", reminded.id());
        fixtures.update("update waitlist_entries set offered_at = now(), offer_expires_at = now() + interval '1 minute' "
                + "where id = ?", shortWindow.id());
        await().atMost(Duration.ofSeconds(15)).until(() -> reminders(reminded) == 1);
        assertSpan(outboxTraceparent(reminded, "WaitlistOfferExpiring"), "remind waitlist offers");
        sleepOverSweeps();
        assertThat(reminders(reminded)).as("one reminder, whatever the number of sweeps").isEqualTo(1);
        assertThat(reminders(shortWindow)).as("a window shorter than the reminder gets none").isZero();
        assertThat(status(reminded)).isEqualTo("OFFERED");
    }

    private String outboxTraceparent(WaitlistApi.Joined entry, String type) {
        var found = outboxTraceparents(entry, type);
        assertThat(found).as(type + " of " + entry.id()).hasSize(1);
        return found.get(0);
    }

    private java.util.List<String> outboxTraceparents(WaitlistApi.Joined entry, String type) {
        return fixtures.texts("select traceparent from outbox where aggregateid = ? and type = ?", entry.id().toString(), type);
    }

    /** The traceparent names a root span of this name, which the test exporter received. */
    private void assertSpan(String traceparent, String name) {
        SpanContext row = Traceparents.parse(traceparent);
        assertThat(row.isValid()).as(traceparent + " is a traceparent").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.inTrace(row.getTraceId()).stream()
                .anyMatch(s -> s.getSpanId().equals(row.getSpanId()) && s.getName().equals(name) && !s.getParentSpanContext().isValid()));
    }

    private long reminders(WaitlistApi.Joined entry) {
        return fixtures.count("select count(*) from outbox where aggregateid = ? and type = 'WaitlistOfferExpiring'",
                entry.id().toString());
    }

    private static void sleepOverSweeps() {
        try {
            Thread.sleep(2500); // the test profile sweeps every second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anEntryThatLeavesWithAnOfferPassesItOn() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Pit", "15.00", 1);
        WaitlistApi.Booked booking = book(base, show.tierId(), "holder@example.com", 1, show.total(1));
        WaitlistApi.Joined first = joined(show.tierId(), "leaver@example.com", 1);
        WaitlistApi.Joined second = joined(show.tierId(), "stayer@example.com", 1);
        cancel(booking);
        assertThat(WaitlistApi.leave(first).jsonPath().getString("entry.status")).isEqualTo("LEFT");
        assertThat(status(second)).isEqualTo("OFFERED");
        String withdrawn = offerToken(first.id());
        assertThat(claim(withdrawn, UUID.randomUUID().toString(), show.total(1)).jsonPath().getString("type"))
                .endsWith("/offer-withdrawn");
        assertAuditAddsUp(show.tierId());
    }

    @Test
    void aRaisedTotalGoesToTheWaitlistFirstAndACancelledConcertClosesIt() {
        OrganizerApi.Created show = soldOut(1);
        WaitlistApi.Joined first = joined(show.tierId(), "raised@example.com", 2);
        WaitlistApi.Joined second = joined(show.tierId(), "closed@example.com", 1);
        OrganizerApi.as(ORGANIZER).body("{\"totalQuantity\":4}").patch("/api/organizer/tiers/" + show.tierId())
                .then().statusCode(200);
        assertThat(status(first)).isEqualTo("OFFERED");
        assertThat(status(second)).isEqualTo("OFFERED");
        assertThat(fixtures.available(show.tierId())).isZero();

        OrganizerApi.as(ORGANIZER).post("/api/organizer/concerts/" + show.concertId() + "/cancel").then().statusCode(200);
        assertThat(status(first)).isEqualTo("CLOSED");
        assertThat(status(second)).isEqualTo("CLOSED");
        assertThat(fixtures.count("select offered_quantity from ticket_tiers where id = ?", show.tierId())).isZero();
        assertAuditAddsUp(show.tierId());
    }

    @Test
    void everyChangeIsAWaitlistEventInTheOutbox() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Events", "10.00", 1);
        WaitlistApi.Booked booking = book(base, show.tierId(), "holder@example.com", 1, show.total(1));
        WaitlistApi.Joined entry = joined(show.tierId(), "evented@example.com", 1);
        cancel(booking);
        String offerToken = offerToken(entry.id());
        claim(offerToken, UUID.randomUUID().toString(), show.total(1)).then().statusCode(201);
        assertThat(fixtures.count("select count(*) from outbox where aggregatetype = 'WaitlistEntry' and aggregateid = ?",
                entry.id().toString())).isEqualTo(3);
        assertThat(fixtures.count("""
                select count(*) from outbox where aggregateid = ? and type in ('WaitlistJoined', 'WaitlistOfferMade',
                'WaitlistOfferClaimed') and payload -> 'data' ->> 'userEmail' = 'evented@example.com'""", entry.id().toString()))
                .isEqualTo(3);
    }

    /** A published tier of {@code total} tickets, every one of them booked. */
    private OrganizerApi.Created soldOut(int total) {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Sold out", "12.00", total);
        book(base, show.tierId(), "everything@example.com", total, show.total(total));
        return show;
    }

    private int publicAvailability(OrganizerApi.Created show) {
        return given().get("/api/concerts/" + show.concertId()).then().statusCode(200).extract()
                .jsonPath().getInt("concert.ticketTiers.find { it.id == '" + show.tierId() + "' }.availableQuantity");
    }

    /** What the offer mail's link carries (the mailer derives it with the shared buyer-access key). */
    private static String offerToken(UUID entryId) {
        return new BuyerTokens(ConfigProvider.getConfig().getValue("booking.access.secret", String.class))
                .waitlistOfferToken(entryId);
    }

    /** Availability is total + every non-capacity delta; what is offered, the offers' deltas; all of it adds to the total. */
    private void assertAuditAddsUp(UUID tierId) {
        assertThat(fixtures.count("""
                select t.available_quantity - (t.total_quantity + coalesce(sum(a.delta) filter (where a.reason <> 'CAPACITY_CHANGED'), 0))
                from ticket_tiers t left join inventory_audit a on a.ticket_tier_id = t.id where t.id = ?
                group by t.id""", tierId)).isZero();
        assertThat(fixtures.count("""
                select t.offered_quantity + coalesce(sum(a.delta) filter (where a.reason in ('OFFERED', 'OFFER_RETURNED')), 0)
                from ticket_tiers t left join inventory_audit a on a.ticket_tier_id = t.id where t.id = ?
                group by t.id""", tierId)).isZero();
        assertThat(fixtures.count("""
                select t.total_quantity - t.available_quantity - t.offered_quantity
                       - coalesce((select sum(quantity) from bookings b where b.ticket_tier_id = t.id
                                   and b.status in ('PENDING', 'CONFIRMED')), 0)
                from ticket_tiers t where t.id = ?""", tierId)).isZero();
        assertThat(fixtures.count("""
                select count(*) from waitlist_entries e where e.ticket_tier_id = ? and e.status = 'OFFERED'""", tierId))
                .isEqualTo(fixtures.count("""
                        select count(*) from (select waitlist_entry_id from inventory_audit where ticket_tier_id = ?
                        and reason in ('OFFERED', 'OFFER_RETURNED') group by waitlist_entry_id having sum(delta) < 0) held""",
                        tierId));
    }
}
