/**
 * Security controls that every service needs in exactly the same way, kept in one place so that
 * there is one way to do each cross-cutting thing (and one place to fix it):
 * <ul>
 *   <li>{@link com.tickets.security.ProductionSecrets}: in the {@code prod} profile a service refuses
 *       to start while a secret it needs is missing, short, or one of the built-in development
 *       defaults ({@link com.tickets.security.SecretRules} is the pure rule);</li>
 *   <li>{@link com.tickets.security.OrganizerSignIn} and {@link com.tickets.security.LoginThrottle}:
 *       the demo organizers of the local, dev and test profiles (HTTP Basic), with failed sign-ins
 *       throttled per user name and per client address ({@code 429},
 *       {@link com.tickets.security.SignInProblems}); production verifies organizer JWTs instead;</li>
 *   <li>{@link com.tickets.security.StrictJsonInput}: request bodies are read without type coercion,
 *       so {@code "quantity":"1"} or {@code "userEmail":123} is a client error, not a guess.</li>
 * </ul>
 * A plain jar with a Jandex index (so each service's CDI discovers the beans); it brings no Quarkus
 * extension that the services do not already have.
 */
package com.tickets.security;
