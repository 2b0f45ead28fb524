import { FormEvent, useEffect, useState } from 'react';
import { api, ApiError, Booking, Concert, money, Tier, withRetry } from './api';
import { BookingView } from './BookingView';

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
    // followed and cancellable with the booking's own access token, kept by api.book
    return <BookingView bookingId={booking.id}
      initial={{ ...booking, concertName: booking.concertName ?? concert.name, tierName: booking.tierName ?? tier.name,
        concertDate: booking.concertDate ?? concert.date }} />;
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
