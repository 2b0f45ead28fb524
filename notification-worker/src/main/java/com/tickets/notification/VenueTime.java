package com.tickets.notification;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * A moment as the venue's clocks show it, for mails: "Thu 31 Dec 2026, 20:00 GMT (Europe/London)" —
 * the day, the time to the minute, the zone's short name, and the venue's IANA zone (the web page's
 * {@code showTime} shows dates the same way). A buyer reads a concert's times in the concert's zone
 * wherever they are. UTC is shown as "… 20:00 UTC", which says it already. An event without a zone
 * (or with one this JVM does not know) is shown in UTC rather than not at all.
 */
final class VenueTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.ENGLISH);

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Set<String> UTC_NAMES = Set.of("UTC", "Etc/UTC", "Z");

    private VenueTime() {
    }

    static String format(Instant instant, String timeZone) {
        ZoneId zone = zoneOf(timeZone);
        String formatted = FORMAT.format(instant.atZone(zone));
        return zone.equals(UTC) ? formatted : formatted + " (" + zone.getId() + ")";
    }

    private static ZoneId zoneOf(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return UTC;
        }
        String id = timeZone.trim();
        if (UTC_NAMES.contains(id)) {
            return UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return UTC;
        }
    }
}
