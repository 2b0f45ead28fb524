package com.tickets.notification;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * A moment as the venue's clocks show it, for mails: "Thu 31 Dec 2026, 20:00 GMT, London" — the day, the time
 * to the minute, the zone's short name, and the zone's city. It is the web page's {@code venueTime} (format.ts),
 * so a buyer reads the same date in a mail and on the page, on the venue's clocks wherever they are. UTC is
 * shown as "… 20:00 UTC", which says it already and has no city. An event without a zone (older booking events
 * have none) or with one this JVM does not know is shown in UTC rather than not at all.
 *
 * <p>The zone's short name is Java's: where the browser's has no English abbreviation and shows an offset
 * ("GMT+5:30" for Asia/Kolkata), a mail may name the zone ("IST").
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
        return zone.equals(UTC) ? formatted : formatted + ", " + city(zone);
    }

    /** "London" for Europe/London, "New York" for America/New_York: the zone's last part, as the page shows it. */
    private static String city(ZoneId zone) {
        String id = zone.getId();
        return id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
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
