package com.tickets.security;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MutableClock clock = new MutableClock();
    final LoginThrottle throttle = new LoginThrottle(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(15),
            1000, clock);
    final String user = LoginThrottle.userKey("Organizer");
    final String address = LoginThrottle.addressKey("10.0.0.1");

    @Test
    void fourFailuresAreFreeTheFifthLocksAndLockoutsDouble() {
        for (int i = 0; i < 4; i++) {
            throttle.failed(user, address);
            assertThat(throttle.lockedFor(user, address)).isEmpty();
        }
        throttle.failed(user, address);
        assertThat(throttle.lockedFor(user, address)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor(user, address)).isEmpty();
        throttle.failed(user, address);
        assertThat(throttle.lockedFor(user)).contains(Duration.ofSeconds(2));
        throttle.failed(user, address);
        assertThat(throttle.lockedFor(address)).contains(Duration.ofSeconds(4));
    }

    @Test
    void userNamesAreCaseInsensitiveAndKeysAreIndependent() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(LoginThrottle.userKey("ORGANIZER"), LoginThrottle.addressKey("10.0.0.2"));
        }
        assertThat(throttle.lockedFor(user)).isPresent();
        assertThat(throttle.lockedFor(address)).isEmpty();
        assertThat(throttle.lockedFor(LoginThrottle.userKey("organizer2"), address)).isEmpty();
    }

    @Test
    void aSuccessClearsItsKeysAndOldFailuresAreForgotten() {
        for (int i = 0; i < 4; i++) {
            throttle.failed(user, address);
        }
        throttle.succeeded(user, address);
        throttle.failed(user, address);
        assertThat(throttle.lockedFor(user, address)).isEmpty();
        for (int i = 0; i < 3; i++) {
            throttle.failed(user, address);
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.failed(user, address);
        assertThat(throttle.lockedFor(user, address)).as("counted from one again").isEmpty();
    }

    @Test
    void theLockoutIsCappedAndThePruneKeepsLockedKeys() {
        LoginThrottle small = new LoginThrottle(1, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5), 3, clock);
        for (int i = 0; i < 100; i++) {
            small.failed("locked");
        }
        assertThat(small.lockedFor("locked")).contains(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(20));
        small.failed("a", "b", "c");
        assertThat(small.lockedFor("locked")).contains(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(20));
        small.failed("d");
        assertThat(small.lockedFor("locked")).isEmpty();
        assertThat(small.size()).isLessThanOrEqualTo(3);
    }

    /** However the failures are spread in time, a key never allows more than 4 in a row without a lockout starting. */
    @Property
    void neverMoreThanFourFreeFailuresInARow(@ForAll @IntRange(min = 1, max = 60) int failures,
                                             @ForAll @IntRange(min = 0, max = 2000) int millisBetween) {
        MutableClock c = new MutableClock();
        LoginThrottle t = new LoginThrottle(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(15), 1000, c);
        for (int i = 1; i <= failures; i++) {
            t.failed("k");
            Optional<Duration> locked = t.lockedFor("k");
            assertThat(locked.isPresent()).as("after failure " + i).isEqualTo(i >= 5);
            locked.ifPresent(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(15)).isPositive());
            c.advance(Duration.ofMillis(millisBetween));
        }
    }
}
