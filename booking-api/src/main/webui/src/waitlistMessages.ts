import { ApiError, Problem, problemName } from './api';

/** How many the public can buy, as a tickets-available problem says it (`available`, or `availableQuantity` as sold-out does). */
export const availableOf = (p: Problem): number | undefined => p.available ?? p.availableQuantity;

/** Problems every waitlist call may meet, in words a buyer understands; undefined when the call has its own. */
function common(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return 'The server could not be reached. Check the connection and try again.';
  const p = error.problem;
  switch (problemName(p)) {
    case 'rate-limited': case 'too-many-requests': return 'Too many attempts. Wait a moment, then try again.';
    case 'concert-cancelled': return 'This concert was cancelled.';
    case 'sales-not-open': return 'Sales for this concert have not opened yet.';
    case 'sales-closed': return 'Sales for this concert have closed.';
  }
  return undefined;
}

/** Why joining the waitlist did not work. */
export function joinProblem(error: unknown): string {
  const known = common(error);
  if (known) return known;
  const p = (error as ApiError).problem;
  switch (problemName(p)) {
    case 'tickets-available': {
      const left = availableOf(p);
      return left ? `Tickets are available: book them now (${left} left).` : 'Tickets are available: book them now.';
    }
    case 'already-waitlisted':
      return 'This e-mail is already on the waitlist for this tier. We will e-mail you when tickets come back for you.';
    case 'invalid-request': {
      const fields = (p.errors ?? []).map(e => e.field);
      if (fields.some(f => f.toLowerCase().includes('email'))) return 'Enter a valid e-mail address, such as name@example.com.';
      if (fields.includes('quantity')) return 'Choose from 1 to 10 tickets.';
      return 'Some details are not right. Check the e-mail and the number of tickets, then try again.';
    }
    case 'not-found': return 'This tier is not on sale any more.';
    case 'idempotency-key-reused': return 'This attempt was already sent with other details. Send it again.';
  }
  return p.status >= 500
    ? 'The waitlist is not available just now, and you have not been added. Try again in a moment.'
    : 'You could not be added to the waitlist. Check the details and try again.';
}

/** Why leaving or reading an entry did not work. */
export function entryProblem(error: unknown, doing: string): string {
  const known = common(error);
  if (known) return known;
  const p = (error as ApiError).problem;
  return p.status >= 500 ? `We could not ${doing} just now. Try again in a moment.` : `We could not ${doing}. Try again.`;
}
