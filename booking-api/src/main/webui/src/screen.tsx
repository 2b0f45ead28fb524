import { ReactNode, useEffect, useRef, useState } from 'react';

/**
 * The heading of a screen that replaces another one (a form becomes its result): it takes the focus when it
 * appears, so a screen reader starts reading there and a keyboard user does not land on the page's top.
 * Give it a `key` that changes with the screen when a new heading must take the focus again.
 */
export function ScreenHeading({ id, children }: { id: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, []);
  return <h2 id={id} ref={heading} tabIndex={-1}>{children}</h2>;
}

/** The clock, read again every `everyMs` while the component is shown. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "9:05" for 545 s; "1:02:03" past an hour. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${mm}:${two(ss)}`;
}

/** A time of day on this device's clock, such as "14:32". */

export const tickets = (n: number) => `${n} ${n === 1 ? 'ticket' : 'tickets'}`;
