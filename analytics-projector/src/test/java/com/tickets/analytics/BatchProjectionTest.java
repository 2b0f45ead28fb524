package com.tickets.analytics;

import com.tickets.analytics.Events.Booking;
import com.tickets.analytics.Events.Show;
import com.tickets.analytics.projection.BookingFacts;
import com.tickets.analytics.projection.ProjectionApplier;
import com.tickets.analytics.projection.ReadEvent;
import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static com.tickets.analytics.Dashboards.awaitConcert;
import static com.tickets.analytics.Dashboards.totals;
import static com.tickets.events.EventTypes.BOOKING_CANCELLED;
import static com.tickets.events.EventTypes.BOOKING_CONFIRMED;
import static com.tickets.events.EventTypes.BOOKING_CREATED;
import static com.tickets.events.EventTypes.PAYMENT_SUCCEEDED;
import static com.tickets.events.EventTypes.REFUND_REQUESTED;
import static com.tickets.events.EventTypes.REFUND_SUCCEEDED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Events applied a batch per transaction: a booking's several events in one batch, an event twice in
 * one batch, records that cannot be applied among good ones, a database that is away for a while, and
 * how many transactions a burst takes.
 */
@QuarkusTest
class BatchProjectionTest {

    private static final Instant AT = Instant.parse("2032-02-10T12:00:00Z");

    @Inject
    ProjectionApplier applier;

    @Inject
    BookingFacts facts;

    @Inject
    AgroalDataSource db;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private final List<Show> appliedDirectly = new ArrayList<>();

    @Test
    void aBookingsEventsInOneBatchEndInTheRowTheyLeaveAppliedOneByOneInAnyOrder() throws Exception {
        Show show = appliedDirectly(Show.create());
        Booking inOneBatch = Booking.of(show, show.tierA(), 2, "200.00");
        Booking oneByOne = Booking.of(show, show.tierA(), 2, "200.00");
        Booking reversed = Booking.of(show, show.tierA(), 2, "200.00");

        assertThat(applier.apply(life(inOneBatch))).isEmpty();
        for (String event : life(oneByOne)) {
            assertThat(applier.apply(List.of(event))).isEmpty();
        }
        List<String> backwards = new ArrayList<>(life(reversed));
        Collections.reverse(backwards);
        assertThat(applier.apply(backwards)).isEmpty();

        Map<String, Object> row = factRow(inOneBatch.id());
        assertThat(row).containsEntry("status", "CANCELLED").containsEntry("status_rank", 3)
                .containsEntry("quantity", 2).containsEntry("is_sale", false);
        assertThat(row.get("confirmed_at")).isNotNull();
        assertThat(row.get("refunded_at")).isNotNull();
        assertThat(factRow(oneByOne.id())).isEqualTo(row);
        assertThat(factRow(reversed.id())).isEqualTo(row);
    }

    @Test
    void anEventTwiceInOneBatchIsAppliedOnce() throws Exception {
        Show show = appliedDirectly(Show.create());
        Booking booking = Booking.of(show, show.tierB(), 3, "150.00");
        String created = EventJson.write(booking.event(BOOKING_CREATED, AT));
        String confirmed = EventJson.write(booking.event(BOOKING_CONFIRMED, AT.plusSeconds(60)));
        double duplicatesBefore = duplicates(BOOKING_CONFIRMED);

        List<BookingFacts.Outcome> outcomes = facts.apply(List.of(ReadEvent.read(0, created),
                ReadEvent.read(1, confirmed), ReadEvent.read(2, confirmed)));
        assertThat(outcomes).containsExactly(BookingFacts.Outcome.APPLIED, BookingFacts.Outcome.APPLIED,
                BookingFacts.Outcome.DUPLICATE);
        // and through the applier, which counts them: the same batch delivered again is all duplicates
        assertThat(applier.apply(List.of(created, confirmed, confirmed))).isEmpty();

        assertThat(duplicates(BOOKING_CONFIRMED) - duplicatesBefore).isEqualTo(2);
        assertThat(count("select count(*) from applied_events where event_id = ?",
                EventJson.read(confirmed).id())).isEqualTo(1);
        assertThat(factRow(booking.id())).containsEntry("status", "CONFIRMED").containsEntry("quantity", 3)
                .containsEntry("is_sale", true);
    }

    @Test
    void recordsThatCannotBeAppliedAreRefusedAloneAndTheRestOfTheirBatchApplies() throws Exception {
        Show show = appliedDirectly(Show.create());
        Booking before = Booking.of(show, show.tierA(), 1, "100.00");
        Booking after = Booking.of(show, show.tierC(), 1, "10.00");
        // valid as an event, refused by the database: currency is char(3)
        String refusedByTheDatabase = sale(BOOKING_CREATED, show, show.name(), "DOLLARS");
        List<String> batch = List.of(EventJson.write(before.event(BOOKING_CREATED, AT)), "{ not json",
                refusedByTheDatabase, EventJson.write(after.event(BOOKING_CREATED, AT)));

        SortedMap<Integer, Exception> refused = applier.apply(batch);

        assertThat(refused).containsOnlyKeys(1, 2);
        assertThat(refused.get(1)).hasMessageContaining("unreadable");
        assertThat(refused.get(2)).isInstanceOf(SQLException.class).hasMessageContaining("character(3)");
        assertThat(factRow(before.id())).containsEntry("status", "PENDING");
        assertThat(factRow(after.id())).containsEntry("status", "PENDING");
        assertThat(count("select count(*) from applied_events where event_id = ?",
                EventJson.read(refusedByTheDatabase).id())).isZero();
    }

    @Test
    void poisonRecordsAmongGoodOnesGoThroughTheRetryTopicsToTheDeadLetterTopicAloneAndTheOthersApply() {
        Show show = Show.create();
        Booking good = Booking.of(show, show.tierA(), 1, "100.00");
        String key = good.id().toString();
        String unreadable = "{ not json " + key;
        // valid as an event, refused by the database: concert_name is varchar(200)
        String refusedByTheDatabase = sale(BOOKING_CONFIRMED, show, "x".repeat(201), "USD");
        String topic = Events.bookingTopic();
        // one key, so one partition, in one burst: most likely one poll, one batch
        Events.sendBurst(List.of(
                new ProducerRecord<>(topic, key, EventJson.write(good.event(BOOKING_CREATED, AT))),
                new ProducerRecord<>(topic, key, unreadable),
                new ProducerRecord<>(topic, key, refusedByTheDatabase),
                new ProducerRecord<>(topic, key, EventJson.write(good.event(BOOKING_CONFIRMED, AT.plusSeconds(60))))));

        awaitConcert(show, totals("100.00", 1));
        List<ConsumerRecord<String, String>> dead = deadLetters(key, 2);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(unreadable, refusedByTheDatabase);
        for (ConsumerRecord<String, String> record : dead) {
            // through both retry topics of the test profile
            assertThat(new String(record.headers().lastHeader("delayed-retry-count").value())).isEqualTo("2");
            assertThat(record.headers().lastHeader("delayed-retry-reason")).isNotNull();
        }
    }

    @Test
    void aBatchTheDatabaseCannotTakeForAWhileIsRetriedWholeAndApplied() throws Exception {
        Show show = appliedDirectly(Show.create());
        Booking first = Booking.of(show, show.tierA(), 1, "100.00");
        Booking second = Booking.of(show, show.tierB(), 1, "50.00");
        List<String> batch = new ArrayList<>(life(first));
        batch.addAll(life(second));
        // a connection failure (SQLSTATE class 08) for this show's rows while outage_on has a row
        execute("create table outage_on (concert_id uuid)");
        execute("""
                create function simulated_outage() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from outage_on where concert_id = new.concert_id) then
                        raise exception 'database away for the test' using errcode = '08006';
                    end if;
                    return new;
                end $$""");
        execute("create trigger simulated_outage before insert on booking_facts for each row execute function simulated_outage()");
        try {
            execute("insert into outage_on values ('" + show.concertId() + "')");
            long start = System.nanoTime();
            CompletableFuture<SortedMap<Integer, Exception>> applied = CompletableFuture.supplyAsync(() -> {
                try {
                    return applier.apply(batch);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2000);
            assertThat(applied).isNotDone();
            assertThat(count("select count(*) from booking_facts where booking_id = ?", first.id())).isZero();

            execute("delete from outage_on");

            assertThat(applied.get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
        } finally {
            execute("drop trigger if exists simulated_outage on booking_facts");
            execute("drop function if exists simulated_outage()");
            execute("drop table if exists outage_on");
        }
        assertThat(factRow(first.id())).containsEntry("status", "CANCELLED");
        assertThat(factRow(second.id())).containsEntry("status", "CANCELLED");
    }

    @Test
    void aBurstOfEventsIsAppliedInFarFewerTransactionsThanEvents() throws Exception {
        Show show = Show.create();
        List<EventEnvelope> events = new ArrayList<>();
        IntStream.range(0, 150).forEach(i -> {
            Booking b = Booking.of(show, show.tierC(), 1, "10.00");
            events.add(b.event(BOOKING_CREATED, AT.plusSeconds(i)));
            events.add(b.event(BOOKING_CONFIRMED, AT.plusSeconds(i + 60)));
        });

        Events.sendBurst(events.stream().map(Events::record).toList());

        awaitConcert(show, totals("1500.00", 150));
        String ids = events.stream().map(e -> "'" + e.id() + "'").reduce((a, b) -> a + "," + b).orElseThrow();
        await().atMost(Duration.ofSeconds(40)).until(() ->
                count("select count(*) from applied_events where event_id in (" + ids + ")") == events.size());
        // applied_at defaults to now(), the start of its transaction: one value per transaction
        long transactions = count("select count(distinct applied_at) from applied_events where event_id in (" + ids + ")");
        System.out.printf("BATCH MEASUREMENT | %d events applied in %d transactions%n", events.size(), transactions);
        assertThat(transactions).isLessThanOrEqualTo(events.size() / 10);
        given().get(new URL(management, "/q/metrics")).then().statusCode(200)
                .body(containsString("analytics_batch_size_count"))
                .body(containsString("analytics_batch_size_max"));
    }

    /** A booking's whole life: created, confirmed, paid, cancelled, refund requested and paid back. */
    private static List<String> life(Booking b) {
        return List.of(EventJson.write(b.event(BOOKING_CREATED, AT)),
                EventJson.write(b.event(BOOKING_CONFIRMED, AT.plusSeconds(60))),
                EventJson.write(b.payment(PAYMENT_SUCCEEDED, AT.plusSeconds(60))),
                EventJson.write(b.event(BOOKING_CANCELLED, AT.plusSeconds(3600))),
                EventJson.write(b.event(REFUND_REQUESTED, AT.plusSeconds(3600))),
                EventJson.write(b.payment(REFUND_SUCCEEDED, AT.plusSeconds(3700))));
    }

    /** A booking event of a new booking of the show, with the given name and currency. */
    private static String sale(String type, Show show, String concertName, String currency) {
        UUID id = UUID.randomUUID();
        BookingData data = new BookingData(id, show.concertId(), concertName, AT.plusSeconds(86_400), "Test Hall", "UTC",
                show.tierA(), "VIP",
                "fan@example.com", 1, new BigDecimal("1.00"), new BigDecimal("1.00"), currency, "PENDING", AT,
                AT.plusSeconds(600), null, show.organizer());
        return EventJson.write(EventJson.envelope(type, id.toString(), "key-" + id, data, AT));
    }

    /** The booking's fact row, every column but its id and when it was last written. */
    private Map<String, Object> factRow(UUID bookingId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select * from booking_facts where booking_id = ?")) {
            s.setObject(1, bookingId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a fact row for %s", bookingId).isTrue();
                Map<String, Object> row = new LinkedHashMap<>();
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnName(i);
                    if (!column.equals("booking_id") && !column.equals("updated_at")) {
                        Object value = rs.getObject(i);
                        row.put(column, value instanceof Short s2 ? Integer.valueOf(s2) : value);
                    }
                }
                return row;
            }
        }
    }

    /** A show whose events a test applies directly rather than through the topics. */
    private Show appliedDirectly(Show show) {
        appliedDirectly.add(show);
        return show;
    }

    /**
     * Forgets the rows of the shows whose events were applied directly: a rebuild from the topics
     * (RebuildTest compares the whole dashboard before and after one) could not bring them back.
     */
    @AfterEach
    void forgetWhatWasAppliedDirectly() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("delete from booking_facts where concert_id = ?")) {
            for (Show show : appliedDirectly) {
                s.setObject(1, show.concertId());
                s.executeUpdate();
            }
        }
        appliedDirectly.clear();
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private double duplicates(String type) {
        var counter = registry.find("analytics.events").tags("type", type, "outcome", "duplicate").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Waits for {@code expected} dead letters with this key on the booking events' DLQ. */
    private static List<ConsumerRecord<String, String>> deadLetters(String key, int expected) {
        String dlq = ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.booking-events.dead-letter-queue.topic", String.class);
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + key,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(dlq));
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        dead.add(r);
                    }
                });
                return dead.size() >= expected;
            });
            // nothing else of this key arrives (the good records are not dead letters)
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> {
                if (key.equals(r.key())) {
                    dead.add(r);
                }
            });
        }
        return dead;
    }
}
