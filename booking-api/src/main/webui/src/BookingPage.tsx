import { FormEvent, useEffect, useState } from 'react';
import { api, ApiError, Booking, Concert, money, Tier } from './api';

const FINAL = ['CONFIRMED', 'CANCELLED', 'EXPIRED'];

export function BookingPage({ tierId }: { tierId: string }) {
  const [found, setFound] = useState<{ tier: Tier; concert: Concert }>();
  const [email, setEmail] = useState(localStorage.getItem('email') ?? '');
  const [quantity, setQuantity] = useState(1);
  // One key per attempt: kept while the same order is retried, renewed when the order changes.
  const [attemptKey, setAttemptKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [booking, setBooking] = useState<Booking>();

  useEffect(() => {
    api.concerts().then(concerts => {
      for (const concert of concerts) {
        const tier = concert.ticketTiers.find(t => t.id === tierId);
        if (tier) setFound({ tier, concert });
      }
    });
  }, [tierId]);

  // follow the booking until payment settles it
  useEffect(() => {
    if (!booking || FINAL.includes(booking.status)) return;
    const timer = setInterval(() => api.booking(booking.id, booking.userEmail).then(setBooking).catch(() => undefined), 1000);
    return () => clearInterval(timer);
  }, [booking]);

  const changeOrder = (apply: () => void) => { apply(); setAttemptKey(crypto.randomUUID()); setProblem(undefined); };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!found || busy) return;
    setBusy(true);
    setProblem(undefined);
    localStorage.setItem('email', email);
    try {
      setBooking(await withRetry(() => api.book(attemptKey, found.tier, email, quantity)));
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : undefined;
      if (p?.type.endsWith('/sold-out')) {
        setProblem(p.availableQuantity ? `Only ${p.availableQuantity} left — choose fewer tickets.` : 'Sold out — no tickets left in this tier.');
      } else if (p?.errors?.length) {
        setProblem(p.errors.map(err => `${err.field}: ${err.message}`).join('; '));
      } else {
        setProblem(p?.detail ?? 'Could not book, please try again.');
      }
    } finally {
      setBusy(false);
    }
  }

  if (!found) return <p>Loading…</p>;
  const { tier, concert } = found;
  if (booking) {
    return (
      <section aria-label="Your booking">
        <h2>{concert.name} — {tier.name}</h2>
        <p className={`status ${booking.status}`} role="status" data-testid="booking-status">{booking.status}</p>
        <p>{booking.quantity} ticket(s), {money(booking.totalPrice, booking.currency)}, for {booking.userEmail}</p>
        {booking.status === 'PENDING' && <p>Your tickets are held until {new Date(booking.holdExpiresAt).toLocaleTimeString()} while we take the payment…</p>}
        {booking.status === 'CONFIRMED' && <p>Paid. Your tickets are on their way to your inbox.</p>}
        {booking.status === 'CANCELLED' && <p>The payment did not go through; the tickets went back on sale.</p>}
        {booking.status === 'EXPIRED' && <p>No payment arrived in time; the tickets went back on sale.</p>}
        <a href="#/bookings">See all my bookings</a>
      </section>
    );
  }
  return (
    <form onSubmit={submit} aria-label="Book tickets">
      <h2>{concert.name} — {tier.name}</h2>
      <p>{money(tier.price, tier.currency)} per ticket</p>
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
      <button type="submit" disabled={busy}>{busy ? 'Booking…' : 'Pay and book'}</button>
    </form>
  );
}

/** Network failures are retried with the same idempotency key: the server answers the first attempt again. */
async function withRetry<T>(send: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await send();
    } catch (e) {
      if (e instanceof ApiError || i >= attempts) throw e;
      await new Promise(r => setTimeout(r, 500 * i));
    }
  }
}
