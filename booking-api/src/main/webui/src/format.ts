// Pure formatting of what the page shows: dates on the venue's clocks, booking states in words, money.
// No React and no clock of its own, so each rule is tested on its own (format.test.ts).

import type { Booking } from './api';

/** "London" for Europe/London, "New York" for America/New_York, "UTC" for UTC. */
export function zoneCity(timeZone: string): string {
  const last = timeZone.substring(timeZone.lastIndexOf('/') + 1);
  return last.replace(/_/g, ' ');
}

/**
 * The zone's short name at that instant: an abbreviation where one is in common use ("GMT", "BST", "CEST",
 * "EDT"), else the offset ("GMT+5:30"). English (UK) names Europe's zones, English (US) America's.
 */
export function zoneName(instant: Date, timeZone: string): string {
  const name = (locale: string) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(instant).find(p => p.type === 'timeZoneName')?.value ?? timeZone;
  const gb = name('en-GB');
  if (!/^GMT[+-]/.test(gb)) return gb;
  const us = name('en-US');
  return /^GMT[+-]/.test(us) ? gb : us;
}

function parts(instant: Date, timeZone: string) {
  const all = new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => all.find(p => p.type === type)?.value ?? '';
  return { weekday: get('weekday'), day: get('day'), month: get('month'), year: get('year'), time: `${get('hour')}:${get('minute')}` };
}

/**
 * A show's time on the venue's clocks, whoever looks at it and wherever: "Sat 31 Dec 2026, 20:00 GMT, London".
 * No seconds. The place is the zone's city unless `place` is given (UTC has none to add).
 * An unknown or missing zone is shown as UTC, which says so.
 */
export function venueTime(iso: string, timeZone?: string | null, place?: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return '';
  let zone = timeZone || 'UTC';
  try { new Intl.DateTimeFormat('en-GB', { timeZone: zone }); } catch { zone = 'UTC'; }
  const p = parts(instant, zone);
  const where = place ?? (zone === 'UTC' || zone === 'Etc/UTC' ? '' : zoneCity(zone));
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.time} ${zoneName(instant, zone)}${where ? `, ${where}` : ''}`;
}

/** A time of day on the venue's clocks with the zone's name, for a moment on the day of the booking: "20:14 GMT". */
export function venueClock(iso: string, timeZone?: string | null): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return '';
  let zone = timeZone || 'UTC';
  try { new Intl.DateTimeFormat('en-GB', { timeZone: zone }); } catch { zone = 'UTC'; }
  return `${parts(instant, zone).time} ${zoneName(instant, zone)}`;
}

/**
 * The end of a waitlist offer's window on the venue's clocks, like the show's date above it on the offer page
 * ("until 20:14 GMT"), not on the device's: a buyer abroad reads one zone on the whole page.
 */
export function heldUntil(iso: string, timeZone?: string | null): string {
  const clockTime = venueClock(iso, timeZone);
  return clockTime ? `until ${clockTime}` : '';
}

export type Status = Booking['status'];

/** A booking's state as a buyer says it: a short label and what it means for them. */
export function statusWords(status: Status): { label: string; meaning: string } {
  switch (status) {
    case 'PENDING':
      return { label: 'Waiting for payment', meaning: 'Your tickets are held for you while we take the payment.' };
    case 'CONFIRMED':
      return { label: 'Confirmed', meaning: 'Paid. Your tickets are on their way to your inbox.' };
    case 'CANCELLED':
      return { label: 'Cancelled', meaning: 'This booking is cancelled; the tickets went back on sale.' };
    case 'EXPIRED':
      return { label: 'Expired', meaning: 'No payment arrived in time, so nothing was charged and the tickets went back on sale.' };
    default:
      return { label: String(status), meaning: '' };
  }
}

/** Whether a booking can still change by itself (payment under way): the page follows it until it cannot. */
export const settled = (status: Status) => status !== 'PENDING';

/** What cancelling does to the money, said before the buyer confirms it. */
export function cancelConsequence(status: Status, total: string): string {
  return status === 'CONFIRMED'
    ? `Your ${total} is refunded to the card you paid with (this can take a few days), and the tickets go back on sale.`
    : `The tickets held for you are released and no payment is taken; if a payment is already under way, it is refunded.`;
}

export const ticketCount = (n: number) => `${n} ${n === 1 ? 'ticket' : 'tickets'}`;

/**
 * A bucket's name from its start on the zone's clocks ("2030-12-01T00:00:00", no offset): read as it stands,
 * never moved to the device's zone, so 1 December at the venue is "Sun 1 Dec" everywhere.
 */
export function bucketName(localStart: string, period: string) {
  const wall = new Date(localStart.endsWith('Z') ? localStart : `${localStart.substring(0, 19)}Z`);
  if (Number.isNaN(wall.getTime())) return localStart;
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(wall);
  if (period === 'hour') {
    return `${day}, ${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(wall)}`;
  }
  return period === 'week' ? `Week of ${day}` : day;
}

