package com.tickets.api;

import java.util.Random;
import java.util.regex.Matcher;

/**
 * Seeded random mutations of a valid JSON body: characters dropped, inserted or swapped, a field's value replaced
 * by another JSON type, an extreme number, control characters, markup or SQL.
 */
public final class JsonMutations {

    static final String[] ODD_VALUES = {"null", "true", "[]", "{}", "\"\"", "-0", "1e309", "0.0000001", "99999999999999999999",
            "\"\\u0000\"", "\"<b>x</b>\"", "\"' OR 1=1 --\"", "\"" + "x".repeat(300) + "\"", "-1", "1.999", "\"10\""};

    private JsonMutations() {
    }

    /** One to three edits of {@code valid}; a value replacement picks one of {@code fields} (none: no replacement). */
    public static String mutate(String valid, Random random, String... fields) {
        StringBuilder s = new StringBuilder(valid);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(fields.length == 0 ? 3 : 5)) {
                case 0 -> { // drop a character
                    if (s.length() > 1) {
                        s.deleteCharAt(random.nextInt(s.length()));
                    }
                }
                case 1 -> s.insert(random.nextInt(s.length() + 1), (char) (random.nextInt(0x7f - 1) + 1));
                case 2 -> { // swap two characters
                    int a = random.nextInt(s.length());
                    int b = random.nextInt(s.length());
                    char c = s.charAt(a);
                    s.setCharAt(a, s.charAt(b));
                    s.setCharAt(b, c);
                }
                default -> { // replace one field's value by an odd JSON value
                    String field = fields[random.nextInt(fields.length)];
                    String odd = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
                    s = new StringBuilder(s.toString().replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
                            "\"" + field + "\":" + Matcher.quoteReplacement(odd)));
                }
            }
        }
        return s.toString();
    }
}
