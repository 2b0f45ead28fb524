package com.tickets.analytics.dashboard;

import com.tickets.analytics.dashboard.Buckets.Bucket;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucketing rule ({@link Buckets}) over every IANA zone, with instants crowded around the zones' clock
 * changes (summer time starting and ending, zones that moved their offset for good), where a day is not
 * 24 hours long and an hour may repeat or be skipped.
 */
class BucketsProperties {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    /** A sale and the zone and period to bucket it in. */
    record Sale(Instant at, ZoneId zone, Period period) {
    }

    @Property(tries = 3000)
    void everySaleLiesInItsBucketAndInNoOther(@ForAll("sales") Sale sale) {
        Assume.that(sale.period() == Period.hour || !clocksWentBackAcrossMidnight(sale.zone(), sale.at(), sale.at()));
        Bucket bucket = Buckets.of(sale.at(), sale.zone(), sale.period());
        Instant start = Buckets.start(bucket, sale.zone());
        Instant end = Buckets.end(bucket, sale.zone(), sale.period());

        // [start, end) holds the sale, its first and last instants are of this bucket and the instants just
        // outside it of others: each bucket is one span of the time line, so the sale is in no other
        assertThat(start).isBeforeOrEqualTo(sale.at());
        assertThat(sale.at()).isBefore(end);
        assertThat(Buckets.of(start, sale.zone(), sale.period())).isEqualTo(bucket);
        assertThat(Buckets.of(end.minusNanos(1), sale.zone(), sale.period())).isEqualTo(bucket);
        assertThat(Buckets.of(end, sale.zone(), sale.period())).isNotEqualTo(bucket);
        assertThat(Buckets.of(start.minusNanos(1), sale.zone(), sale.period())).isNotEqualTo(bucket);
        assertThat(Buckets.start(Buckets.of(end, sale.zone(), sale.period()), sale.zone())).isEqualTo(end);
    }

    @Property(tries = 3000)
    void aDaysBucketIsTheSalesDateOnTheZonesCalendar(@ForAll("sales") Sale sale) {
        LocalDate local = sale.at().atZone(sale.zone()).toLocalDate();

        assertThat(Buckets.of(sale.at(), sale.zone(), Period.day).local()).isEqualTo(local.atStartOfDay());
        LocalDateTime week = Buckets.of(sale.at(), sale.zone(), Period.week).local();
        assertThat(week.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(week.toLocalDate()).isBetween(local.minusDays(6), local);
        assertThat(Buckets.of(sale.at(), sale.zone(), Period.hour).local().toLocalDate()).isEqualTo(local);
    }

    @Property(tries = 2000)
    void aLaterSaleIsNeverInAnEarlierBucket(@ForAll("sales") Sale sale, @ForAll("gaps") Duration later) {
        Assume.that(sale.period() == Period.hour || !clocksWentBackAcrossMidnight(sale.zone(), sale.at(), sale.at().plus(later)));
        Instant first = Buckets.start(Buckets.of(sale.at(), sale.zone(), sale.period()), sale.zone());
        Instant second = Buckets.start(Buckets.of(sale.at().plus(later), sale.zone(), sale.period()), sale.zone());

        assertThat(second).isAfterOrEqualTo(first);
    }

    @Provide
    Arbitrary<Sale> sales() {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES).map(ZoneId::of);
        Arbitrary<Period> periods = Arbitraries.of(Period.values());
        Arbitrary<Long> seconds = Arbitraries.longs().between(
                Instant.parse("1990-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2040-01-01T00:00:00Z").getEpochSecond());
        Arbitrary<Long> nearChange = Arbitraries.longs().between(-3 * 3600, 3 * 3600);
        return Combinators.combine(zones, periods, seconds, nearChange, Arbitraries.integers().between(0, 2))
                .as((zone, period, at, offset, kind) -> {
                    Instant instant = Instant.ofEpochSecond(at);
                    if (kind > 0) {
                        // two in three sales within three hours of a clock change of their zone, when it has one
                        ZoneOffsetTransition change = zone.getRules().nextTransition(instant);
                        if (change != null) {
                            instant = change.getInstant().plusSeconds(offset);
                        }
                    }
                    return new Sale(instant, zone, period);
                });
    }

    /**
     * Where the clocks went back across midnight (Newfoundland until 2011, at 00:01 to 23:01 of the day before), the
     * last minutes of a day come again after the next day has begun: a sale then is on the calendar day its clocks
     * showed, so those two days overlap in time and neither is one span. The example below pins that case.
     */
    private static boolean clocksWentBackAcrossMidnight(ZoneId zone, Instant from, Instant to) {
        ZoneOffsetTransition change = zone.getRules().nextTransition(from.minus(Duration.ofDays(9)));
        while (change != null && change.getInstant().isBefore(to.plus(Duration.ofDays(9)))) {
            if (change.isOverlap() && !change.getDateTimeBefore().toLocalDate().equals(change.getDateTimeAfter().toLocalDate())) {
                return true;
            }
            change = zone.getRules().nextTransition(change.getInstant());
        }
        return false;
    }

    /** Newfoundland, 28 October 1990: 00:01 NDT went back to 23:01 NST of the 27th; a sale at 23:31 NST is on the 27th. */
    @Example
    void aSaleInTheMinutesThatComeAgainIsOnTheDayItsClocksShowed() {
        ZoneId stJohns = ZoneId.of("America/St_Johns");
        Instant sale = Instant.parse("1990-10-28T03:01:00Z"); // 23:31 NST on the 27th, after 00:01 NDT on the 28th

        assertThat(Buckets.of(sale, stJohns, Period.day).local()).isEqualTo(LocalDateTime.parse("1990-10-27T00:00"));
        assertThat(Buckets.of(sale, stJohns, Period.hour).local()).isEqualTo(LocalDateTime.parse("1990-10-27T23:00"));
    }

    @Provide
    Arbitrary<Duration> gaps() {
        return Arbitraries.longs().between(0, 40L * 24 * 3600).map(Duration::ofSeconds);
    }

    /** The US end of summer time: the repeated hour is two buckets of one local name; that day is 25 hours. */
    @Example
    void theRepeatedHourIsTwoBucketsOfOneName() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Bucket first = Buckets.of(Instant.parse("2030-11-03T05:30:00Z"), newYork, Period.hour); // 01:30 EDT
        Bucket second = Buckets.of(Instant.parse("2030-11-03T06:30:00Z"), newYork, Period.hour); // 01:30 EST

        assertThat(first.local()).isEqualTo(second.local()).isEqualTo(LocalDateTime.parse("2030-11-03T01:00"));
        assertThat(first).isNotEqualTo(second);
        assertThat(Buckets.start(first, newYork)).isEqualTo(Instant.parse("2030-11-03T05:00:00Z"));
        assertThat(Buckets.start(second, newYork)).isEqualTo(Instant.parse("2030-11-03T06:00:00Z"));
        Bucket day = Buckets.of(Instant.parse("2030-11-03T12:00:00Z"), newYork, Period.day);
        assertThat(Duration.between(Buckets.start(day, newYork), Buckets.end(day, newYork, Period.day)))
                .isEqualTo(Duration.ofHours(25));
    }

    /** The US start of summer time: 02:00 is skipped, the day is 23 hours. */
    @Example
    void theSkippedHourHasNoBucket() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Bucket before = Buckets.of(Instant.parse("2030-03-10T06:59:59Z"), newYork, Period.hour); // 01:59:59 EST
        Bucket after = Buckets.of(Instant.parse("2030-03-10T07:00:00Z"), newYork, Period.hour); // 03:00 EDT

        assertThat(before.local()).isEqualTo(LocalDateTime.parse("2030-03-10T01:00"));
        assertThat(after.local()).isEqualTo(LocalDateTime.parse("2030-03-10T03:00"));
        assertThat(Buckets.end(before, newYork, Period.hour)).isEqualTo(Buckets.start(after, newYork));
        Bucket day = Buckets.of(Instant.parse("2030-03-10T12:00:00Z"), newYork, Period.day);
        assertThat(Duration.between(Buckets.start(day, newYork), Buckets.end(day, newYork, Period.day)))
                .isEqualTo(Duration.ofHours(23));
    }

    /** A zone whose midnight is skipped on the day summer time starts (Santiago, 2030-09-08): the day starts at 01:00. */
    @Example
    void aDayWithoutMidnightStartsAtItsFirstInstant() {
        ZoneId santiago = ZoneId.of("America/Santiago");
        Bucket day = new Bucket(LocalDateTime.parse("2030-09-08T00:00"), null);
        Instant start = Buckets.start(day, santiago);

        assertThat(start.atZone(santiago).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2030-09-08T01:00"));
        assertThat(Buckets.of(start.minusNanos(1), santiago, Period.day).local()).isEqualTo(LocalDateTime.parse("2030-09-07T00:00"));
    }

    /** A sale on the New York evening of 30 November is on 1 December in London. */
    @Example
    void aNewYorkEveningIsItsOwnDay() {
        Instant sale = Instant.parse("2030-12-01T01:30:00Z"); // 20:30 on 30 November in New York
        Bucket newYork = Buckets.of(sale, ZoneId.of("America/New_York"), Period.day);

        assertThat(newYork.local()).isEqualTo(LocalDateTime.parse("2030-11-30T00:00"));
        assertThat(Buckets.start(newYork, ZoneId.of("America/New_York"))).isEqualTo(Instant.parse("2030-11-30T05:00:00Z"));
        assertThat(Buckets.of(sale, ZoneId.of("Europe/London"), Period.day).local()).isEqualTo(LocalDateTime.parse("2030-12-01T00:00"));
    }
}
