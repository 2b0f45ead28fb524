// Thin client for the booking API (same origin) and the analytics projector (its URL comes from /api/ui-config).

export type Tier = {
  id: string; concertId: string; name: string; price: number; currency: string;
  totalQuantity: number; availableQuantity: number;
};
export type Concert = { id: string; name: string; description: string; location: string; date: string; ticketTiers: Tier[] };
export type Booking = {
  id: string; ticketTierId: string; concertId: string; userEmail: string; quantity: number; totalPrice: number;
  currency: string; status: 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED'; createdAt: string; holdExpiresAt: string;
  concertName?: string; tierName?: string; concertDate?: string;
};
export type Problem = { type: string; title: string; status: number; detail?: string; availableQuantity?: number;
  errors?: { field: string; message: string }[] };
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

export const api = {
  concerts: () => call<{ concerts: Concert[] }>('/api/concerts').then(r => r.concerts),
  booking: (id: string) =>
    call<{ booking: Booking }>(`/api/bookings/${id}`, { headers: bearer(tokenFor(id)) }).then(r => r.booking),
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
};

export type Dashboard = {
  summary: { totalRevenue: number; totalTicketsSold: number };
  salesOverTime: { date: string; revenue: number; tickets: number }[];
  revenueByTier: { tierName: string; concertName: string; revenue: number; percentage: number }[];
};

export async function dashboard(baseUrl: string, user: string, password: string, period: string): Promise<Dashboard> {
  return call<Dashboard>(`${baseUrl}/api/analytics/dashboard?period=${period}`, {
    headers: { Authorization: 'Basic ' + btoa(`${user}:${password}`) },
  });
}

export function money(amount: number, currency: string) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
}
