package com.tickets.api.organizer;

import java.time.Instant;

/** A concert's start and sales window, as {@link SalesWindowInOrder} checks them. */
public interface SalesWindow {
    Instant date();

    Instant salesOpenAt();

    Instant salesCloseAt();
}
