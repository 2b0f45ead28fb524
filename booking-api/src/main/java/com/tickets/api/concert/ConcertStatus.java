package com.tickets.api.concert;

/**
 * Where a concert is in its life: an organizer's private DRAFT, PUBLISHED (in the catalogue, on sale within
 * its sales window), or CANCELLED (off sale for good, every booking cancelled and refunded).
 */
public enum ConcertStatus { DRAFT, PUBLISHED, CANCELLED }
