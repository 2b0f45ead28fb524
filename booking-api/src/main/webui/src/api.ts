// Thin client for the booking API (same origin) and the analytics projector (its URL comes from /api/ui-config).

export type Tier = {
  id: string; concertId: string; name: string; price: number; currency: string;
  totalQuantity: number; availableQuantity: number;
};
export type Concert = { id: string; name: string; description: string; location: string; date: string; ticketTiers: Tier[] };
export type Booking = {
  id: string; ticketTierId: string; concertId: string; userEmail: string; quantity: number; totalPrice: number;
  currency: string; status: 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED'; createdAt: string; holdExpiresAt: string;
};
export type Problem = { type: string; title: string; status: number; detail?: string; availableQuantity?: number;
  errors?: { field: string; message: string }[] };

export class ApiError extends Error {
  constructor(public problem: Problem) { super(problem.detail ?? problem.title); }
}

/**
 * The access token the API gave with a booking, kept per e-mail in this browser: reading, listing and
 * cancelling bookings need it (Authorization: Bearer). It belongs to the e-mail, so any booking gives it.
 */
export const accessTokens = {
  key: (email: string) => `accessToken:${email.trim().toLowerCase()}`,
  get: (email: string) => localStorage.getItem(accessTokens.key(email)) ?? undefined,
  set: (email: string, token: string) => localStorage.setItem(accessTokens.key(email), token),
};

const bearer = (token: string | undefined): HeadersInit => (token ? { Authorization: `Bearer ${token}` } : {});

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new ApiError(body.title ? body : { type: 'about:blank', title: response.statusText, status: response.status });
  }
  return body as T;
}

export const api = {
  concerts: () => call<{ concerts: Concert[] }>('/api/concerts').then(r => r.concerts),
  booking: (id: string, email: string) =>
    call<{ booking: Booking }>(`/api/bookings/${id}`, { headers: bearer(accessTokens.get(email)) }).then(r => r.booking),
  bookingsOf: (email: string) =>
    call<{ bookings: Booking[] }>(`/api/bookings?email=${encodeURIComponent(email)}&size=50`,
      { headers: bearer(accessTokens.get(email)) }).then(r => r.bookings),
  cancel: (id: string, email: string) =>
    call<{ booking: Booking }>(`/api/bookings/${id}/cancel`, { method: 'POST', headers: bearer(accessTokens.get(email)) })
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
      accessTokens.set(r.booking.userEmail, r.accessToken);
      return r.booking;
    }),
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
