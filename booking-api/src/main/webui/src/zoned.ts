import { venueTime } from './format';

// Times of a concert are instants on the wire but are entered and shown in the concert's own time zone:
// an organizer in Lisbon setting up a show in Berlin types the Berlin wall-clock time, and everybody sees it.

/** The zone's UTC offset (ms) at an instant. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find(p => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** "2030-04-18T20:00" on the clocks of `timeZone` as an ISO instant; undefined for an empty or broken value. */
export function zonedToInstant(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // the offset at the guess may differ from the one at the result around a DST change: take the second look
  const first = wall - offsetMs(wall, timeZone);
  const instant = wall - offsetMs(first, timeZone);
  return new Date(instant).toISOString();
}

/** An instant as "2030-04-18T20:00" on the clocks of `timeZone` (the value of a datetime-local input). */
export function instantToZoned(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const instant = new Date(iso).getTime();
  return new Date(instant + offsetMs(instant, timeZone)).toISOString().slice(0, 16);
}

/** "Thu 18 Apr 2030, 20:00 CEST, Berlin": the show's own clock, whoever looks at it (format.ts, venueTime). */
export function showTime(iso: string, timeZone = 'UTC'): string {
  return venueTime(iso, timeZone);
}

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Every zone the browser knows, with the browser's own and UTC in it whatever the list says. */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return Array.from(new Set([...known, browserZone(), 'UTC'])).sort();
}
