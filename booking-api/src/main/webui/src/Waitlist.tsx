import { useEffect, useState } from 'react';
import {
  api, ApiError, bookingTokens, money, offerTokens, problemName, session, StoredEntry, waitlistEntries, WaitlistEntry,
  WaitlistOffer, WaitlistStatus, withRetry, Booking,
} from './api';
import { BookingView } from './BookingView';
import { clock, ScreenHeading, tickets, useNow } from './screen';
import { entryProblem } from './waitlistMessages';
import { showTime } from './zoned';
import { heldUntil, venueClock } from './format';

/** How often an entry's place is read again: often while it waits, seldom once the offer is in the mail. */
const POLL_MS: Partial<Record<WaitlistStatus, number>> = { WAITING: 3000, OFFERED: 10000 };

/** Whether this browser can open the booking (its own token, or a session of the e-mail). */
const canOpen = (bookingId: string | null | undefined): bookingId is string =>
  !!bookingId && (!!bookingTokens.get(bookingId) || !!session.get());

/**
 * This browser's place on a tier's waitlist: the position while it waits, followed every few seconds; the offer
 * (in the mail) once tickets came back; leave while waiting or offered; what became of it afterwards.
 */
export function WaitlistEntryView({ tierId, stored, initial, timeZone, onRestart }: {
  tierId: string; stored: StoredEntry; initial?: WaitlistEntry; timeZone?: string | null; onRestart: () => void;
}) {
  const [entry, setEntry] = useState<WaitlistEntry | undefined>(initial);
  const [gone, setGone] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  // the heading takes the focus when the screen appears and after the buyer's own action (leaving), not when a
  // poll brings news: that is read out by the status region instead
  const [focusKey, setFocusKey] = useState(0);

  const read = () => api.waitlistEntry(stored.entryId, stored.accessToken).then(e => { setEntry(e); setProblem(undefined); });
  const lost = (error: unknown) => {
    if (error instanceof ApiError && error.problem.status === 404) { waitlistEntries.forget(tierId); setGone(true); return true; }
    return false;
  };

  useEffect(() => {
    if (!initial) read().catch(e => { if (!lost(e)) setProblem(entryProblem(e, 'load your place on the waitlist')); });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // follow the entry while something can still happen to it (not while the tab is hidden)
  const every = entry ? POLL_MS[entry.status] : undefined;
  useEffect(() => {
    if (!every) return;
    const timer = setInterval(() => { if (!document.hidden) read().catch(lost); }, every);
    return () => clearInterval(timer);
  }, [every]); // eslint-disable-line react-hooks/exhaustive-deps

  async function leave() {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try { setEntry(await withRetry(() => api.leaveWaitlist(stored.entryId, stored.accessToken))); setFocusKey(k => k + 1); }
    catch (e) { if (!lost(e)) setProblem(entryProblem(e, 'take you off the waitlist')); }
    finally { setBusy(false); }
  }
  function restart() { waitlistEntries.forget(tierId); onRestart(); }

  if (gone) {
    return (
      <section aria-labelledby="waitlist-title">
        <ScreenHeading id="waitlist-title">Your place on the waitlist was not found</ScreenHeading>
        <p>This browser no longer reaches that waitlist place. If you joined with another device, the e-mail with the offer
          will still come to you.</p>
        <button type="button" onClick={onRestart}>Back to the tier</button>
      </section>
    );
  }
  if (!entry) {
    return problem
      ? <><p className="error" role="alert">{problem}</p>
          <button type="button" onClick={() => read().catch(e => { if (!lost(e)) setProblem(entryProblem(e, 'load your place on the waitlist')); })}>
            Try again</button></>
      : <p>Loading…</p>;
  }

  const { title, text } = describe(entry, stored.email, timeZone);
  const active = entry.status === 'WAITING' || entry.status === 'OFFERED';
  return (
    <section aria-labelledby="waitlist-title" data-testid="waitlist-entry">
      {/* read out when it changes: the place moving up, the offer, its end (one sentence or two, every few seconds at most) */}
      <div role="status" data-testid="waitlist-status">
        <ScreenHeading key={focusKey} id="waitlist-title">{title}</ScreenHeading>
        <p>{text}</p>
      </div>
      <p className="left">{entry.concertName} · {entry.tierName} · {tickets(entry.quantity)}</p>
      {entry.status === 'CLAIMED' && (canOpen(entry.bookingId)
        ? <p><a href={`#/bookings/${entry.bookingId}`}>See your booking</a></p>
        : <p><a href="#/bookings">See all my bookings</a></p>)}
      {problem && <p className="error" role="alert">{problem}</p>}
      <div className="row">
        {active && <button type="button" className="danger" onClick={leave} disabled={busy}>
          {busy ? 'Leaving…' : 'Leave the waitlist'}</button>}
        {!active && <button type="button" onClick={restart}>
          {entry.status === 'CLAIMED' ? 'Back to the tier' : 'Join the waitlist again'}</button>}
      </div>
    </section>
  );
}

function describe(e: WaitlistEntry, email: string, timeZone?: string | null): { title: string; text: string } {
  switch (e.status) {
    case 'WAITING':
      return {
        title: e.position ? `You are number ${e.position} on the waitlist for ${e.tierName}` : `You are on the waitlist for ${e.tierName}`,
        text: `When tickets come back they go to the waitlist first, in the order people joined. We will e-mail ${email || 'you'} `
          + 'a link to claim them, and hold them for you for a few minutes. This page follows your place.',
      };
    case 'OFFERED':
      return {
        title: `Tickets are held for you: ${e.tierName}`,
        text: `Check your e-mail${email ? ` (${email})` : ''}: the offer has a link to claim your ${tickets(e.quantity)}`
          + (e.offerExpiresAt ? ` before ${venueClock(e.offerExpiresAt, timeZone)}.` : '.')
          + ' If you do not claim them in time, they go to the next person on the waitlist.',
      };
    case 'CLAIMED':
      return { title: `You claimed your tickets for ${e.tierName}`, text: 'They are booked; the confirmation comes by e-mail.' };
    case 'EXPIRED':
      return { title: `Your offer for ${e.tierName} has ended`,
        text: 'It was not claimed in time, so the tickets went to the next person on the waitlist.' };
    case 'LEFT':
      return { title: `You left the waitlist for ${e.tierName}`, text: 'You will not get an offer for these tickets.' };
    case 'CLOSED':
      return { title: `The waitlist for ${e.tierName} is closed`,
        text: 'The concert was cancelled or its sales have ended, so no more offers will be made.' };
  }
}

type OfferScreen =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'offer'; offer: WaitlistOffer }
  | { kind: 'booked'; booking: Booking; offer: WaitlistOffer };

/**
 * {@code #/waitlist/offers/<token>} (the link in the offer mail): the offer, a countdown to the end of its window,
 * and "Claim tickets", which books them and then follows the booking as the booking page does. The link's token is
 * kept in this browser and leaves the address bar.
 */
export function WaitlistOfferPage({ param }: { param: string }) {
  // before the first render's effects, as for a booking's mailed link
  const [token] = useState<string | undefined>(() => {
    const dot = param.indexOf('.');
    if (dot < 0) return offerTokens.get(param);
    const entryId = param.substring(0, dot);
    offerTokens.set(entryId, param);
    history.replaceState(null, '', `#/waitlist/offers/${entryId}`);
    return param;
  });
  const [screen, setScreen] = useState<OfferScreen>(token ? { kind: 'loading' } : { kind: 'invalid' });

  async function load() {
    if (!token) return;
    try { setScreen({ kind: 'offer', offer: await withRetry(() => api.offer(token)) }); }
    catch (e) {
      setScreen(e instanceof ApiError && (e.problem.status === 404 || e.problem.status === 400) ? { kind: 'invalid' }
        : { kind: 'unreachable', message: entryProblem(e, 'load this offer') });
    }
  }
  useEffect(() => { load(); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  switch (screen.kind) {
    case 'loading': return <p>Loading…</p>;
    case 'invalid':
      return (
        <section aria-labelledby="offer-title">
          <ScreenHeading id="offer-title">This link is not valid</ScreenHeading>
          <p>It is not an offer link we sent, or part of it is missing. Open the link in the offer e-mail again; if your mail
            program split it over two lines, copy the whole link into the address bar.</p>
          <p><a href="#/">See the shows</a></p>
        </section>
      );
    case 'unreachable':
      return (
        <section aria-labelledby="offer-title">
          <ScreenHeading id="offer-title">The offer could not be loaded</ScreenHeading>
          <p className="error" role="alert">{screen.message}</p>
          <button type="button" onClick={() => { setScreen({ kind: 'loading' }); load(); }}>Try again</button>
        </section>
      );
    case 'booked':
      return <BookingView bookingId={screen.booking.id} focusHeading initial={{
        ...screen.booking, concertName: screen.booking.concertName ?? screen.offer.concertName,
        tierName: screen.booking.tierName ?? screen.offer.tierName, concertDate: screen.booking.concertDate ?? screen.offer.concertDate,
      }} />;
    case 'offer':
      return <Offer token={token!} offer={screen.offer} onChange={offer => setScreen({ kind: 'offer', offer })}
        onBooked={booking => setScreen({ kind: 'booked', booking, offer: screen.offer })} />;
  }
}

function Offer({ token, offer, onChange, onBooked }: {
  token: string; offer: WaitlistOffer; onChange: (o: WaitlistOffer) => void; onBooked: (b: Booking) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const now = useNow(1000);
  const left = offer.expiresAt ? new Date(offer.expiresAt).getTime() - now : 0;
  // the window closed on this clock: say so at once, and ask the server what became of the offer
  const status: WaitlistStatus = offer.status === 'OFFERED' && offer.expiresAt && left <= 0 ? 'EXPIRED' : offer.status;
  useEffect(() => {
    if (status === 'EXPIRED' && offer.status === 'OFFERED') {
      const timer = setTimeout(() => api.offer(token).then(o => { if (o.status !== 'OFFERED') onChange(o); }).catch(() => undefined), 2000);
      return () => clearTimeout(timer);
    }
  }, [status, offer.status]); // eslint-disable-line react-hooks/exhaustive-deps

  /** What the server says became of the offer after it refused the claim; `fallback` if it still shows it offered. */
  const settle = (fallback: WaitlistStatus) => api.offer(token)
    .then(o => onChange(o.status === 'OFFERED' ? { ...o, status: fallback } : o))
    .catch(() => onChange({ ...offer, status: fallback }));

  async function claim() {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    // kept before it is sent: a second click, a network retry or a reload claims with the same key, never twice
    const key = offerTokens.claimKey(offer.entryId);
    try {
      onBooked(await withRetry(() => api.claimOffer(key, token, offer)));
    } catch (e) {
      const p = e instanceof ApiError ? e.problem : undefined;
      switch (problemName(p)) {
        case 'offer-expired': await settle('EXPIRED'); break;
        case 'offer-claimed': await settle('CLAIMED'); break;
        case 'offer-withdrawn': await settle('CLOSED'); break;
        case 'price-mismatch':
          offerTokens.renewClaimKey(offer.entryId);
          setProblem('The price of these tickets has changed since the offer was made. Check the new total, then claim again.');
          await api.offer(token).then(onChange).catch(() => undefined);
          break;
        case 'not-found': setProblem('This offer is not known any more. Open the link in the offer e-mail again.'); break;
        default:
          setProblem(p && p.status < 500 && problemName(p) !== 'rate-limited'
            ? entryProblem(e, 'claim the tickets')
            : `${entryProblem(e, 'claim the tickets')}${offer.expiresAt ? ` They stay held for you ${heldUntil(offer.expiresAt, offer.timeZone)}.` : ''}`);
      }
    } finally {
      setBusy(false);
    }
  }

  const title = {
    OFFERED: `Tickets held for you: ${offer.concertName}`,
    EXPIRED: 'This offer has expired',
    CLAIMED: 'These tickets have been claimed',
    LEFT: 'This offer was withdrawn',
    CLOSED: 'This offer was withdrawn',
    WAITING: 'No offer yet',
  }[status];
  const ownBooking = status === 'CLAIMED' && canOpen(offer.bookingId) ? offer.bookingId : undefined;

  return (
    <section aria-labelledby="offer-title" data-testid="waitlist-offer">
      <ScreenHeading key={status} id="offer-title">{title}</ScreenHeading>
      <dl className="facts">
        <dt>Show</dt><dd>{offer.concertName}</dd>
        <dt>Tier</dt><dd>{offer.tierName}</dd>
        <dt>Date</dt><dd data-testid="offer-date">{showTime(offer.concertDate, offer.timeZone)}</dd>
        <dt>Venue</dt><dd>{offer.location}</dd>
        <dt>Tickets</dt><dd>{offer.quantity}</dd>
        <dt>Total</dt><dd><strong data-testid="offer-total">{money(offer.totalPrice, offer.currency)}</strong>
          {offer.quantity > 1 && <span className="left"> ({money(offer.unitPrice, offer.currency)} each)</span>}</dd>
      </dl>
      {status === 'OFFERED' && <>
        {offer.expiresAt && <Countdown left={left} expiresAt={offer.expiresAt} timeZone={offer.timeZone} />}
        <p>They are held for you alone until then. Claiming books them, and the payment is taken as for any booking.</p>
        {problem && <p className="error" role="alert">{problem}</p>}
        <button type="button" onClick={claim} disabled={busy}>{busy ? 'Claiming…' : 'Claim tickets'}</button>
      </>}
      {status === 'EXPIRED' && <>
        <p>It was not claimed in time, so the tickets went to the next person on the waitlist.</p>
        <button type="button" onClick={() => { window.location.hash = `#/book/${offer.ticketTierId}`; }}>Join the waitlist again</button>
      </>}
      {status === 'CLAIMED' && (ownBooking
        ? <><p>You claimed them: here is your booking.</p><BookingView bookingId={ownBooking} /></>
        : <p>They are booked. The confirmation, with a link to the booking, went to the e-mail the offer was sent to; you can
            also find it under <a href="#/bookings">My bookings</a>.</p>)}
      {status === 'LEFT' && <p>You left the waitlist, so the tickets went to the next person on it.</p>}
      {status === 'CLOSED' && <p>The concert was cancelled or its sales have ended, so these tickets are no longer held for you.</p>}
      {status === 'WAITING' && <p>You are still on the waitlist. We will e-mail you as soon as tickets come back for you.</p>}
    </section>
  );
}

/**
 * The time left to claim: a clock that moves every second for the eye, and a sentence for screen readers that
 * changes once a minute (a live region read out every second would drown everything else).
 */
function Countdown({ left, expiresAt, timeZone }: { left: number; expiresAt: string; timeZone: string }) {
  const minutes = Math.ceil(left / 60000);
  const spoken = left <= 60000 ? 'Less than a minute left to claim these tickets.'
    : `${minutes} minutes left to claim these tickets.`;
  return (
    <>
      <p className="countdown">
        <span>Time left to claim: </span>
        <strong role="timer" data-testid="countdown">{clock(left)}</strong>
        <span className="left" data-testid="offer-until"> ({heldUntil(expiresAt, timeZone)})</span>
      </p>
      <p className="sr-only" aria-live="polite" data-testid="countdown-spoken">{spoken}</p>
    </>
  );
}
