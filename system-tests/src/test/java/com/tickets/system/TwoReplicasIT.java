package com.tickets.system;

import com.tickets.local.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.DriverManager;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two booking-api replicas on one database: a booking on one reaches the watchers of both, and a waitlist crowd
 * spread over both never gets a ticket counted twice.
 */
class TwoReplicasIT {

    static Stack stack;
    static ServiceProcess apiA;
    static ServiceProcess apiB;

    @BeforeAll
    static void start() {
        stack = new Stack();
        // offers short enough to run out within the test
        Map<String, String> env = Map.of("WAITLIST_OFFER_WINDOW", "PT4S", "WAITLIST_OFFER_REMINDER_BEFORE", "PT2S",
                "WAITLIST_SWEEP_EVERY", "1s");
        apiA = stack.start("booking-api-a", "booking-api", env);
        apiB = stack.start("booking-api-b", "booking-api", env);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aBookingOnOneReplicaIsPushedToWatchersOfBoth() throws Exception {
        Http.Tier tier = Http.concertWithTier(apiA.base(), "Replicated", "20.00", 40);
        List<String> seenOnA = watch(apiA.base(), tier);
        List<String> seenOnB = watch(apiB.base(), tier);
        await().atMost(Duration.ofSeconds(10)).until(() -> !seenOnA.isEmpty() && !seenOnB.isEmpty());
        Thread.sleep(3000); // let each replica's fresh consumer group join before the change

        Http.book(apiA.base(), tier, "replica@example.com", 4);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                seenOnA.stream().anyMatch(l -> l.contains("\"availableQuantity\":36"))
                        && seenOnB.stream().anyMatch(l -> l.contains("\"availableQuantity\":36")));
    }

    /**
     * A thousand public buyers, a hundred waitlisted ones and sixty cancels race on one tier over both replicas,
     * while offers are claimed, run out and are left: at every snapshot, and at the end, the tier's tickets are
     * exactly available + offered + booked, the offers hold exactly what the tier counts as offered, no entry was
     * ever offered twice, and the inventory audit recomputes both numbers.
     */
    @Test
    void aWaitlistCrowdOnTwoReplicasNeverGetsATicketCountedTwice() throws Exception {
        Http.Tier tier = Http.concertWithTier(apiA.base(), "Waitlisted", "30.00", 150);
        WaitlistRace race = new WaitlistRace(List.of(apiA.base(), apiB.base()), stack.jdbcUrl("booking"), tier,
                Duration.ofSeconds(12));
        race.run(1_000, 100, 60, Duration.ofMinutes(3));
        System.out.println("waitlist race: " + race);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(tier, "select count(*) from waitlist_entries "
                + "where ticket_tier_id = ? and status = 'OFFERED'") == 0);

        try (var c = DriverManager.getConnection(stack.jdbcUrl("booking"), "postgres", "postgres")) {
            assertThat(WaitlistRace.check(c, tier.tierId())).isEmpty();
        }
        assertThat(race.violations).as("invariants broken during the race").isEmpty();
        assertThat(race.unexpected).as("answers no buyer should get").isEmpty();
        assertThat(race.snapshots.get()).isGreaterThan(20);
        assertThat(race.joined.get()).isGreaterThanOrEqualTo(50);
        assertThat(race.claimed.get()).isPositive();
        assertThat(count(tier, "select count(*) from waitlist_entries where ticket_tier_id = ? and status = 'EXPIRED'"))
                .as("offers ran out and passed on").isPositive();
        assertThat(count(tier, "select offered_quantity from ticket_tiers where id = ?")).isZero();
        assertThat(count(tier, "select count(*) from bookings where ticket_tier_id = ? and user_email like 'public%'"))
                .as("every public 201 has its booking").isEqualTo(race.publicBooked.get());
        for (var claim : race.claimedBookings.entrySet()) {
            assertThat(count(tier, "select count(*) from waitlist_entries where ticket_tier_id = ? and id = '"
                    + claim.getKey() + "' and status = 'CLAIMED' and booking_id = '" + claim.getValue() + "'"))
                    .as("claim %s booked %s", claim.getKey(), claim.getValue()).isEqualTo(1);
        }
        assertThat(count(tier, "select count(*) from bookings b join waitlist_entries e on e.booking_id = b.id "
                + "where b.ticket_tier_id = ? and b.user_email = e.user_email and b.quantity = e.quantity"))
                .isEqualTo(race.claimed.get());
    }

    private static long count(Http.Tier tier, String sql) throws Exception {
        try (var c = DriverManager.getConnection(stack.jdbcUrl("booking"), "postgres", "postgres");
             var s = c.prepareStatement(sql)) {
            s.setObject(1, tier.tierId());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> watch(URI base, Http.Tier tier) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Http.CLIENT.sendAsync(HttpRequest.newBuilder(base.resolve("/api/concerts/stream?concertId=" + tier.concertId())).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                    try (Stream<String> body = r.body()) {
                        body.filter(l -> l.startsWith("data: ")).forEach(lines::add);
                    }
                });
        return lines;
    }
}
