package com.tickets.load.gatling;

import com.tickets.load.OrganizerClient;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Every knob of the simulations, read from system properties so one Maven command line sets them
 * ({@code -Dusers=256 -Dduration=60}); the defaults target the local stack.
 */
public final class LoadSettings {

    private LoadSettings() {
    }

    public static String baseUrl() {
        return string("baseUrl", "http://127.0.0.1:8080");
    }

    /** Concurrent virtual users; each simulation has its own default. */
    public static int users(int defaultUsers) {
        return Integer.getInteger("users", defaultUsers);
    }

    public static Duration duration() {
        return Duration.ofSeconds(Long.getLong("duration", 60));
    }

    /** Tickets in the fresh tier of an on-sale: enough that the run lasts long enough to measure. */
    public static int tierTotal(int defaultTotal) {
        return Integer.getInteger("tierTotal", defaultTotal);
    }

    public static BigDecimal price() {
        return new BigDecimal(string("price", "10.00"));
    }

    /** Share of successful bookings that are sent again with the same key (a client retry). */
    public static double retryShare() {
        return Double.parseDouble(string("retryShare", "0.10"));
    }

    /** {@code on-sale} as an open model: new buyers per second, or empty for the closed crowd. */
    public static OptionalInt arrivalRate() {
        Integer rate = Integer.getInteger("arrivalRate");
        return rate == null ? OptionalInt.empty() : OptionalInt.of(rate);
    }

    /**
     * A person's pause between requests (0: none, back to back): in {@code browse} after the two
     * pages, in the closed {@code on-sale} after each answer.
     */
    public static Duration thinkTime() {
        return Duration.ofMillis(Long.getLong("thinkMillis", 0));
    }

    /**
     * Seconds of the same load before the measured part, reported apart ({@code browse}: 15 by
     * default; {@code on-sale}: none by default, on a warm-up tier of its own). The load generator
     * is a fresh JVM each run; while its JIT compiles, on the same 2 cores as the service, its own
     * pauses land in the first seconds' latencies (an open on-sale at 60 buyers/s: 200–760 ms in
     * the first three seconds, tens of milliseconds after).
     */
    public static Duration warmUp(int defaultSeconds) {
        return Duration.ofSeconds(Long.getLong("warmUpSeconds", defaultSeconds));
    }

    /** SSE subscribers of the {@code sse} simulation. */
    public static int subscribers() {
        return Integer.getInteger("subscribers", 2000);
    }

    /**
     * The organizer who creates the simulations' concerts through the organizer API (HTTP Basic: the demo
     * organizers of the local profile).
     */
    public static OrganizerClient organizer() {
        return new OrganizerClient(URI.create(baseUrl()), string("organizer.user", "organizer"),
                string("organizer.password", "organizer"));
    }

    /** The booking database of the local stack (LocalStack names it after the module), read after the run. */
    public static String dbUrl() {
        return string("db.url", "jdbc:postgresql://127.0.0.1:15432/booking_api");
    }

    public static String dbUser() {
        return string("db.user", "postgres");
    }

    public static String dbPassword() {
        return string("db.password", "postgres");
    }

    private static String string(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
