package com.tickets.analytics.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The organizer account, whose user name and password both come from configuration
 * ({@code ANALYTICS_ORGANIZER_USER} / {@code ANALYTICS_ORGANIZER_PASSWORD}; a Kubernetes Secret in
 * production). Why not only the embedded realm of quarkus-elytron-security-properties-file: there
 * the user name is part of the property key, which cannot come from an environment variable.
 * Other user names fall through (null) to that realm, where extra users may be configured.
 */
@ApplicationScoped
public class OrganizerIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ROLE = "organizer";

    private final String user;
    private final byte[] password;

    OrganizerIdentityProvider(@ConfigProperty(name = "analytics.organizer.user") String user,
                              @ConfigProperty(name = "analytics.organizer.password") String password) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Ahead of the embedded realm (default priority 1001), which would reject a user name it does not know. */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        if (!user.equals(request.getUsername())) {
            return Uni.createFrom().nullItem();
        }
        PasswordCredential credential = request.getPassword();
        byte[] given = new String(credential.getPassword()).getBytes(StandardCharsets.UTF_8);
        // constant time: the comparison must not tell how much of the password was right
        if (!MessageDigest.isEqual(given, password)) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user))
                .addRole(ROLE)
                .addCredential(credential)
                .build());
    }
}
