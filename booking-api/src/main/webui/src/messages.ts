// What a buyer is told when a call fails: plain words that say what to do next, never the API's developer
// wording ("userEmail: must be a well-formed email address") nor a bare HTTP status. Pure (messages.test.ts).

import { ApiError, Problem } from './api';

const name = (p: Problem) => p.type.substring(p.type.lastIndexOf('/') + 1);

export const EMAIL_HINT = 'Enter an e-mail address like name@example.com.';

/** Whether an address looks like one a mail can go to (the server has the last word). */
export const looksLikeEmail = (email: string) => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email.trim());

/** One sentence per field the API refused, in words; the field names are the API's. */
export function fieldSentence(field: string, message = ''): string {
  const f = field.toLowerCase();
  if (f.includes('email')) return EMAIL_HINT;
  if (f.includes('quantity')) return 'Choose from 1 to 10 tickets.';
  if (f.includes('price') || f.includes('currency')) return 'The price has changed since the page was loaded. Reload the page and try again.';
  if (f.includes('tier')) return 'This tier is not on sale any more. Go back to the shows and choose again.';
  return message ? 'Some details are not right. Check them and try again.' : 'Check the details and try again.';
}

/**
 * The sentence for a failed call; `doing` completes "We could not …" ("book your tickets", "cancel this booking").
 * A failure without an answer (offline, DNS, a dropped connection) is told apart from a refusal.
 */
export function problemText(error: unknown, doing = 'do that'): string {
  if (!(error instanceof ApiError)) {
    return `We could not reach the booking service, so we could not ${doing}. Check your connection and try again.`;
  }
  const p = error.problem;
  switch (name(p)) {
    case 'invalid-request': {
      const sentences = Array.from(new Set((p.errors ?? []).map(e => fieldSentence(e.field, e.message))));
      return sentences.length ? sentences.join(' ') : 'Some details are not right. Check them and try again.';
    }
    case 'sold-out':
      return p.availableQuantity ? `Only ${p.availableQuantity} left — choose fewer tickets, or join the waitlist.`
        : 'Sold out — no tickets left in this tier. You can join the waitlist.';
    case 'rate-limited': case 'too-many-requests': return 'Too many attempts in a short time. Wait a minute, then try again.';
    case 'sales-not-open': return 'Sales for this show have not opened yet. Come back when they open.';
    case 'sales-closed': return 'Sales for this show have closed, so it cannot be booked any more.';
    case 'concert-cancelled': return 'This show was cancelled, so it cannot be booked. Paid bookings are refunded.';
    case 'cancellation-closed':
      return 'Bookings cannot be cancelled in the last 24 hours before the show. Your tickets stay valid.';
    case 'not-cancellable': case 'booking-not-cancellable':
      return 'This booking cannot be cancelled any more. Reload the page to see its latest state.';
    case 'price-mismatch': return 'The price has changed since the page was loaded. Reload the page, check the total and try again.';
    case 'idempotency-key-reused': return 'This attempt was already sent with other details. Send it again.';
    case 'sign-in-link-invalid':
      return 'This sign-in link has been used already or has expired (links work once, for 15 minutes). Ask for a new one below.';
  }
  if (p.status === 401) return 'Your sign-in has ended. Ask for a new sign-in link below.';
  if (p.status === 403) return 'This page is not open to you. Sign in with the link we e-mailed you.';
  if (p.status === 404) return `We could not find that. Check the link, or go back to the shows.`;
  if (p.status === 409) return `We could not ${doing}: it changed meanwhile. Reload the page and try again.`;
  if (p.status === 502 || p.status === 503 || p.status === 504) {
    return 'We could not reach the booking service; try again in a moment.';
  }
  if (p.status >= 500) return `Something went wrong on our side, so we could not ${doing}. Try again in a moment.`;
  return `We could not ${doing}. Check the details and try again.`;
}
