import { useEffect, useState } from 'react';
import { api, dashboard, Dashboard, money, organizerSignIn } from './api';
import { OrganizerSignInForm } from './OrganizerSignIn';

/** A tier's waitlist on the dashboard (docs/analytics.md, "waitlistByTier"); absent from older projectors. */
type TierWaitlist = {
  concertId: string; concertName: string; ticketTierId: string; tierName: string;
  waitlist: { waiting: number; offersMade: number; offersClaimed: number; offersExpired: number; claimRate: number | null };
};

export function DashboardPage() {
  const [base, setBase] = useState('');
  const [user, setUser] = useState(organizerSignIn.get()?.user ?? '');
  const [password, setPassword] = useState(organizerSignIn.get()?.password ?? '');
  const [period, setPeriod] = useState('day');
  const [data, setData] = useState<Dashboard>();
  const [error, setError] = useState<string>();
  useEffect(() => { api.uiConfig().then(c => setBase(c.analyticsUrl)).catch(() => undefined); }, []);

  async function load(u = user, p = password, b = base) {
    try {
      setData(await dashboard(b, u, p, period)); setError(undefined);
      setUser(u); setPassword(p); organizerSignIn.set(u, p);
    } catch (err) { setError((err as Error).message); setData(undefined); }
  }
  // signed in on the organizer screens already: straight to the figures
  useEffect(() => { if (base && !data && organizerSignIn.get()) load(); }, [base]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { if (data) load(); }, [period]); // eslint-disable-line react-hooks/exhaustive-deps
  // signed in: refresh every 5 s, so sales show up while the organizer watches
  const signedIn = data !== undefined;
  useEffect(() => {
    if (!signedIn) return;
    const timer = setInterval(() => dashboard(base, user, password, period).then(setData).catch(() => undefined), 5000);
    return () => clearInterval(timer);
  }, [signedIn, base, user, password, period]);

  if (!data) {
    return <OrganizerSignInForm title="Sales dashboard" error={error} check={(u, p) => load(u, p)} />;
  }
  const currency = 'USD';
  const waitlists = (data as Dashboard & { waitlistByTier?: TierWaitlist[] }).waitlistByTier ?? [];
  return (
    <section aria-label="Sales dashboard">
      <h2>Sales</h2>
      <p><a href="#/organizer">Your concerts</a></p>
      <div className="cards">
        <div className="card">Revenue<strong data-testid="revenue">{money(data.summary.totalRevenue, currency)}</strong></div>
        <div className="card">Tickets sold<strong data-testid="tickets">{data.summary.totalTicketsSold}</strong></div>
      </div>
      <label style={{ maxWidth: 200 }}>Period
        <select value={period} onChange={e => setPeriod(e.target.value)}>
          <option value="hour">Hour</option><option value="day">Day</option><option value="week">Week</option>
        </select>
      </label>
      <h3>Sales over time</h3>
      <Bars label="Revenue over time" items={data.salesOverTime.map(s => ({
        name: new Date(s.date).toLocaleString(undefined, period === 'hour' ? { hour: '2-digit', day: '2-digit', month: 'short' } : { day: '2-digit', month: 'short' }),
        value: s.revenue }))} />
      <h3>Revenue by tier</h3>
      <Bars label="Revenue by tier" items={data.revenueByTier.map(t => ({ name: `${t.tierName} (${t.percentage}%)`, value: t.revenue }))} />
      <table>
        <thead><tr><th>Show</th><th>Tier</th><th>Revenue</th><th>Share</th></tr></thead>
        <tbody>{data.revenueByTier.map(t => (
          <tr key={t.concertName + t.tierName}><td>{t.concertName}</td><td>{t.tierName}</td><td>{money(t.revenue, currency)}</td><td>{t.percentage}%</td></tr>
        ))}</tbody>
      </table>
      <h3>Waitlists</h3>
      {waitlists.length === 0 ? <p className="left">No waitlists yet.</p> : (
        <table aria-label="Waitlists">
          <thead><tr><th>Show</th><th>Tier</th><th>Waiting</th><th>Offers → bookings</th><th>Expired</th></tr></thead>
          <tbody>{waitlists.map(t => (
            <tr key={t.ticketTierId} data-testid="waitlist-tier">
              <td>{t.concertName}</td><td>{t.tierName}</td>
              <td data-testid="waitlist-waiting">{t.waitlist.waiting}</td>
              <td>{t.waitlist.offersMade} → {t.waitlist.offersClaimed}{t.waitlist.claimRate === null ? '' : ` (${t.waitlist.claimRate}%)`}</td>
              <td>{t.waitlist.offersExpired}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

/** A small horizontal bar chart in SVG: no chart library for two charts. */
function Bars({ items, label }: { items: { name: string; value: number }[]; label: string }) {
  if (items.length === 0) return <p className="left">No confirmed sales yet.</p>;
  const max = Math.max(...items.map(i => i.value), 1);
  const row = 26;
  return (
    <svg role="img" aria-label={label} width="100%" height={items.length * row + 4} viewBox={`0 0 600 ${items.length * row + 4}`}>
      {items.map((item, i) => (
        <g key={item.name + i} transform={`translate(0, ${i * row})`}>
          <text x="0" y="17">{item.name}</text>
          <rect x="200" y="4" height="18" rx="4" width={Math.max(2, (item.value / max) * 300)} fill="var(--accent)" />
          <text x={210 + (item.value / max) * 300} y="17">{money(item.value, 'USD')}</text>
        </g>
      ))}
    </svg>
  );
}
