import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, ApiError, Booking, Concert, money, problemName, Tier, waitlistEntries, WaitlistEntry, withRetry } from './api';
import { BookingView } from './BookingView';
import { useLiveAvailability } from './live';
import { WaitlistEntryView } from './Waitlist';
import { availableOf, joinProblem } from './waitlistMessages';

export function BookingPage({ tierId }: { tierId: string }) {
  const [found, setFound] = useState<{ tier: Tier; concert: Concert }>();
  const [email, setEmail] = useState(localStorage.getItem('email') ?? '');
  const [quantity, setQuantity] = useState(1);
  // One key per attempt: kept while the same order is retried, renewed when the order changes.
  const [attemptKey, setAttemptKey] = useState(() => crypto.randomUUID());
  // the same for joining the waitlist (its own requests, its own keys)
  const [joinKey, setJoinKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState<'book' | 'join'>();
  const [problem, setProblem] = useState<string>();
  const [booking, setBooking] = useState<Booking>();
  // this browser's place on the tier's waitlist (id and token kept in localStorage by api.joinWaitlist)
  const [stored, setStored] = useState(() => waitlistEntries.get(tierId));
  const [joined, setJoined] = useState<WaitlistEntry>();
  const form = useRef<HTMLFormElement>(null);

  const [unknown, setUnknown] = useState(false);

  // the catalogue is cached for up to a second: a tier published just now (a link followed at once) is looked
  // for again a few times before the page says it is not on sale
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const look = (attempt: number) => api.concerts().then(concerts => {
      if (stopped) return;
      for (const concert of concerts) {
        const tier = concert.ticketTiers.find(t => t.id === tierId);
        if (tier) { setFound({ tier, concert }); return; }
      }
      if (attempt < 5) timer = setTimeout(() => look(attempt + 1), 1000);
      else setUnknown(true);
    }).catch(() => { if (!stopped) timer = setTimeout(() => look(attempt + 1), 2000); });
    look(1);
    return () => { stopped = true; clearTimeout(timer); };
  }, [tierId]);

  // what is left, live; an answer of the API (sold out, tickets available) says it until the stream next does
  const live = useLiveAvailability(found ? found.concert.id : null);
  const [told, setTold] = useState<number>();
  useEffect(() => setTold(undefined), [live[tierId]]); // eslint-disable-line react-hooks/exhaustive-deps
  const available = told ?? live[tierId] ?? found?.tier.availableQuantity;

  const changeOrder = (apply: () => void) => {
    apply(); setAttemptKey(crypto.randomUUID()); setJoinKey(crypto.randomUUID()); setProblem(undefined);
  };

  async function book() {
    if (!found || busy) return;
    setBusy('book');
    setProblem(undefined);
    localStorage.setItem('email', email);
    try {
      setBooking(await withRetry(() => api.book(attemptKey, found.tier, email, quantity)));
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : undefined;
      if (p?.type.endsWith('/sold-out')) {
        setTold(p.availableQuantity ?? 0);
        setProblem(p.availableQuantity ? `Only ${p.availableQuantity} left — choose fewer tickets, or join the waitlist.`
          : 'Sold out — no tickets left in this tier. You can join the waitlist.');
      } else if (p?.errors?.length) {
        setProblem(p.errors.map(err => `${err.field}: ${err.message}`).join('; '));
      } else {
        setProblem(p?.detail ?? 'Could not book, please try again.');
      }
    } finally {
      setBusy(undefined);
    }
  }

  async function join() {
    if (!found || busy || !form.current?.reportValidity()) return;
    setBusy('join');
    setProblem(undefined);
    localStorage.setItem('email', email);
    try {
      const entry = await withRetry(() => api.joinWaitlist(joinKey, tierId, email, quantity));
      setJoined(entry);
      setStored(waitlistEntries.get(tierId));
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : undefined;
      if (p && problemName(p) === 'tickets-available' && availableOf(p) !== undefined) setTold(availableOf(p));
      if (problemName(p) === 'idempotency-key-reused') setJoinKey(crypto.randomUUID());
      setProblem(joinProblem(error));
    } finally {
      setBusy(undefined);
    }
  }

  if (!found) {
    return unknown
      ? <p className="error" role="alert">This tier is not on sale (any more). <a href="#/">See the shows</a></p>
      : <p>Loading…</p>;
  }
  const { tier, concert } = found;
  if (booking) {
    // followed and cancellable with the booking's own access token, kept by api.book
    return <BookingView bookingId={booking.id}
      initial={{ ...booking, concertName: booking.concertName ?? concert.name, tierName: booking.tierName ?? tier.name,
        concertDate: booking.concertDate ?? concert.date }} />;
  }
  if (stored) {
    return <WaitlistEntryView key={stored.entryId} tierId={tierId} stored={stored} initial={joined}
      onRestart={() => { setStored(undefined); setJoined(undefined); changeOrder(() => undefined); }} />;
  }

  const soldOut = available === 0;
  // the public cannot buy that many: the waitlist is offered beside (or, sold out, instead of) booking
  const waitlist = available !== undefined && quantity > available;
  return (
    <form ref={form} onSubmit={(e: FormEvent) => { e.preventDefault(); if (soldOut) join(); else book(); }} aria-label="Book tickets">
      <h2>{concert.name} — {tier.name}</h2>
      <p>{money(tier.price, tier.currency)} per ticket</p>
      {waitlist && (
        <p data-testid="waitlist-hint">
          {soldOut ? <strong className="soldout">Sold out. </strong> : <strong>Only {available} left. </strong>}
          Join the waitlist: when tickets come back, they are offered to the waitlist first, in the order people joined,
          and we e-mail you a link to claim them.
        </p>
      )}
      <label>E-mail
        <input type="email" required value={email} onChange={e => changeOrder(() => setEmail(e.target.value))} autoComplete="email" />
      </label>
      <label>Number of tickets
        <select value={quantity} onChange={e => changeOrder(() => setQuantity(Number(e.target.value)))}>
          {Array.from({ length: 10 }, (_, i) => i + 1).map(n => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <p>Total: <strong data-testid="total">{money(tier.price * quantity, tier.currency)}</strong></p>
      {problem && <p className="error" role="alert">{problem}</p>}
      <div className="row">
        {!soldOut && <button type="submit" disabled={!!busy}>{busy === 'book' ? 'Booking…' : 'Pay and book'}</button>}
        {waitlist && <button type={soldOut ? 'submit' : 'button'} className={soldOut ? undefined : 'secondary'}
          onClick={soldOut ? undefined : join} disabled={!!busy}>{busy === 'join' ? 'Joining…' : 'Join the waitlist'}</button>}
      </div>
    </form>
  );
}
