package com.tickets.api.access;

/**
 * Adds {@code "accessToken"} to a booking's 201 body, which arrives pre-serialized
 * ({@code {"booking":{...}}}) because a replay must repeat the first answer byte for byte. The body
 * is spliced, not parsed and re-written, so the booking's bytes (two-place prices, timestamps) stay
 * exactly as first sent; the token is a function of the booking id, so a replay gets the same bytes again.
 */
public final class AccessTokenInBody {

    public static final String FIELD = "accessToken";

    private AccessTokenInBody() {
    }

    /** {@code token} is base64url (no quotes or backslashes), so it needs no JSON escaping. */
    public static String splice(String jsonObject, String token) {
        int end = jsonObject.lastIndexOf('}');
        if (!jsonObject.startsWith("{") || end < 0 || !jsonObject.substring(end + 1).isBlank()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String separator = jsonObject.substring(1, end).isBlank() ? "" : ",";
        return jsonObject.substring(0, end) + separator + "\"" + FIELD + "\":\"" + token + "\"" + jsonObject.substring(end);
    }
}
