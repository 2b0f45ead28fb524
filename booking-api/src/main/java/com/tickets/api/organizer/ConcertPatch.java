package com.tickets.api.organizer;

import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Body of {@code PATCH /api/organizer/concerts/{id}}, with JSON merge-patch semantics (RFC 7396): a field
 * that is absent stays as it is, a field that is present replaces it, and an explicit {@code null} on
 * {@code salesOpenAt} / {@code salesCloseAt} clears it (back to "open at publication" / "close at the start").
 * Jackson calls a setter only for a field that is in the body, so {@link #has} tells the three apart. The
 * other fields cannot be cleared: a null there is a 400. Unknown fields are refused (strict JSON).
 */
public class ConcertPatch {

    private final Set<String> present = new HashSet<>();
    @Size(max = 200)
    private String name;
    @Size(max = 5000)
    private String description;
    @Size(max = 200)
    private String location;
    @IanaTimeZone
    private String timeZone;
    private Instant date;
    private Instant salesOpenAt;
    private Instant salesCloseAt;

    public boolean has(String field) {
        return present.contains(field);
    }

    public boolean isEmpty() {
        return present.isEmpty();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        present.add("name");
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        present.add("description");
        this.description = description;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        present.add("location");
        this.location = location;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        present.add("timeZone");
        this.timeZone = timeZone;
    }

    public Instant getDate() {
        return date;
    }

    public void setDate(Instant date) {
        present.add("date");
        this.date = date;
    }

    public Instant getSalesOpenAt() {
        return salesOpenAt;
    }

    public void setSalesOpenAt(Instant salesOpenAt) {
        present.add("salesOpenAt");
        this.salesOpenAt = salesOpenAt;
    }

    public Instant getSalesCloseAt() {
        return salesCloseAt;
    }

    public void setSalesCloseAt(Instant salesCloseAt) {
        present.add("salesCloseAt");
        this.salesCloseAt = salesCloseAt;
    }
}
