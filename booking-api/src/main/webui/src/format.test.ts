import { describe, expect, it } from 'vitest';
// the device of the issue: a phone in New York looking at a London show
(globalThis as unknown as { process: { env: Record<string, string> } }).process.env.TZ = 'America/New_York';

import { bucketName, cancelConsequence, heldUntil, settled, statusWords, venueClock, venueTime, zoneCity, zoneName } from './format';

describe('venueTime', () => {
  it('shows a London show on London clocks, with the zone and the city, without seconds', () => {
    expect(venueTime('2026-12-31T20:00:00Z', 'Europe/London')).toBe('Thu 31 Dec 2026, 20:00 GMT, London');
  });
  it('is on the venue clocks whatever the zone of the device (this test runs on New York time)', () => {
    expect(new Date('2027-01-01T01:00:00Z').getDate()).toBe(31); // the device: still the 31st, 20:00
    expect(venueTime('2027-01-01T01:00:00Z', 'Europe/London')).toBe('Fri 1 Jan 2027, 01:00 GMT, London');
  });
  it('names summer time', () => {
    expect(venueTime('2026-07-04T19:30:00Z', 'Europe/London')).toBe('Sat 4 Jul 2026, 20:30 BST, London');
    expect(venueTime('2030-04-18T18:00:00Z', 'Europe/Berlin')).toBe('Thu 18 Apr 2030, 20:00 CEST, Berlin');
  });
  it('uses the usual abbreviation in America and the offset where there is none', () => {
    expect(venueTime('2026-12-31T01:00:00Z', 'America/New_York')).toBe('Wed 30 Dec 2026, 20:00 EST, New York');
    expect(venueTime('2026-12-31T14:30:00Z', 'Asia/Kolkata')).toBe('Thu 31 Dec 2026, 20:00 GMT+5:30, Kolkata');
  });
  it('says UTC once and falls back to it for a missing or unknown zone', () => {
    expect(venueTime('2026-12-31T20:00:00Z', 'UTC')).toBe('Thu 31 Dec 2026, 20:00 UTC');
    expect(venueTime('2026-12-31T20:00:00Z')).toBe('Thu 31 Dec 2026, 20:00 UTC');
    expect(venueTime('2026-12-31T20:00:00Z', 'Mars/Olympus')).toBe('Thu 31 Dec 2026, 20:00 UTC');
  });
  it('takes a place of its own and shows nothing for a broken instant', () => {
    expect(venueTime('2026-12-31T20:00:00Z', 'Europe/London', 'Wembley')).toBe('Thu 31 Dec 2026, 20:00 GMT, Wembley');
    expect(venueTime('not a date', 'Europe/London')).toBe('');
  });
  it('gives a time of day on the venue clocks', () => {
    expect(venueClock('2026-12-31T20:14:59Z', 'Europe/London')).toBe('20:14 GMT');
    expect(venueClock('2026-06-30T20:14:00Z', 'Europe/Berlin')).toBe('22:14 CEST');
  });
  it("shows a waitlist offer's end on the venue clocks, not the device's (this test runs on New York time)", () => {
    // 20:14 in London is 15:14 on this device
    expect(new Date('2026-12-31T20:14:00Z').getHours()).toBe(15);
    expect(heldUntil('2026-12-31T20:14:00Z', 'Europe/London')).toBe('until 20:14 GMT');
    expect(heldUntil('2026-07-01T18:05:00Z', 'Asia/Tokyo')).toBe('until 03:05 GMT+9');
    expect(heldUntil('2026-12-31T20:14:00Z', 'Mars/Olympus')).toBe('until 20:14 UTC');
    expect(heldUntil('not a date', 'Europe/London')).toBe('');
  });
  it('names cities and zones', () => {
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneName(new Date('2026-01-01T00:00:00Z'), 'Europe/Paris')).toBe('CET');
  });
});

describe('statusWords', () => {
  it('says every state in words', () => {
    expect(statusWords('PENDING').label).toBe('Waiting for payment');
    expect(statusWords('CONFIRMED').label).toBe('Confirmed');
    expect(statusWords('CANCELLED').label).toBe('Cancelled');
    expect(statusWords('EXPIRED').label).toBe('Expired');
    for (const s of ['PENDING', 'CONFIRMED', 'CANCELLED', 'EXPIRED'] as const) {
      expect(statusWords(s).meaning).not.toMatch(/[A-Z]{4,}/); // no API words in the sentence
    }
  });
  it('follows only a pending booking', () => {
    expect(settled('PENDING')).toBe(false);
    expect(settled('CONFIRMED')).toBe(true);
    expect(settled('EXPIRED')).toBe(true);
  });
  it('says what cancelling does to the money', () => {
    expect(cancelConsequence('CONFIRMED', '$84.00')).toContain('$84.00 is refunded');
    expect(cancelConsequence('PENDING', '$84.00')).toContain('released and no payment is taken');
  });
});

describe('bucketName', () => {
  it("names a dashboard bucket by its start on the zone's clocks, never moved to the device's (New York here)", () => {
    // 1 December at a London venue is 1 December on this New York device too, not 30 November
    expect(bucketName('2030-12-01T00:00:00', 'day')).toBe('Sun 1 Dec');
    expect(bucketName('2030-12-01T00:00:00', 'week')).toBe('Week of Sun 1 Dec');
    expect(bucketName('2030-11-03T01:00:00', 'hour')).toBe('Sun 3 Nov, 01:00');
    expect(bucketName('nonsense', 'day')).toBe('nonsense');
  });
});
