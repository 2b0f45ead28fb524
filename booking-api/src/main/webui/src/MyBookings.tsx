import { FormEvent, useEffect, useState } from 'react';
import { api, ApiError, Booking, bookingTokens, Concert, concertInfo, money, session, Session } from './api';
import { BookingView, CANCELLABLE, problemText, SignInLinkForm } from './BookingView';
import { statusWords, ticketCount, venueTime } from './format';
import { ScreenHeading } from './screen';

/**
 * "My bookings". Signed in (with the mailed link, on any device): every booking of the e-mail. Not signed in:
 * the bookings this browser made (it holds their tokens, so no sign-in is needed for them) and the sign-in link
 * for the others, with the e-mail filled in when this browser knows it.
 */
export function MyBookings({ notice }: { notice?: string }) {
  const [current, setCurrent] = useState<Session | undefined>(() => session.get());
  const [email, setEmail] = useState(localStorage.getItem('email') ?? '');
  const [bookings, setBookings] = useState<Booking[]>();
  const [requested, setRequested] = useState<string>();
  const [error, setError] = useState<string | undefined>(notice);
  const [loadFailed, setLoadFailed] = useState<string>();

  async function load(s = current) {
    setLoadFailed(undefined);
    try {
      if (s) {
        setBookings(await api.myBookings());
      } else {
        // this browser's own bookings, each read with its token; one that cannot be read any more is left out
        const own = await Promise.all(bookingTokens.ids().map(id => api.booking(id).catch(e => {
          if (e instanceof ApiError && e.problem.status < 500) return undefined;
          throw e;
        })));
        setBookings(own.filter((b): b is Booking => !!b).sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
      }
    } catch (err) {
      if (err instanceof ApiError && err.problem.status === 401) {
        session.clear(); setCurrent(undefined);
        setError('Your sign-in has ended (it lasts 24 hours). Ask for a new link below.');
        load(undefined);
      } else {
        setLoadFailed(problemText(err, 'load your bookings'));
      }
    }
  }
  useEffect(() => { load(); }, [current]); // eslint-disable-line react-hooks/exhaustive-deps

  async function requestLink(e: FormEvent) {
    e.preventDefault();
    const address = email.trim();
    localStorage.setItem('email', address);
    setError(undefined);
    try {
      await api.requestSignIn(address);
      setRequested(address);
    } catch (err) { setRequested(undefined); setError(problemText(err, 'send the sign-in link')); }
  }
  async function signOut(everywhere: boolean) {
    try { await api.signOut(everywhere); setError(undefined); } catch (err) { setError(problemText(err, 'sign you out everywhere')); }
    setCurrent(undefined); setBookings(undefined); setRequested(undefined);
  }

  return (
    <section aria-labelledby="my-bookings-title">
      <ScreenHeading id="my-bookings-title">My bookings</ScreenHeading>
      {current ? (
        <div className="row spread">
          <p style={{ margin: 0 }} data-testid="signed-in-as">Signed in as <strong>{current.email}</strong></p>
          <div className="row" style={{ margin: 0 }}>
            <button type="button" className="secondary" onClick={() => signOut(false)}>Sign out</button>
            <button type="button" className="secondary" onClick={() => signOut(true)}>Sign out everywhere</button>
          </div>
        </div>
      ) : (
        <div className="panel">
          <p style={{ marginTop: 0 }}>{bookingTokens.ids().length > 0
            ? 'These are the bookings made in this browser. To see every booking of your e-mail, on this or any device, get a sign-in link:'
            : 'We e-mail you a sign-in link; it shows all the bookings of your e-mail, on any device.'}</p>
          <SignInLinkForm email={email} setEmail={setEmail} onSubmit={requestLink} />
          {requested && <p role="status" data-testid="sign-in-requested">Check your inbox: if {requested} has bookings, a sign-in
            link is on its way. It works once, for 15 minutes.</p>}
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {loadFailed && <div><p className="error" role="alert">{loadFailed}</p>
        <button type="button" onClick={() => load()}>Try again</button></div>}
      {!loadFailed && bookings === undefined && <p role="status">Loading your bookings…</p>}
      {bookings && bookings.length === 0 && (current || bookingTokens.ids().length > 0) &&
        <p data-testid="no-bookings">No bookings yet{current ? ` for ${current.email}` : ' in this browser'}. <a href="#/">See the shows</a></p>}
      {bookings && bookings.length > 0 && (
        <ul className="bookings" aria-label="Bookings" data-testid="bookings">
          {bookings.map(b => <BookingRow key={b.id} booking={b} />)}
        </ul>
      )}
    </section>
  );
}

/** One booking: show, tier, the venue's date, tickets, total, the state in words; cancel on its own page (it asks first). */
function BookingRow({ booking: b }: { booking: Booking }) {
  const [venue, setVenue] = useState<Concert>();
  useEffect(() => { concertInfo(b.concertId).then(setVenue); }, [b.concertId]);
  return (
    <li className="booking-row" data-testid="booking-row">
      <a href={`#/bookings/${b.id}`}><strong>{b.concertName ?? 'Booking'}</strong></a>
      <span>{b.tierName}{b.concertDate ? ` · ${venueTime(b.concertDate, venue?.timeZone)}` : ''}</span>
      {venue?.location && <span className="left">{venue.location}</span>}
      <span>{ticketCount(b.quantity)} · {money(b.totalPrice, b.currency)}</span>
      <span className={`status ${b.status}`}>{statusWords(b.status).label}</span>
      {CANCELLABLE.includes(b.status) && <span className="hint">Open it to cancel.</span>}
    </li>
  );
}

/** A one-time link token is exchanged once, even if the page mounts the route twice. */
const exchanges = new Map<string, Promise<Session>>();

/**
 * {@code #/sign-in/<linkToken>} (the link in the sign-in mail): the token leaves the address bar at
 * once, is exchanged for a session, and the e-mail's bookings are shown.
 */
export function SignIn({ linkToken }: { linkToken: string }) {
  const [state, setState] = useState<{ done: boolean; problem?: string }>({ done: false });
  useEffect(() => {
    history.replaceState(null, '', '#/bookings');
    if (!exchanges.has(linkToken)) exchanges.set(linkToken, api.signIn(linkToken));
    exchanges.get(linkToken)!
      .then(s => { localStorage.setItem('email', s.email); setState({ done: true }); })
      .catch(err => setState({ done: true, problem: problemText(err, 'sign you in') }));
  }, [linkToken]);
  if (!state.done) return <p role="status">Signing you in…</p>;
  return <MyBookings notice={state.problem} />;
}

/**
 * {@code #/bookings/<id>/<token>} (the link in the confirmation mail) and {@code #/bookings/<id>} (after booking,
 * a reload, a bookmark): this browser keeps the booking's token, the address bar drops it, and the booking is shown.
 */
export function ManageBooking({ bookingId, token }: { bookingId: string; token?: string }) {
  // before the first render's effects, so BookingView already reads with the token
  useState(() => {
    if (token) {
      bookingTokens.set(bookingId, token);
      history.replaceState(null, '', `#/bookings/${bookingId}`);
    }
    return true;
  });
  return <BookingView bookingId={bookingId} focusHeading />;
}
