import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, ApiError, Attempt, attempts, Booking, Concert, money, problemName, Tier, waitlistEntries, WaitlistEntry, withRetry } from './api';
import { statusWords, ticketCount, venueTime } from './format';
import { useLiveAvailability } from './live';
import { EMAIL_HINT, looksLikeEmail, problemText } from './messages';
import { ScreenHeading } from './screen';
import { WaitlistEntryView } from './Waitlist';
import { availableOf, joinProblem } from './waitlistMessages';

/** An attempt whose answer never came is sent again (same key, same booking) only this long after it was made. */
const RESUME_WITHIN_MS = 10 * 60 * 1000;

/** Where the page is with this browser's last booking attempt for the tier, from what it kept locally. */
type Resume =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'resending'; attempt: Attempt }
  | { kind: 'unsent'; attempt: Attempt; message: string }
  | { kind: 'booked'; booking: Booking };

const goToBooking = (id: string) => window.location.replace(`#/bookings/${id}`);

export function BookingPage({ tierId }: { tierId: string }) {
  const [found, setFound] = useState<{ tier: Tier; concert: Concert }>();
  const [attempt0] = useState(() => {
    const a = attempts.get(tierId);
    if (a && !a.bookingId && Date.now() - new Date(a.at).getTime() > RESUME_WITHIN_MS) { attempts.forget(tierId); return undefined; }
    return a;
  });
  const [resume, setResume] = useState<Resume>(() => (attempt0 ? { kind: 'checking' } : { kind: 'none' }));
  const [email, setEmail] = useState(attempt0?.email ?? localStorage.getItem('email') ?? '');
  const [emailError, setEmailError] = useState<string>();
  const emailInput = useRef<HTMLInputElement>(null);
  const [quantity, setQuantity] = useState(attempt0?.quantity ?? 1);
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
  const [catalogueDown, setCatalogueDown] = useState<string>();
  const [lookKey, setLookKey] = useState(0);

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
    }).catch(e => {
      if (stopped) return;
      if (attempt < 3) timer = setTimeout(() => look(attempt + 1), 1500);
      else setCatalogueDown(problemText(e, 'load this tier'));
    });
    setCatalogueDown(undefined);
    look(1);
    return () => { stopped = true; clearTimeout(timer); };
  }, [tierId, lookKey]);

  // the last attempt of this browser for this tier: a booking in flight is shown, never a blank form
  useEffect(() => {
    if (!attempt0) return;
    if (attempt0.bookingId) {
      const id = attempt0.bookingId;
      api.booking(id).then(b => {
        if (b.status === 'PENDING') goToBooking(id);
        else if (b.status === 'CONFIRMED') setResume({ kind: 'booked', booking: b });
        else { attempts.forget(tierId); setResume({ kind: 'none' }); } // cancelled or expired: nothing to warn about
      }).catch(() => goToBooking(id)); // the booking screen says what it can (sign in, try again)
    } else {
      setResume({ kind: 'resending', attempt: attempt0 });
    }
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  // an attempt whose answer never arrived is sent again with its own key: the server answers the first one again
  useEffect(() => {
    if (resume.kind !== 'resending' || !found) return;
    const a = resume.attempt;
    withRetry(() => api.book(a.key, found.tier, a.email, a.quantity))
      .then(b => { attempts.set({ ...a, bookingId: b.id }); goToBooking(b.id); })
      .catch(e => {
        if (e instanceof ApiError) { // refused (sold out, price changed…): nothing was booked, the form says why
          attempts.forget(tierId);
          setProblem(problemText(e, 'book your tickets'));
          setResume({ kind: 'none' });
        } else {
          setResume({ kind: 'unsent', attempt: a, message: problemText(e, 'finish your booking') });
        }
      });
  }, [resume, found]); // eslint-disable-line react-hooks/exhaustive-deps

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
    if (!looksLikeEmail(email)) { setEmailError(EMAIL_HINT); emailInput.current?.focus(); return; }
    setBusy('book');
    setProblem(undefined);
    setEmailError(undefined);
    localStorage.setItem('email', email.trim());
    // kept before it is sent: a reload before the answer sends it again with this key instead of showing a blank form
    const attempt: Attempt = { key: attemptKey, tierId, email: email.trim(), quantity, at: new Date().toISOString() };
    attempts.set(attempt);
    try {
      const booked = await withRetry(() => api.book(attemptKey, found.tier, attempt.email, quantity));
      attempts.set({ ...attempt, bookingId: booked.id });
      setBooking(booked);
      goToBooking(booked.id);
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : undefined;
      if (p) attempts.forget(tierId); // refused: nothing was booked
      if (p?.type.endsWith('/sold-out')) setTold(p.availableQuantity ?? 0);
      if (p?.errors?.some(e => e.field.toLowerCase().includes('email'))) { setEmailError(EMAIL_HINT); emailInput.current?.focus(); }
      setProblem(problemText(error, 'book your tickets'));
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

  if (resume.kind === 'checking' || resume.kind === 'resending' || (booking && !problem)) {
    return <p role="status">Finishing your booking…</p>;
  }
  if (resume.kind === 'unsent') {
    return (
      <section aria-labelledby="resume-title">
        <ScreenHeading id="resume-title">Your booking is not finished yet</ScreenHeading>
        <p className="error" role="alert">{resume.message}</p>
        <p>Trying again is safe: it finishes this same booking ({ticketCount(resume.attempt.quantity)} for {resume.attempt.email}) and
          never books or charges twice.</p>
        <button type="button" onClick={() => setResume({ kind: 'resending', attempt: resume.attempt })}>Try again</button>
      </section>
    );
  }
  if (!found) {
    if (unknown) {
      return (
        <section aria-labelledby="tier-title">
          <ScreenHeading id="tier-title">This tier is not on sale</ScreenHeading>
          <p>The link may be old, or the show has been taken off sale. <a href="#/">See the shows on sale</a></p>
        </section>
      );
    }
    if (catalogueDown) {
      return (
        <section aria-labelledby="tier-title">
          <ScreenHeading id="tier-title">The tickets could not be loaded</ScreenHeading>
          <p className="error" role="alert">{catalogueDown}</p>
          <button type="button" onClick={() => setLookKey(k => k + 1)}>Try again</button>
        </section>
      );
    }
    return <p role="status">Loading the tickets…</p>;
  }
  const { tier, concert } = found;
  if (stored) {
    return <WaitlistEntryView key={stored.entryId} tierId={tierId} stored={stored} initial={joined} timeZone={concert.timeZone}
      onRestart={() => { setStored(undefined); setJoined(undefined); changeOrder(() => undefined); }} />;
  }

  const soldOut = available === 0;
  // the public cannot buy that many: the waitlist is offered beside (or, sold out, instead of) booking
  const waitlist = available !== undefined && quantity > available;
  return (
    <form ref={form} noValidate onSubmit={(e: FormEvent) => { e.preventDefault(); if (soldOut) join(); else book(); }} aria-labelledby="tier-title">
      <ScreenHeading id="tier-title">{concert.name} — {tier.name}</ScreenHeading>
      <p>{venueTime(concert.date, concert.timeZone)} · {concert.location}</p>
      <p>{money(tier.price, tier.currency)} per ticket</p>
      {resume.kind === 'booked' && (
        <p className="notice" role="status" data-testid="booked-before">
          You booked {ticketCount(resume.booking.quantity)} for this tier in this browser already, and that booking
          is {statusWords(resume.booking.status).label.toLowerCase()}. <a href={`#/bookings/${resume.booking.id}`}>See that booking</a>.
          A new booking here is for more tickets.</p>
      )}
      {waitlist && (
        <p data-testid="waitlist-hint">
          {soldOut ? <strong className="soldout">Sold out. </strong> : <strong>Only {available} left. </strong>}
          Join the waitlist: when tickets come back, they are offered to the waitlist first, in the order people joined,
          and we e-mail you a link to claim them.
        </p>
      )}
      <div className="field">
        <label htmlFor="booking-email">E-mail</label>
        <input id="booking-email" ref={emailInput} type="email" required value={email} autoComplete="email"
          aria-invalid={emailError ? true : undefined} aria-describedby={emailError ? 'booking-email-error' : undefined}
          onChange={e => { setEmailError(undefined); changeOrder(() => setEmail(e.target.value)); }} />
        {emailError && <span className="field-error" id="booking-email-error">{emailError}</span>}
      </div>
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
