package com.tickets.api.organizer;

import java.util.Locale;

/** How tier names are compared for uniqueness within a concert. */
final class TierNames {
    private TierNames() {
    }

    static String canonical(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
