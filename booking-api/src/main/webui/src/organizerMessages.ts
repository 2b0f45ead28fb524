import { ApiError } from './api';

/**
 * The organizer API's problems (problem+json: a `type` ending in a name, and `errors[].field` such as
 * "ticketTiers[0].price") as sentences a person understands, each under the field it is about. The API's
 * own messages are for developers ("must not be null"): they only pick which sentence applies here.
 */
export type Messages = { fields: Record<string, string>; general?: string };

const problemName = (type: string) => type.substring(type.lastIndexOf('/') + 1);

function sentence(field: string, message: string): string {
  const m = message.toLowerCase();
  const leaf = field.replace(/^ticketTiers\[\d+\]\./, 'tier.');
  switch (leaf) {
    case 'name': return m.includes('size') ? 'The name can be at most 200 characters.' : 'Give the concert a name.';
    case 'description': return 'The description can be at most 5,000 characters.';
    case 'location': return m.includes('size') ? 'The place can be at most 200 characters.' : 'Say where the concert takes place.';
    case 'timeZone': return 'Choose a time zone from the list.';
    case 'date': return m.includes('future') ? 'The show must be in the future.' : 'Enter the date and time of the show.';
    case 'salesOpenAt':
      return m.includes('salescloseat') ? 'The sales must open before they close.'
        : m.includes('date') ? 'The sales must open before the show starts.' : 'Enter a valid date and time for the start of sales.';
    case 'salesCloseAt':
      return m.includes('date') && !m.includes('valid') ? 'The sales must close before the show starts.'
        : 'Enter a valid date and time for the end of sales.';
    case 'ticketTiers':
      return m.includes('unique') ? 'Two tiers have the same name: give each tier a name of its own.'
        : 'A concert needs at least one tier (and at most 50).';
    case 'tier.name': return m.includes('size') ? 'The tier name can be at most 100 characters.' : 'Give the tier a name.';
    case 'tier.price': case 'price':
      return m.includes('decimal') ? 'A price has at most two decimals (cents).'
        : m.includes('greater') ? 'A price cannot be negative.' : 'Enter a price, such as 39.90.';
    case 'tier.currency': case 'currency': return 'Enter a three-letter currency code, such as EUR or USD.';
    case 'tier.totalQuantity': case 'totalQuantity':
      return m.includes('less') ? 'A tier can have at most 1,000,000 tickets.'
        : m.includes('greater') ? 'The number of tickets cannot be negative.' : 'Enter the number of tickets.';
    default: return 'Please check this value.';
  }
}

/** The sentences for a failed organizer call; `quantityField` names the field a capacity problem goes under. */
export function explain(error: unknown, quantityField = 'totalQuantity'): Messages {
  if (!(error instanceof ApiError)) {
    return { fields: {}, general: 'The server could not be reached. Check the connection and try again.' };
  }
  const p = error.problem;
  switch (problemName(p.type)) {
    case 'invalid-request': {
      const fields: Record<string, string> = {};
      for (const e of p.errors ?? []) fields[e.field] ??= sentence(e.field, e.message);
      return { fields, general: 'Some details need a change: see the messages next to the fields.' };
    }
    case 'capacity-below-sold':
      return { fields: { [quantityField]:
        `You cannot lower the tickets below the ${p.minimumTotal} already sold or held.` } };
    case 'tier-name-taken': return { fields: { name: 'This concert already has a tier with this name.' } };
    case 'concert-cancelled': return { fields: {}, general: 'This concert was cancelled: it cannot be changed or published any more.' };
    case 'concert-started': return { fields: {}, general: 'This concert has already started: it cannot be published any more.' };
    case 'idempotency-key-reused':
      return { fields: {}, general: 'This attempt was already sent with other details. Send the form again.' };
    case 'not-found': return { fields: {}, general: 'This concert no longer exists, or it belongs to another organizer.' };
    case 'unauthorized': return { fields: {}, general: 'The user name or the password is not right.' };
    case 'forbidden': return { fields: {}, general: 'This account is not an organizer account.' };
    case 'rate-limited': case 'too-many-requests':
      return { fields: {}, general: 'Too many attempts. Wait a moment, then try again.' };
    default:
      return { fields: {}, general: p.status >= 500 ? 'Something went wrong on our side; nothing was changed. Try again in a moment.'
        : 'The change was not accepted. Check the details and try again.' };
  }
}
