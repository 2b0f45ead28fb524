import { FormEvent, useEffect, useState } from 'react';
import { api, ApiError, Booking, bookingTokens, money, session, Session } from './api';
import { BookingView, CANCELLABLE, problemText, showName } from './BookingView';

/**
 * "My bookings": without a session, ask for a sign-in link by mail; with one (opened by that link),
 * list the e-mail's bookings, cancel them, sign out here or everywhere.
 */
export function MyBookings({ notice }: { notice?: string }) {
  const [current, setCurrent] = useState<Session | undefined>(() => session.get());
  const [email, setEmail] = useState(localStorage.getItem('email') ?? '');
  const [bookings, setBookings] = useState<Booking[]>();
  const [requested, setRequested] = useState<string>();
  const [error, setError] = useState<string | undefined>(notice);

  async function load() {
    try { setBookings(await api.myBookings()); setError(undefined); }
    catch (err) {
      if (err instanceof ApiError && err.problem.status === 401) {
        session.clear(); setCurrent(undefined); setBookings(undefined);
        setError('Your sign-in has ended: ask for a new link below.');
      } else {
        setError(problemText(err, 'Could not load your bookings.'));
      }
    }
  }
  useEffect(() => { if (current) load(); }, [current]); // eslint-disable-line react-hooks/exhaustive-deps

  async function requestLink(e: FormEvent) {
    e.preventDefault();
    localStorage.setItem('email', email);
    setError(undefined);
    try {
      const answer = await api.requestSignIn(email);
      setRequested(answer.detail ?? 'Check your inbox for a sign-in link.');
    } catch (err) { setRequested(undefined); setError(problemText(err)); }
  }
  async function cancel(id: string) {
    try { await api.cancel(id); } catch (err) { setError(problemText(err, 'Could not cancel, please try again.')); return; }
    await load();
  }
  async function signOut(everywhere: boolean) {
    try { await api.signOut(everywhere); setError(undefined); } catch (err) { setError(problemText(err)); }
    setCurrent(undefined); setBookings(undefined); setRequested(undefined);
  }

  if (!current) {
    return (
      <section aria-label="My bookings">
        <p>We send a sign-in link to the e-mail you booked with; it shows all your bookings on this device.</p>
        <form onSubmit={requestLink} style={{ display: 'flex', gap: '.5rem', alignItems: 'end', flexWrap: 'wrap' }}>
          <label>E-mail<input type="email" required value={email} onChange={e => setEmail(e.target.value)} autoComplete="email" /></label>
          <button type="submit">Email me a sign-in link</button>
        </form>
        {requested && <p role="status" data-testid="sign-in-requested">Check your inbox for a sign-in link. {requested}</p>}
        {error && <p className="error" role="alert">{error}</p>}
      </section>
    );
  }
  return (
    <section aria-label="My bookings">
      <div style={{ display: 'flex', gap: '.5rem', alignItems: 'center', flexWrap: 'wrap' }}>
        <p style={{ margin: '0 auto 0 0' }} data-testid="signed-in-as">Signed in as {current.email}</p>
        <button onClick={() => signOut(false)}>Sign out</button>
        <button onClick={() => signOut(true)}>Sign out everywhere</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {bookings && bookings.length === 0 && <p>No bookings for this e-mail.</p>}
      {bookings && bookings.length > 0 && (
        <div style={{ overflowX: 'auto' }}><table>
          <thead><tr><th>Show</th><th>Date</th><th>Tickets</th><th>Status</th><th /></tr></thead>
          <tbody>
            {bookings.map(b => (
              <tr key={b.id}>
                <td><a href={`#/bookings/${b.id}`}>{showName(b) || 'Booking'}</a></td>
                <td>{b.concertDate ? new Date(b.concertDate).toLocaleString() : ''}</td>
                <td>{b.quantity}, {money(b.totalPrice, b.currency)}</td>
                <td className={`status ${b.status}`} style={{ fontSize: '1rem' }}>{b.status}</td>
                <td>{CANCELLABLE.includes(b.status) &&
                  <button onClick={() => cancel(b.id)} aria-label={`Cancel booking ${b.id}`}>Cancel</button>}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
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
      .then(() => setState({ done: true }))
      .catch(err => setState({ done: true, problem: problemText(err, 'Could not sign in, please try again.') }));
  }, [linkToken]);
  if (!state.done) return <p>Signing in…</p>;
  return <MyBookings notice={state.problem} />;
}

/**
 * {@code #/bookings/<id>/<token>} (the link in the confirmation mail): this browser keeps the booking's
 * token, the address bar drops it, and the booking is shown.
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
  return <BookingView bookingId={bookingId} />;
}
