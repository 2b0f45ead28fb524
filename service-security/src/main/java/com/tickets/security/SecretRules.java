package com.tickets.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The pure rule behind {@link ProductionSecrets}: which configured values a production service must
 * not start with. Every message names the environment variable to set, never the value.
 */
public final class SecretRules {

    /** Secrets (HMAC keys and the like) need at least this many characters. */
    public static final int SECRET_MIN_LENGTH = 32;
    /** Passwords (database, Redis) need at least this many. */
    public static final int PASSWORD_MIN_LENGTH = 16;
    /** Every built-in development default starts with this. */
    public static final String BUILT_IN_PREFIX = "dev-only";

    /** Public words that have been defaults or demo credentials somewhere in this project (compared ignoring case). */
    static final Set<String> KNOWN_DEFAULTS = Set.of(
            "organizer", "organizer2", "fan", "postgres", "booking", "payment", "notification", "analytics",
            "redis", "password", "secret", "changeme", "change-me", "admin", "root", "test", "guest");

    public enum Kind {
        /** at least {@link #SECRET_MIN_LENGTH} characters, not built in */
        SECRET,
        /** at least {@link #PASSWORD_MIN_LENGTH} characters, not built in */
        PASSWORD,
        /** must be set (not a secret: a URL, an issuer), not built in */
        REQUIRED
    }

    /** One setting a service needs: read from {@code property}, set through {@code envVar}. */
    public record Requirement(Kind kind, String envVar, String property) {
    }

    private SecretRules() {
    }

    /** Why {@code value} may not be used for {@code envVar}, or empty when it may. */
    public static Optional<String> problem(Kind kind, String envVar, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(envVar + " is not set");
        }
        String trimmed = value.trim();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith(BUILT_IN_PREFIX)
                || KNOWN_DEFAULTS.contains(trimmed.toLowerCase(Locale.ROOT))) {
            return Optional.of(envVar + " is a built-in development default; set a value of your own");
        }
        int min = switch (kind) {
            case SECRET -> SECRET_MIN_LENGTH;
            case PASSWORD -> PASSWORD_MIN_LENGTH;
            case REQUIRED -> 1;
        };
        if (trimmed.length() < min) {
            return Optional.of(envVar + " is shorter than " + min + " characters");
        }
        return Optional.empty();
    }

    /** Every problem of {@code requirements}, in their order; {@code valueOf} gives each one's current value. */
    public static List<String> problems(List<Requirement> requirements, Function<Requirement, Optional<String>> valueOf) {
        List<String> problems = new ArrayList<>();
        for (Requirement r : requirements) {
            problem(r.kind(), r.envVar(), valueOf.apply(r).orElse(null)).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * Parses {@code ENV_VAR:property} (or a bare {@code ENV_VAR}, for a setting read from the
     * environment only).
     */
    public static Requirement parse(Kind kind, String entry) {
        String e = entry.trim();
        int colon = e.indexOf(':');
        return colon < 0 ? new Requirement(kind, e, null)
                : new Requirement(kind, e.substring(0, colon).trim(), e.substring(colon + 1).trim());
    }
}
