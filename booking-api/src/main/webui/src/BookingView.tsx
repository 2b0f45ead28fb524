import { useEffect, useState } from 'react';
import { api, ApiError, Booking, money } from './api';
import { ScreenHeading } from './screen';

export const FINAL = ['CONFIRMED', 'CANCELLED', 'EXPIRED'];
export const CANCELLABLE = ['PENDING', 'CONFIRMED'];

/** What to tell the buyer about a failed call: the API's own words (problem detail) when it gave them. */
export function problemText(error: unknown, fallback = 'Something went wrong, please try again.') {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  return fallback;
}

export function showName(b: Booking) {
  return [b.concertName, b.tierName].filter(Boolean).join(' — ');
}

/** One booking, followed until payment settles it, with a cancel button while it can be cancelled. */
export function BookingView({ bookingId, initial, focusHeading = false }: {
  bookingId: string; initial?: Booking;
  /** the view replaces another screen (a claimed offer): its heading takes the focus */
  focusHeading?: boolean;
}) {
  const [booking, setBooking] = useState<Booking | undefined>(initial);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  // a newer view of the booking keeps the show's names if it came without them
  const update = (next: Booking) => setBooking(prev => ({
    ...next, concertName: next.concertName ?? prev?.concertName, tierName: next.tierName ?? prev?.tierName,
    concertDate: next.concertDate ?? prev?.concertDate,
  }));

  useEffect(() => {
    if (initial) return;
    api.booking(bookingId).then(update).catch(e => setProblem(problemText(e, 'Could not load this booking.')));
  }, [bookingId, initial]);

  // follow the booking until payment settles it
  useEffect(() => {
    if (!booking || FINAL.includes(booking.status)) return;
    const timer = setInterval(() => api.booking(booking.id).then(update).catch(() => undefined), 1000);
    return () => clearInterval(timer);
  }, [booking]);

  async function cancel() {
    if (!booking || busy) return;
    setBusy(true);
    setProblem(undefined);
    try { update(await api.cancel(booking.id)); } catch (e) { setProblem(problemText(e, 'Could not cancel, please try again.')); }
    finally { setBusy(false); }
  }

  if (!booking) return problem ? <p className="error" role="alert">{problem}</p> : <p>Loading…</p>;
  return (
    <section aria-label="Your booking">
      {showName(booking) && (focusHeading ? <ScreenHeading id="booking-title">{showName(booking)}</ScreenHeading> : <h2>{showName(booking)}</h2>)}
      {booking.concertDate && <p>{new Date(booking.concertDate).toLocaleString()}</p>}
      <p className={`status ${booking.status}`} role="status" data-testid="booking-status">{booking.status}</p>
      <p>{booking.quantity} ticket(s), {money(booking.totalPrice, booking.currency)}, for {booking.userEmail}</p>
      {booking.status === 'PENDING' && <p>Your tickets are held until {new Date(booking.holdExpiresAt).toLocaleTimeString()} while we take the payment…</p>}
      {booking.status === 'CONFIRMED' && <p>Paid. Your tickets are on their way to your inbox.</p>}
      {booking.status === 'CANCELLED' && <p>This booking is cancelled; the tickets went back on sale.</p>}
      {booking.status === 'EXPIRED' && <p>No payment arrived in time; the tickets went back on sale.</p>}
      {problem && <p className="error" role="alert">{problem}</p>}
      {CANCELLABLE.includes(booking.status) &&
        <button onClick={cancel} disabled={busy} aria-label={`Cancel booking ${booking.id}`}>{busy ? 'Cancelling…' : 'Cancel booking'}</button>}
      <p><a href="#/bookings">See all my bookings</a></p>
    </section>
  );
}
