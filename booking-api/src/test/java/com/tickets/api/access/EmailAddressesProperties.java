package com.tickets.api.access;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** One buyer, one key: every spelling of an address that reaches the same inbox normalizes the same; nothing odd gets through. */
class EmailAddressesProperties {

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> domain = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
                .ofMinLength(1).ofMaxLength(15);
        Arbitrary<String> tld = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ").ofMinLength(2).ofMaxLength(6);
        return net.jqwik.api.Combinators.combine(local, domain, tld).as((l, d, t) -> l + "@" + d + "." + t);
    }

    @Provide
    Arbitrary<Character> forbidden() {
        return Arbitraries.of('\u00A0', '\u2028', '\u2029', '\u200B', '\u200E', '\uFEFF', '\u0000', '\n', '\r', '\t',
                '\u0085', '\u3000', '\u2007', '\u202F', '\u061C', '\uE000');
    }

    @Property
    void normalizingTwiceChangesNothing(@ForAll("addresses") String address) {
        String once = EmailAddresses.normalize(address).orElseThrow();
        assertThat(EmailAddresses.normalize(once)).hasValue(once);
    }

    @Property
    void letterCaseAndSurroundingSpacesNameTheSameBuyer(@ForAll("addresses") String address) {
        assertThat(EmailAddresses.normalize("  " + address.toUpperCase() + " "))
                .isEqualTo(EmailAddresses.normalize(address.toLowerCase()));
    }

    @Property
    void aForbiddenCharacterAnywhereIsRefused(@ForAll("addresses") String address, @ForAll("forbidden") char c,
                                              @ForAll int where) {
        int at = Math.floorMod(where, address.length() + 1);
        assertThat(EmailAddresses.normalize(address.substring(0, at) + c + address.substring(at))).isEmpty();
    }

    @Example
    void compatibilityLookAlikesNameTheSameBuyer() {
        assertThat(EmailAddresses.normalize("\u212Aate@example.com")).hasValue("kate@example.com");
        assertThat(EmailAddresses.normalize("\uFF4Bate@example.com")).hasValue("kate@example.com"); // fullwidth k
    }

    @Example
    void notAnAddressIsRefused() {
        for (String s : new String[] {"", "kate", "kate@", "@example.com", "kate@example", "ka te@example.com",
                "<kate>@example.com", "kate@@example.com", "x".repeat(250) + "@example.com"}) {
            assertThat(EmailAddresses.normalize(s)).as(s).isEmpty();
        }
        assertThat(EmailAddresses.normalize(null)).isEmpty();
    }
}
