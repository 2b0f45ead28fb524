package com.tickets.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Organizer sign-in with a password (HTTP Basic), for the local, dev and test profiles only: two
 * demo organizers, {@code organizer}/{@code organizer} and {@code organizer2}/{@code organizer2},
 * role {@value #ROLE}, principal name = user name. In {@code prod} this provider accepts nobody
 * (whatever the configuration says): organizers there present bearer JWTs of the identity provider,
 * verified by quarkus-smallrye-jwt ({@code mp.jwt.verify.*}; the role comes from {@code groups}).
 * <p>
 * Every failure (wrong password or unknown user name) counts in {@link LoginThrottle} per user name
 * and per client address; a locked-out attempt fails with {@link SignInProblems#throttled} (429)
 * before and whatever the password. Passwords are compared in constant time.
 * <p>
 * A bean only in services with organizer routes (build property {@code tickets.organizer.routes=true}:
 * booking-api, analytics-projector), so that the workers have no password provider at all; active
 * where {@code tickets.organizer.basic.enabled=true} and the profile is not {@code prod};
 * {@code tickets.organizer.basic.other-users} ({@code name:password,...}) adds users without the
 * role (tests of the 403).
 */
@ApplicationScoped
@IfBuildProperty(name = "tickets.organizer.routes", stringValue = "true")
public class OrganizerSignIn implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ROLE = "organizer";
    private static final Logger LOG = Logger.getLogger(OrganizerSignIn.class);

    private record Account(byte[] password, Set<String> roles) {
    }

    private final boolean enabled;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final LoginThrottle throttle;

    OrganizerSignIn(@ConfigProperty(name = "tickets.organizer.basic.enabled", defaultValue = "false") boolean enabled,
                    @ConfigProperty(name = "tickets.organizer.basic.other-users") Optional<List<String>> otherUsers,
                    @ConfigProperty(name = "tickets.organizer.throttle.free-failures", defaultValue = "5") int freeFailures,
                    @ConfigProperty(name = "tickets.organizer.throttle.base-lockout", defaultValue = "PT1S") Duration baseLockout,
                    @ConfigProperty(name = "tickets.organizer.throttle.max-lockout", defaultValue = "PT15M") Duration maxLockout,
                    @ConfigProperty(name = "tickets.organizer.throttle.forget-after", defaultValue = "PT15M") Duration forgetAfter) {
        this.enabled = enabled && !ConfigUtils.getProfiles().contains("prod");
        this.throttle = new LoginThrottle(freeFailures, baseLockout, maxLockout, forgetAfter, 100_000, Clock.systemUTC());
        accounts.put("organizer", account("organizer", ROLE));
        accounts.put("organizer2", account("organizer2", ROLE));
        for (String user : otherUsers.orElse(List.of())) {
            int colon = user.indexOf(':');
            if (colon > 0) {
                accounts.put(user.substring(0, colon).trim(), account(user.substring(colon + 1).trim(), null));
            }
        }
    }

    private static Account account(String password, String role) {
        return new Account(password.getBytes(StandardCharsets.UTF_8), role == null ? Set.of() : Set.of(role));
    }

    void announce(@Observes StartupEvent event) {
        if (enabled) {
            LOG.info("Organizer sign-in: HTTP Basic with the demo organizers organizer/organizer and organizer2/organizer2"
                    + " (local/dev/test only; the prod profile takes bearer JWTs and no passwords)");
        }
    }

    /** Whether this profile signs organizers in with passwords (HTTP Basic) rather than bearer tokens only. */
    public boolean acceptsPasswords() {
        return enabled;
    }

    /** The {@code WWW-Authenticate} challenge of a 401: what this profile's organizers sign in with. */
    public String challenge() {
        return enabled ? "Basic realm=\"organizers\"" : "Bearer";
    }

    /** The detail of a 401, for a person. */
    public String howToSignIn() {
        return "Sign in as an organizer (" + (enabled ? "HTTP Basic" : "a bearer token of the organizers' identity provider") + ")";
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Ahead of any other password provider (the embedded realm's default priority is 1001). */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        if (!enabled) {
            return Uni.createFrom().failure(new AuthenticationFailedException("password sign-in is off in this profile"));
        }
        String user = request.getUsername();
        String userKey = LoginThrottle.userKey(user);
        String addressKey = LoginThrottle.addressKey(clientAddress(request));
        Optional<Duration> locked = throttle.lockedFor(userKey, addressKey);

        Account account = accounts.get(user);
        PasswordCredential credential = request.getPassword();
        byte[] given = new String(credential.getPassword()).getBytes(StandardCharsets.UTF_8);
        // constant time; an unknown user name is compared too, so timing does not tell names apart
        boolean right = MessageDigest.isEqual(given, account != null ? account.password : new byte[given.length + 1]);
        right &= account != null;

        if (!right) {
            throttle.failed(userKey, addressKey);
            Optional<Duration> now = throttle.lockedFor(userKey, addressKey);
            return Uni.createFrom().failure(locked.isPresent() && now.isPresent()
                    ? SignInProblems.throttled(now.get()) : new AuthenticationFailedException());
        }
        if (locked.isPresent()) {
            return Uni.createFrom().failure(SignInProblems.throttled(locked.get()));
        }
        throttle.succeeded(userKey, addressKey);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user))
                .addRoles(account.roles)
                .addCredential(credential)
                .build());
    }

    private static String clientAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        SocketAddress remote = rc == null ? null : rc.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }
}
