import { FormEvent, useEffect, useRef, useState } from 'react';
import { api, ApiError, Booking, Concert, concertInfo, money } from './api';
import { cancelConsequence, settled, statusWords, ticketCount, venueClock, venueTime } from './format';
import { problemText as explain } from './messages';
import { ScreenHeading } from './screen';

export const FINAL = ['CONFIRMED', 'CANCELLED', 'EXPIRED'];
export const CANCELLABLE = ['PENDING', 'CONFIRMED'];

/** What to tell the buyer about a failed call, in plain words (messages.ts). */
export function problemText(error: unknown, doing = 'do that') {
  return explain(error, doing);
}

export function showName(b: Booking) {
  return [b.concertName, b.tierName].filter(Boolean).join(' — ');
}

type Failure = { kind: 'no-access' } | { kind: 'not-found' } | { kind: 'error'; message: string };

/**
 * One booking, followed until payment settles it, with a cancel button (asking first) while it can be cancelled.
 * It is read with this browser's token for it or with a sign-in session; without either (another device), the
 * page offers the sign-in link instead of an error.
 */
export function BookingView({ bookingId, initial, focusHeading = false }: {
  bookingId: string; initial?: Booking;
  /** the view replaces another screen (a claimed offer, a reload): its heading takes the focus */
  focusHeading?: boolean;
}) {
  const [booking, setBooking] = useState<Booking | undefined>(initial);
  const [venue, setVenue] = useState<Concert>();
  const [failure, setFailure] = useState<Failure | undefined>(
    () => (!initial && !api.canRead(bookingId) ? { kind: 'no-access' } : undefined));
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const dialog = useRef<HTMLDialogElement>(null);
  // a newer view of the booking keeps the show's names if it came without them
  const update = (next: Booking) => setBooking(prev => ({
    ...next, concertName: next.concertName ?? prev?.concertName, tierName: next.tierName ?? prev?.tierName,
    concertDate: next.concertDate ?? prev?.concertDate,
  }));

  const load = () => api.booking(bookingId).then(b => { update(b); setFailure(undefined); }).catch(e => {
    if (e instanceof ApiError && (e.problem.status === 401 || e.problem.status === 403)) setFailure({ kind: 'no-access' });
    else if (e instanceof ApiError && e.problem.status === 404) setFailure({ kind: 'not-found' });
    else setFailure({ kind: 'error', message: explain(e, 'load this booking') });
  });
  useEffect(() => {
    if (!initial && api.canRead(bookingId)) load();
  }, [bookingId]); // eslint-disable-line react-hooks/exhaustive-deps

  const concertId = booking?.concertId;
  useEffect(() => { if (concertId) concertInfo(concertId).then(setVenue); }, [concertId]);

  // follow the booking until payment settles it (not while the tab is hidden)
  const pending = booking !== undefined && !settled(booking.status);
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (!document.hidden) api.booking(bookingId).then(update).catch(() => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [pending, bookingId]);

  async function cancel() {
    dialog.current?.close();
    if (!booking || busy) return;
    setBusy(true);
    setProblem(undefined);
    try { update(await api.cancel(booking.id)); setFocusKey(k => k + 1); }
    catch (e) { setProblem(explain(e, 'cancel this booking')); }
    finally { setBusy(false); }
  }

  if (!booking) {
    if (failure?.kind === 'no-access') return <NoAccess />;
    if (failure?.kind === 'not-found') {
      return (
        <section aria-labelledby="booking-title">
          <ScreenHeading id="booking-title">We could not find this booking</ScreenHeading>
          <p>The link may be incomplete: open the link in your confirmation e-mail again, or see all your bookings.</p>
          <p><a href="#/bookings">My bookings</a> · <a href="#/">See the shows</a></p>
        </section>
      );
    }
    if (failure?.kind === 'error') {
      return (
        <section aria-labelledby="booking-title">
          <ScreenHeading id="booking-title">Your booking could not be loaded</ScreenHeading>
          <p className="error" role="alert">{failure.message}</p>
          <p>Your booking is not affected by this: it is kept on our side.</p>
          <button type="button" onClick={() => { setFailure(undefined); load(); }}>Try again</button>
        </section>
      );
    }
    return <p role="status">Loading your booking…</p>;
  }

  const words = statusWords(booking.status);
  const total = money(booking.totalPrice, booking.currency);
  const zone = venue?.timeZone;
  const title = showName(booking) || 'Your booking';
  return (
    <section aria-labelledby="booking-title" data-testid="booking">
      {focusHeading || focusKey > 0
        ? <ScreenHeading key={focusKey} id="booking-title">{title}</ScreenHeading>
        : <h2 id="booking-title">{title}</h2>}
      <div className="status-box" role="status">
        <p className={`status ${booking.status}`} data-testid="booking-status">{words.label}</p>
        <p>{words.meaning}
          {booking.status === 'PENDING' && booking.holdExpiresAt && ` They are held until ${venueClock(booking.holdExpiresAt, zone)}.`}
        </p>
      </div>
      <dl className="facts">
        {booking.concertDate && <><dt>Date</dt><dd data-testid="booking-date">{venueTime(booking.concertDate, zone)}</dd></>}
        {venue?.location && <><dt>Venue</dt><dd>{venue.location}</dd></>}
        <dt>Tickets</dt><dd>{ticketCount(booking.quantity)}</dd>
        <dt>Total</dt><dd>{total}</dd>
        <dt>E-mail</dt><dd>{booking.userEmail}</dd>
      </dl>
      {problem && <p className="error" role="alert">{problem}</p>}
      {CANCELLABLE.includes(booking.status) && (
        <div className="row">
          <button type="button" className="danger" onClick={() => dialog.current?.showModal()} disabled={busy}>
            {busy ? 'Cancelling…' : 'Cancel booking…'}</button>
        </div>
      )}
      <p><a href="#/bookings">See all my bookings</a> · <a href="#/">See the shows</a></p>
      <dialog ref={dialog} aria-labelledby="cancel-title" aria-describedby="cancel-what" data-testid="cancel-dialog">
        <h3 id="cancel-title">Cancel this booking?</h3>
        <p id="cancel-what">{cancelConsequence(booking.status, total)} This cannot be undone.</p>
        <div className="row">
          <button type="button" onClick={() => dialog.current?.close()}>Keep my booking</button>
          <button type="button" className="danger" onClick={cancel}>
            {booking.status === 'CONFIRMED' ? `Yes, cancel and refund ${total}` : 'Yes, cancel and release the tickets'}</button>
        </div>
      </dialog>
    </section>
  );
}

/**
 * A booking this browser holds no token for (made on another device, or the storage was cleared): not a dead end,
 * the sign-in link opens every booking of the e-mail on this device too.
 */
function NoAccess() {
  const [email, setEmail] = useState(localStorage.getItem('email') ?? '');
  const [sent, setSent] = useState<string>();
  const [problem, setProblem] = useState<string>();
  async function send(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    try { await api.requestSignIn(email.trim()); localStorage.setItem('email', email.trim()); setSent(email.trim()); }
    catch (err) { setProblem(explain(err, 'send the sign-in link')); }
  }
  return (
    <section aria-labelledby="booking-title">
      <ScreenHeading id="booking-title">Sign in to see this booking</ScreenHeading>
      <p>This booking was made in another browser or on another device. Open the link in its confirmation e-mail, or
        get a sign-in link by e-mail: it shows all your bookings here.</p>
      <SignInLinkForm email={email} setEmail={setEmail} onSubmit={send} />
      {sent && <p role="status" data-testid="sign-in-requested">Check your inbox: if {sent} has bookings, a sign-in link is on its way (it works once, for 15 minutes).</p>}
      {problem && <p className="error" role="alert">{problem}</p>}
    </section>
  );
}

export function SignInLinkForm({ email, setEmail, onSubmit }: {
  email: string; setEmail: (e: string) => void; onSubmit: (e: FormEvent) => void;
}) {
  return (
    <form onSubmit={onSubmit} className="row" aria-label="Get a sign-in link" style={{ alignItems: 'end' }}>
      <label style={{ margin: 0, flex: '1 1 14rem' }}>E-mail
        <input type="email" required value={email} onChange={e => setEmail(e.target.value)} autoComplete="email" />
      </label>
      <button type="submit">Email me a sign-in link</button>
    </form>
  );
}
