package com.tickets.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One code per ticket, derived from the booking id and the ticket's number: the same booking
 * always gets the same codes, so a resent mail shows the same tickets.
 */
public final class TicketCodes {
    private TicketCodes() {
    }

    public static List<String> of(UUID bookingId, int quantity) {
        return IntStream.rangeClosed(1, quantity).mapToObj(n -> code(bookingId, n)).toList();
    }

    private static String code(UUID bookingId, int n) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((bookingId + "#" + n).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().withUpperCase().formatHex(digest, 0, 6);
            return "TKT-" + hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-" + n;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
