package com.tickets.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed password sign-ins, counted per user name and per client address. After
 * {@code freeFailures} failures of one key, every further failure locks that key for
 * {@code baseLockout × 2^(failures − freeFailures)}, at most {@code maxLockout}; a key with no
 * failure for {@code forgetAfter} starts again from zero. While a key is locked, every attempt is
 * refused, a correct password included, and a wrong one lengthens the lockout (so hammering keeps
 * the door shut). A correct password outside a lockout clears the counts of its user name and
 * address (a typo now and then never adds up to a lockout; the price, that someone holding one valid
 * account can reset their address between guesses, is bounded by the per-name count).
 * <p>
 * In memory, per replica: password sign-in exists only in the local, dev and test profiles (in
 * production the organizers' identity provider checks passwords and throttles them; the services
 * verify its JWTs), so n replicas allowing n times the attempts is acceptable there. The map is
 * bounded: when it grows past {@code maxKeys}, keys that are neither locked nor recent are dropped.
 */
public final class LoginThrottle {

    private final int freeFailures;
    private final Duration baseLockout;
    private final Duration maxLockout;
    private final Duration forgetAfter;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(int failures, Instant lastFailure, Instant lockedUntil) {
    }

    public LoginThrottle(int freeFailures, Duration baseLockout, Duration maxLockout, Duration forgetAfter,
                         int maxKeys, Clock clock) {
        if (freeFailures < 1 || baseLockout.isNegative() || baseLockout.isZero() || maxLockout.compareTo(baseLockout) < 0) {
            throw new IllegalArgumentException("freeFailures >= 1 and 0 < baseLockout <= maxLockout");
        }
        this.freeFailures = freeFailures;
        this.baseLockout = baseLockout;
        this.maxLockout = maxLockout;
        this.forgetAfter = forgetAfter;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    public static String userKey(String userName) {
        return "user:" + (userName == null ? "" : userName.trim().toLowerCase(Locale.ROOT));
    }

    public static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    /** How long the longest lockout of these keys still lasts; empty when none is locked. */
    public Optional<Duration> lockedFor(String... keys) {
        Instant now = clock.instant();
        Duration longest = null;
        for (String key : keys) {
            Entry e = entries.get(key);
            if (e != null && e.lockedUntil != null && e.lockedUntil.isAfter(now)) {
                Duration left = Duration.between(now, e.lockedUntil);
                if (longest == null || left.compareTo(longest) > 0) {
                    longest = left;
                }
            }
        }
        return Optional.ofNullable(longest);
    }

    /** Counts a wrong password (or unknown user name) against every key. */
    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            entries.compute(key, (k, e) -> {
                int failures = (e == null || isForgotten(e, now)) ? 1 : e.failures + 1;
                Instant lockedUntil = failures >= freeFailures ? now.plus(lockout(failures)) : null;
                return new Entry(failures, now, lockedUntil);
            });
        }
        if (entries.size() > maxKeys) {
            prune(now);
        }
    }

    /** A correct password outside a lockout: these keys start again from zero. */
    public void succeeded(String... keys) {
        for (String key : keys) {
            entries.remove(key);
        }
    }

    /** The lockout after the {@code failures}-th failure (at least {@code freeFailures}). */
    Duration lockout(int failures) {
        int doublings = Math.min(failures - freeFailures, 40);
        Duration d = baseLockout;
        for (int i = 0; i < doublings && d.compareTo(maxLockout) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxLockout) > 0 ? maxLockout : d;
    }

    int size() {
        return entries.size();
    }

    private boolean isForgotten(Entry e, Instant now) {
        boolean locked = e.lockedUntil != null && e.lockedUntil.isAfter(now);
        return !locked && Duration.between(e.lastFailure, now).compareTo(forgetAfter) > 0;
    }

    private void prune(Instant now) {
        entries.entrySet().removeIf(en -> isForgotten(en.getValue(), now));
    }
}
