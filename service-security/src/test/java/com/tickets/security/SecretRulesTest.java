package com.tickets.security;

import com.tickets.security.SecretRules.Kind;
import com.tickets.security.SecretRules.Requirement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRulesTest {

    private static final String GOOD_SECRET = "Zq7k2mN9pX4vR8tW1yB6cD3fG5hJ0lAs";

    @Test
    void missingBlankBuiltInShortAndKnownWordsAreRefusedNamingTheVariable() {
        assertThat(SecretRules.problem(Kind.SECRET, "BOOKING_ACCESS_SECRET", null)).contains("BOOKING_ACCESS_SECRET is not set");
        assertThat(SecretRules.problem(Kind.SECRET, "X", "   ")).contains("X is not set");
        assertThat(SecretRules.problem(Kind.SECRET, "X", "dev-only-booking-access-secret-not-for-production"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("X ").contains("built-in"));
        assertThat(SecretRules.problem(Kind.SECRET, "X", "DEV-ONLY-but-long-enough-to-pass-the-length-rule")).isPresent();
        assertThat(SecretRules.problem(Kind.SECRET, "X", GOOD_SECRET.substring(1))).contains("X is shorter than 32 characters");
        assertThat(SecretRules.problem(Kind.PASSWORD, "DB", "postgres")).hasValueSatisfying(p -> assertThat(p).contains("built-in"));
        assertThat(SecretRules.problem(Kind.PASSWORD, "DB", "Organizer")).isPresent();
        assertThat(SecretRules.problem(Kind.PASSWORD, "DB", "fifteen-chars15")).contains("DB is shorter than 16 characters");
        assertThat(SecretRules.problem(Kind.REQUIRED, "PUBLIC_BASE_URL", "")).contains("PUBLIC_BASE_URL is not set");
    }

    @Test
    void goodValuesPass() {
        assertThat(SecretRules.problem(Kind.SECRET, "X", GOOD_SECRET)).isEmpty();
        assertThat(SecretRules.problem(Kind.PASSWORD, "DB", "sixteen-chars-16")).isEmpty();
        assertThat(SecretRules.problem(Kind.REQUIRED, "PUBLIC_BASE_URL", "https://tickets.example.com")).isEmpty();
    }

    @Test
    void everyProblemIsListedInOrderAndNoValueIsEchoed() {
        List<Requirement> reqs = List.of(
                SecretRules.parse(Kind.SECRET, "A_SECRET:a.secret"),
                SecretRules.parse(Kind.PASSWORD, " A_DB_PASSWORD : quarkus.datasource.password "),
                SecretRules.parse(Kind.REQUIRED, "PUBLIC_BASE_URL"));
        assertThat(reqs.get(1)).isEqualTo(new Requirement(Kind.PASSWORD, "A_DB_PASSWORD", "quarkus.datasource.password"));
        assertThat(reqs.get(2).property()).isNull();
        Map<String, String> values = Map.of("A_SECRET", "dev-only-a-secret-of-some-length-really", "A_DB_PASSWORD", "tiny");
        List<String> problems = SecretRules.problems(reqs, r -> Optional.ofNullable(values.get(r.envVar())));
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("A_SECRET");
        assertThat(problems.get(1)).startsWith("A_DB_PASSWORD");
        assertThat(problems.get(2)).isEqualTo("PUBLIC_BASE_URL is not set");
        assertThat(String.join(" ", problems)).doesNotContain("tiny").doesNotContain("a-secret-of");
    }

    /** Whatever follows the prefix, and however long, a built-in default never passes. */
    @Property
    void anythingStartingWithTheBuiltInPrefixIsRefused(@ForAll("kinds") Kind kind, @ForAll @StringLength(max = 80) String rest,
                                                       @ForAll boolean upper) {
        String prefix = upper ? "DEV-ONLY" : "dev-only";
        assertThat(SecretRules.problem(kind, "V", prefix + rest)).isPresent();
    }

    /** A long random value passes; cut below the minimum it does not; the message never contains it. */
    @Property
    void lengthDecidesForOtherwiseGoodValues(@ForAll("kinds") Kind kind, @ForAll("randomValues") String value) {
        int min = switch (kind) {
            case SECRET -> SecretRules.SECRET_MIN_LENGTH;
            case PASSWORD -> SecretRules.PASSWORD_MIN_LENGTH;
            case REQUIRED -> 1;
        };
        Optional<String> problem = SecretRules.problem(kind, "V", value);
        assertThat(problem.isEmpty()).isEqualTo(value.length() >= min);
        problem.ifPresent(p -> assertThat(p).startsWith("V ").doesNotContain(value));
    }

    @Provide
    Arbitrary<Kind> kinds() {
        return Arbitraries.of(Kind.class);
    }

    @Provide
    Arbitrary<String> randomValues() {
        // letters and digits, always with a digit up front: never a known word, never the prefix
        return Arbitraries.strings().alpha().numeric().ofMinLength(0).ofMaxLength(60).map(s -> "7" + s);
    }
}
