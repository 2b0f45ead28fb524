package com.tickets.events.signing;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One code per ticket: {@code TKT-XXXX-XXXX-XXXX-XXXX}, 80 bits of {@code HMAC(key, "ticket",
 * bookingId#n)} in base32, under a key of its own ({@code TICKET_CODE_SECRET}). Knowing a booking id
 * (it travels in {@code Location} headers and mails) does not give its codes. The same booking always
 * gets the same codes, so a resent mail shows the same tickets; booking-api keeps them to check at the door.
 */
public final class TicketCodes {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int CODE_BYTES = 10;

    private final Hmac hmac;

    public TicketCodes(String secret) {
        this.hmac = new Hmac(secret);
    }

    public List<String> of(UUID bookingId, int quantity) {
        return IntStream.rangeClosed(1, quantity).mapToObj(n -> code(bookingId, n)).toList();
    }

    public String code(UUID bookingId, int ticketNumber) {
        byte[] mac = hmac.sign("ticket", bookingId + "#" + ticketNumber);
        StringBuilder code = new StringBuilder("TKT");
        long bits = 0;
        int bitCount = 0;
        int chars = 0;
        for (int i = 0; i < CODE_BYTES; i++) {
            bits = (bits << 8) | (mac[i] & 0xff);
            bitCount += 8;
            while (bitCount >= 5) {
                if (chars % 4 == 0) {
                    code.append('-');
                }
                code.append(BASE32[(int) (bits >>> (bitCount - 5)) & 31]);
                bitCount -= 5;
                chars++;
            }
        }
        return code.toString();
    }

    /** What a door scanner or a person typed, in the form codes are stored: upper case, no surrounding space. */
    public static String normalize(String typed) {
        return typed.strip().toUpperCase(Locale.ROOT);
    }
}
