import { FormEvent, useState } from 'react';
import { accessTokens, api, Booking, money } from './api';

export function MyBookings() {
  const [email, setEmail] = useState(localStorage.getItem('email') ?? '');
  const [bookings, setBookings] = useState<Booking[]>();
  const [error, setError] = useState<string>();
  const [noToken, setNoToken] = useState(false);

  async function load(e?: FormEvent) {
    e?.preventDefault();
    // bookings are private to their buyer: without the token this browser got when booking, do not even ask
    if (!accessTokens.get(email)) {
      setNoToken(true); setBookings(undefined); setError(undefined);
      return;
    }
    setNoToken(false);
    try { setBookings(await api.bookingsOf(email)); setError(undefined); } catch (err) { setError((err as Error).message); }
  }
  async function cancel(id: string) {
    try { await api.cancel(id, email); } catch (err) { setError((err as Error).message); }
    await load();
  }

  return (
    <section aria-label="My bookings">
      <form onSubmit={load} style={{ display: 'flex', gap: '.5rem', alignItems: 'end', flexWrap: 'wrap' }}>
        <label>E-mail<input type="email" required value={email} onChange={e => setEmail(e.target.value)} /></label>
        <button type="submit">Show my bookings</button>
      </form>
      {noToken && <p role="status" data-testid="no-access-token">This browser holds no access key for {email}: bookings
        are shown only on the device that made them. Book with this e-mail here to see them.</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {bookings && bookings.length === 0 && <p>No bookings for this e-mail.</p>}
      {bookings && bookings.length > 0 && (
        <table>
          <thead><tr><th>Booked</th><th>Tickets</th><th>Total</th><th>Status</th><th /></tr></thead>
          <tbody>
            {bookings.map(b => (
              <tr key={b.id}>
                <td>{new Date(b.createdAt).toLocaleString()}</td>
                <td>{b.quantity}</td>
                <td>{money(b.totalPrice, b.currency)}</td>
                <td className={`status ${b.status}`} style={{ fontSize: '1rem' }}>{b.status}</td>
                <td>{(b.status === 'PENDING' || b.status === 'CONFIRMED') &&
                  <button onClick={() => cancel(b.id)} aria-label={`Cancel booking ${b.id}`}>Cancel</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
