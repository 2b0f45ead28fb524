package com.tickets.api.access;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one way an e-mail address becomes the key of a buyer's bookings: NFKC, trimmed, lower-cased.
 * NFKC first, so look-alikes that compatibility-decompose ({@code K}, U+212A KELVIN SIGN, becomes
 * {@code K}) name the same buyer rather than a second one whose mail lands in the same inbox.
 * An address holding control, format or separator characters (NBSP, U+2028, zero-width space…)
 * anywhere is refused, not cleaned: it is either an attack or a copy-paste accident, and guessing
 * which address was meant is how two spellings end up owning one inbox.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    /** One @, something before it, a dotted domain with a letter TLD; no quotes, angle brackets or spaces. */
    private static final Pattern SHAPE = Pattern.compile("[^\\s<>\"'`;@()\\[\\],:\\\\]+@[^\\s<>\"'`;@()\\[\\],:\\\\]+\\.[a-z]{2,}");

    private EmailAddresses() {
    }

    /** The normalized address, or empty when it is not one we accept. */
    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.length() > MAX_LENGTH * 2 || raw.codePoints().anyMatch(EmailAddresses::forbidden)) {
            return Optional.empty();
        }
        String normalized = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (normalized.length() > MAX_LENGTH || normalized.codePoints().anyMatch(EmailAddresses::forbidden)
                || !SHAPE.matcher(normalized).matches()) {
            return Optional.empty();
        }
        return Optional.of(normalized);
    }

    /**
     * Control (Cc), format (Cf), separators (Zs, Zl, Zp), unassigned, private-use and lone surrogate
     * characters. The plain space is the one exception: leading and trailing ones are trimmed, and
     * one inside the address fails {@link #SHAPE}.
     */
    private static boolean forbidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> true;
            case Character.SPACE_SEPARATOR -> codePoint != ' ';
            default -> false;
        };
    }
}
