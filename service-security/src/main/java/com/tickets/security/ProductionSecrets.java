package com.tickets.security;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * In the {@code prod} profile, refuses to start while a secret the service needs is missing, short,
 * or a built-in default ({@link SecretRules}). Each service lists its own in application.properties:
 * <pre>
 * tickets.production.secrets=BOOKING_ACCESS_SECRET:booking.access.secret,...   (32+ characters)
 * tickets.production.passwords=BOOKING_DB_PASSWORD:quarkus.datasource.password (16+ characters)
 * tickets.production.required=PUBLIC_BASE_URL                                  (set in the environment)
 * </pre>
 * Secrets and passwords are checked as the service will use them (the property's resolved value);
 * a required setting must come from its environment variable, since its built-in default (say
 * {@code http://localhost:8080}) is a valid-looking value.
 * <p>
 * The check runs when Flyway is configured, which is before the first connection to the database
 * (so a missing database password is reported as such, not as a failed connection), and again at
 * {@link StartupEvent} for safety. Throwing there stops the start: the process exits non-zero with
 * the message, which names every variable to set. The {@code dev}, {@code test} and {@code local}
 * profiles are never checked.
 */
@Singleton
public class ProductionSecrets implements FlywayConfigurationCustomizer {

    private static final Logger LOG = Logger.getLogger(ProductionSecrets.class);

    private final Config config;
    private volatile boolean checked;

    ProductionSecrets(Config config) {
        this.config = config;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        check();
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        check();
    }

    void check() {
        if (checked || !ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<SecretRules.Requirement> requirements = requirements();
        List<String> problems = SecretRules.problems(requirements, this::valueOf);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the prod profile: " + String.join("; ", problems)
                    + ". Secrets need " + SecretRules.SECRET_MIN_LENGTH + "+ characters, passwords "
                    + SecretRules.PASSWORD_MIN_LENGTH + "+, none may be a built-in default (dev-only...).");
        }
        checked = true;
        LOG.infof("Production secrets check passed (%d settings)", requirements.size());
    }

    private List<SecretRules.Requirement> requirements() {
        List<SecretRules.Requirement> all = new ArrayList<>();
        add(all, SecretRules.Kind.SECRET, "tickets.production.secrets");
        add(all, SecretRules.Kind.PASSWORD, "tickets.production.passwords");
        add(all, SecretRules.Kind.REQUIRED, "tickets.production.required");
        return all;
    }

    private void add(List<SecretRules.Requirement> to, SecretRules.Kind kind, String listProperty) {
        config.getOptionalValues(listProperty, String.class).orElse(List.of()).stream()
                .filter(e -> !e.isBlank())
                .map(e -> SecretRules.parse(kind, e))
                .forEach(to::add);
    }

    private Optional<String> valueOf(SecretRules.Requirement r) {
        if (r.kind() == SecretRules.Kind.REQUIRED || r.property() == null) {
            return Optional.ofNullable(System.getenv(r.envVar()));
        }
        Optional<String> value = config.getOptionalValue(r.property(), String.class);
        // the variable unset and the value built in: say what to do ("not set"), not what happened
        boolean builtIn = value.map(v -> v.trim().toLowerCase(java.util.Locale.ROOT).startsWith(SecretRules.BUILT_IN_PREFIX))
                .orElse(false);
        return builtIn && System.getenv(r.envVar()) == null ? Optional.empty() : value;
    }
}
