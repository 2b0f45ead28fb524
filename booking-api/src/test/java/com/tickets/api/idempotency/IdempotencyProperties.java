package com.tickets.api.idempotency;

import com.tickets.api.problem.InvalidRequestProblem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Property-based (jqwik) checks of the two pure parts of idempotency: resolving the key from
 * header and body, and fingerprinting the payload. Whatever the input, the answer is a key or a
 * 400 problem, never another exception (which would surface as a 500).
 */
class IdempotencyProperties {

    @Property(tries = 2000)
    void anyHeaderAndBodyGiveAKeyOrA400(@ForAll("keys") String header, @ForAll("keys") String body) {
        try {
            String key = IdempotencyKeys.resolve(header, body);
            assertThat(key).isIn(header, body);
        } catch (InvalidRequestProblem expected) {
            assertThat(expected.status()).isEqualTo(400);
        }
    }

    @Property(tries = 500)
    void aValidHeaderAloneIsTheKey(@ForAll("printableAscii") String header) {
        assertThat(IdempotencyKeys.resolve(header, null)).isEqualTo(header);
    }

    @Property(tries = 500)
    void headerAndBodyThatDifferAreRefused(@ForAll("printableAscii") String header, @ForAll("printableAscii") String body) {
        if (!header.equals(body)) {
            assertThatThrownBy(() -> IdempotencyKeys.resolve(header, body)).isInstanceOf(InvalidRequestProblem.class);
        }
    }

    @Property(tries = 1000)
    void theFingerprintIgnoresFormattingButNothingElse(@ForAll("emails") String email, @ForAll @IntRange(min = 1, max = 10) int quantity,
                                                      @ForAll("cents") long cents) {
        UUID tier = UUID.randomUUID();
        BigDecimal price = BigDecimal.valueOf(cents, 2);
        String fingerprint = RequestFingerprint.of(tier, email, quantity, price, "USD");

        // the same request, written differently
        assertThat(RequestFingerprint.of(tier, "  " + email.toUpperCase(Locale.ROOT) + " ", quantity, price.setScale(4), "USD"))
                .isEqualTo(fingerprint);
        // a different request
        assertThat(RequestFingerprint.of(tier, email, quantity % 10 + 1, price, "USD")).isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(tier, email, quantity, price.add(new BigDecimal("0.01")), "USD")).isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(UUID.randomUUID(), email, quantity, price, "USD")).isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of(tier, email, quantity, price, "EUR")).isNotEqualTo(fingerprint);
        assertThat(fingerprint).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Provide
    Arbitrary<String> keys() {
        // null, empty, printable ASCII, control characters, non-ASCII, over-long
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().ofMinLength(0).ofMaxLength(300),
                printableAscii(), Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> printableAscii() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(255);
    }

    @Provide
    Arbitrary<String> emails() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30).map(local -> local + "@example.com");
    }

    @Provide
    Arbitrary<Long> cents() {
        return Arbitraries.longs().between(0, 99_999_999);
    }
}
