// Thin client for the booking API (same origin) and the analytics projector (its URL comes from /api/ui-config).

export type Tier = {
  id: string; concertId: string; name: string; price: number; currency: string;
  totalQuantity: number; availableQuantity: number;
};
export type Concert = { id: string; name: string; description: string; location: string; date: string;
  timeZone?: string; salesOpenAt?: string | null; salesCloseAt?: string | null; ticketTiers: Tier[] };
export type Booking = {
  id: string; ticketTierId: string; concertId: string; userEmail: string; quantity: number; totalPrice: number;
  currency: string; status: 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED'; createdAt: string; holdExpiresAt: string;
  concertName?: string; tierName?: string; concertDate?: string;
};
export type Problem = { type: string; title: string; status: number; detail?: string; availableQuantity?: number;
  available?: number; bookingId?: string; minimumTotal?: number; errors?: { field: string; message: string }[] };
export type Session = { sessionToken: string; email: string; expiresAt: string };

export class ApiError extends Error {
  constructor(public problem: Problem) { super(problem.detail ?? problem.title); }
}

/**
 * The access token the API gave with a booking (or the confirmation mail's link), kept per booking in
 * this browser: it reads, follows and cancels that booking only.
 */
export const bookingTokens = {
  key: (bookingId: string) => `bookingToken:${bookingId}`,
  get: (bookingId: string) => localStorage.getItem(bookingTokens.key(bookingId)) ?? undefined,
  set: (bookingId: string, token: string) => localStorage.setItem(bookingTokens.key(bookingId), token),
  /** Every booking this browser holds a token for (newest first is up to the caller). */
  ids: (): string[] => Object.keys(localStorage).filter(k => k.startsWith('bookingToken:')).map(k => k.substring('bookingToken:'.length)),
};

/**
 * A booking attempt of this browser, kept per tier from the moment before it is sent: a reload, a closed tab or a
 * lost answer finds it again. Without a booking id yet (the answer never arrived), the page sends it once more with
 * the same idempotency key and gets the same booking back; with one, it shows that booking instead of a blank form.
 */
export type Attempt = { key: string; tierId: string; email: string; quantity: number; bookingId?: string; at: string };
export const attempts = {
  key: (tierId: string) => `bookingAttempt:${tierId}`,
  get(tierId: string): Attempt | undefined {
    try {
      const stored = localStorage.getItem(attempts.key(tierId));
      return stored ? (JSON.parse(stored) as Attempt) : undefined;
    } catch { return undefined; }
  },
  set: (a: Attempt) => localStorage.setItem(attempts.key(a.tierId), JSON.stringify(a)),
  forget: (tierId: string) => localStorage.removeItem(attempts.key(tierId)),
};

/** The session a sign-in link opened: it lists and manages every booking of its e-mail until it expires. */
export const session = {
  get(): Session | undefined {
    const stored = localStorage.getItem('session');
    if (!stored) return undefined;
    const s = JSON.parse(stored) as Session;
    if (new Date(s.expiresAt).getTime() <= Date.now()) { localStorage.removeItem('session'); return undefined; }
    return s;
  },
  set: (s: Session) => localStorage.setItem('session', JSON.stringify(s)),
  clear: () => localStorage.removeItem('session'),
};

const bearer = (token: string | undefined): HeadersInit => (token ? { Authorization: `Bearer ${token}` } : {});
/** A booking is read with its own token if this browser has it, else with the session. */
const tokenFor = (bookingId: string) => bookingTokens.get(bookingId) ?? session.get()?.sessionToken;
const json = (body: unknown): RequestInit => ({
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body;
  try { body = text ? JSON.parse(text) : {}; } catch { body = {}; }
  if (!response.ok) {
    throw new ApiError(body.title ? body : { type: 'about:blank', title: response.statusText, status: response.status });
  }
  return body as T;
}

export type WaitlistStatus = 'WAITING' | 'OFFERED' | 'CLAIMED' | 'EXPIRED' | 'LEFT' | 'CLOSED';
export type WaitlistEntry = {
  id: string; ticketTierId: string; concertId: string; concertName: string; tierName: string; quantity: number;
  status: WaitlistStatus; position: number | null; joinedAt: string; offerExpiresAt: string | null; bookingId: string | null;
};
export type WaitlistOffer = {
  entryId: string; concertId: string; concertName: string; concertDate: string; location: string; timeZone: string;
  ticketTierId: string; tierName: string; quantity: number; unitPrice: number; totalPrice: number; currency: string;
  status: WaitlistStatus; expiresAt: string | null; bookingId: string | null;
};

/** The last part of a problem's type ("…/problems/sold-out" → "sold-out"). */
export const problemName = (p: Problem | undefined) => (p ? p.type.substring(p.type.lastIndexOf('/') + 1) : undefined);

/**
 * The waitlist entries this browser joined, one per tier: the entry's id and its access token (it reads the
 * entry's place and leaves the list, nothing else), and the e-mail the offer will go to.
 */
export type StoredEntry = { entryId: string; accessToken: string; email: string };
export const waitlistEntries = {
  key: (tierId: string) => `waitlist:${tierId}`,
  get(tierId: string): StoredEntry | undefined {
    try {
      const stored = localStorage.getItem(waitlistEntries.key(tierId));
      return stored ? (JSON.parse(stored) as StoredEntry) : undefined;
    } catch { return undefined; }
  },
  set: (tierId: string, entry: StoredEntry) => localStorage.setItem(waitlistEntries.key(tierId), JSON.stringify(entry)),
  forget: (tierId: string) => localStorage.removeItem(waitlistEntries.key(tierId)),
};

/**
 * An offer's claim link token (from the offer mail), kept per entry so the address bar can drop it, and the
 * claim's idempotency key, kept before the claim is sent: a reload or a second click after a lost answer claims
 * with the same key and gets the same booking back instead of "claimed already".
 */
export const offerTokens = {
  get: (entryId: string) => localStorage.getItem(`waitlistOffer:${entryId}`) ?? undefined,
  set: (entryId: string, token: string) => localStorage.setItem(`waitlistOffer:${entryId}`, token),
  claimKey(entryId: string): string {
    const key = `waitlistClaimKey:${entryId}`;
    const known = localStorage.getItem(key);
    if (known) return known;
    const fresh = crypto.randomUUID();
    localStorage.setItem(key, fresh);
    return fresh;
  },
  /** After a claim the server refused with a different body in mind (a new price): the next claim is a new attempt. */
  renewClaimKey: (entryId: string) => localStorage.removeItem(`waitlistClaimKey:${entryId}`),
};

/** Where and in which zone a concert takes place (bookings name the show, not the venue): read once per page. */
let catalogue: Promise<Concert[]> | undefined;
export function concertInfo(concertId: string): Promise<Concert | undefined> {
  catalogue ??= api.concerts().catch(e => { catalogue = undefined; throw e; });
  return catalogue.then(cs => cs.find(c => c.id === concertId)).catch(() => undefined);
}

export const api = {
  concerts: () => call<{ concerts: Concert[] }>('/api/concerts').then(r => r.concerts),
  booking: (id: string) =>
    call<{ booking: Booking }>(`/api/bookings/${id}`, { headers: bearer(tokenFor(id)) }).then(r => r.booking),
  /** Whether this browser can read the booking at all (its own token, or a session). */
  canRead: (id: string) => !!tokenFor(id),
  cancel: (id: string) =>
    call<{ booking: Booking }>(`/api/bookings/${id}/cancel`, { method: 'POST', headers: bearer(tokenFor(id)) })
      .then(r => r.booking),
  /** One idempotency key per attempt: a retry (double click, network) reuses it and can never book twice. */
  book: (key: string, tier: Tier, email: string, quantity: number) =>
    call<{ booking: Booking; accessToken: string }>('/api/bookings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({
        ticketTierId: tier.id, userEmail: email, quantity,
        totalPrice: Math.round(tier.price * quantity * 100) / 100, currency: tier.currency,
      }),
    }).then(r => {
      bookingTokens.set(r.booking.id, r.accessToken);
      return r.booking;
    }),
  /** Always accepted (the answer never says whether the address has bookings): the link goes by mail. */
  requestSignIn: (email: string) => call<{ status: string; detail: string }>('/api/access-links', json({ email })),
  signIn: (linkToken: string) => call<Session>('/api/sessions', json({ linkToken })).then(s => { session.set(s); return s; }),
  myBookings: () =>
    call<{ bookings: Booking[] }>('/api/bookings?size=50', { headers: bearer(session.get()?.sessionToken) }).then(r => r.bookings),
  /** Signed out here (or everywhere: every session of the e-mail); forgotten by this browser whatever the answer. */
  signOut: async (everywhere: boolean) => {
    try {
      await call<void>(everywhere ? '/api/sessions' : '/api/sessions/current',
        { method: 'DELETE', headers: bearer(session.get()?.sessionToken) });
    } finally {
      session.clear();
    }
  },
  uiConfig: () => call<{ analyticsUrl: string }>('/api/ui-config'),

  /** One idempotency key per attempt, as for bookings: a retry of the same attempt joins once. */
  joinWaitlist: (key: string, tierId: string, email: string, quantity: number) =>
    call<{ entry: WaitlistEntry; accessToken: string }>('/api/waitlist', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ ticketTierId: tierId, userEmail: email, quantity }),
    }).then(r => {
      waitlistEntries.set(tierId, { entryId: r.entry.id, accessToken: r.accessToken, email });
      return r.entry;
    }),
  waitlistEntry: (entryId: string, token: string) =>
    call<{ entry: WaitlistEntry }>(`/api/waitlist/${entryId}`, { headers: bearer(token) }).then(r => r.entry),
  leaveWaitlist: (entryId: string, token: string) =>
    call<{ entry: WaitlistEntry }>(`/api/waitlist/${entryId}`, { method: 'DELETE', headers: bearer(token) }).then(r => r.entry),
  offer: (token: string) =>
    call<{ offer: WaitlistOffer }>(`/api/waitlist/offers/${encodeURIComponent(token)}`).then(r => r.offer),
  /** Books through the normal booking path: the answer is a booking's 201, its access token kept like api.book's. */
  claimOffer: (key: string, token: string, offer: WaitlistOffer) =>
    call<{ booking: Booking; accessToken: string }>(`/api/waitlist/offers/${encodeURIComponent(token)}/claim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ totalPrice: offer.totalPrice, currency: offer.currency }),
    }).then(r => {
      bookingTokens.set(r.booking.id, r.accessToken);
      return r.booking;
    }),
};

/** Network failures are retried with the same idempotency key: the server answers the first attempt again. */
export async function withRetry<T>(send: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await send();
    } catch (e) {
      if (e instanceof ApiError || i >= attempts) throw e;
      await new Promise(r => setTimeout(r, 500 * i));
    }
  }
}

/**
 * The organizer signed in on this page (HTTP Basic in the local stack), kept in memory only: it is shared by
 * the organizer screens and the sales dashboard while the page is open, and gone on reload.
 */
let organizerCredentials: { user: string; password: string } | undefined;
export const organizerSignIn = {
  get: () => organizerCredentials,
  set: (user: string, password: string) => { organizerCredentials = { user, password }; },
  clear: () => { organizerCredentials = undefined; },
  header: (): HeadersInit => organizerCredentials
    ? { Authorization: 'Basic ' + btoa(`${organizerCredentials.user}:${organizerCredentials.password}`) } : {},
};

export type OrganizerTier = Tier & { soldQuantity: number; heldQuantity: number; offeredQuantity: number; waitlisted: number };
export type ConcertStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
export type OrganizerConcert = Omit<Concert, 'ticketTiers'> & {
  timeZone: string; status: ConcertStatus; ticketTiers: OrganizerTier[];
};
export type NewTier = { name: string; price: number; currency: string; totalQuantity: number };
export type NewConcert = {
  name: string; description?: string; location: string; timeZone: string; date: string;
  salesOpenAt?: string; salesCloseAt?: string; ticketTiers: NewTier[];
};
export type ConcertChanges = Partial<{ name: string; description: string | null; location: string; timeZone: string;
  date: string; salesOpenAt: string | null; salesCloseAt: string | null }>;

/**
 * The organizer API with the signed-in organizer's Basic credentials. credentials: 'omit' keeps the browser
 * from answering the 401's Basic challenge with its own password prompt: the page's form asks instead.
 */
function organizerCall<T>(path: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return call<T>(path, {
    method, credentials: 'omit',
    headers: { ...organizerSignIn.header(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const organizerApi = {
  whoami: () => organizerCall<{ organizer: string }>('/api/organizer/whoami'),
  concerts: () => organizerCall<{ concerts: OrganizerConcert[] }>('/api/organizer/concerts').then(r => r.concerts),
  /** One idempotency key per attempt: a retry of the same attempt can never create the concert twice. */
  create: (key: string, concert: NewConcert) =>
    organizerCall<{ concert: OrganizerConcert }>('/api/organizer/concerts', 'POST', concert, { 'Idempotency-Key': key })
      .then(r => r.concert),
  change: (id: string, changes: ConcertChanges) =>
    organizerCall<{ concert: OrganizerConcert }>(`/api/organizer/concerts/${id}`, 'PATCH', changes).then(r => r.concert),
  addTier: (concertId: string, tier: NewTier) =>
    organizerCall<{ ticketTier: OrganizerTier }>(`/api/organizer/concerts/${concertId}/tiers`, 'POST', tier).then(r => r.ticketTier),
  changeTier: (tierId: string, changes: { price?: number; totalQuantity?: number }) =>
    organizerCall<{ ticketTier: OrganizerTier }>(`/api/organizer/tiers/${tierId}`, 'PATCH', changes).then(r => r.ticketTier),
  publish: (id: string) =>
    organizerCall<{ concert: OrganizerConcert }>(`/api/organizer/concerts/${id}/publish`, 'POST').then(r => r.concert),
  cancel: (id: string) =>
    organizerCall<{ concert: OrganizerConcert }>(`/api/organizer/concerts/${id}/cancel`, 'POST').then(r => r.concert),
};

/**
 * `zone`: the IANA zone the buckets are on (the one asked for, else the concerts' own, else UTC; older
 * projectors leave it out); `localStart`: a bucket's start on that zone's clocks.
 */
export type Dashboard = {
  summary: { totalRevenue: number; totalTicketsSold: number };
  salesOverTime: { date: string; localStart?: string; revenue: number; tickets: number }[];
  revenueByTier: { tierName: string; concertName: string; revenue: number; percentage: number }[];
  zone?: string;
};

/** `zone` empty: the projector picks the concerts' own zone. */
export async function dashboard(baseUrl: string, user: string, password: string, period: string,
                                zone = ''): Promise<Dashboard> {
  const query = `period=${encodeURIComponent(period)}${zone ? `&zone=${encodeURIComponent(zone)}` : ''}`;
  return call<Dashboard>(`${baseUrl}/api/analytics/dashboard?${query}`, {
    headers: { Authorization: 'Basic ' + btoa(`${user}:${password}`) },
  });
}

export function money(amount: number, currency: string) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
}
