import { useEffect, useState } from 'react';
import { api, dashboard, Dashboard, money, organizerSignIn } from './api';
import { OrganizerSignInForm } from './OrganizerSignIn';
import { bucketName } from './format';

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
  // '' = the concerts' own zone, chosen by the projector
  const [zone, setZone] = useState('');
  const [data, setData] = useState<Dashboard>();
  const [error, setError] = useState<string>();
  useEffect(() => { api.uiConfig().then(c => setBase(c.analyticsUrl)).catch(() => undefined); }, []);

  async function load(u = user, p = password, b = base) {
    try {
      setData(await dashboard(b, u, p, period, zone)); setError(undefined);
      setUser(u); setPassword(p); organizerSignIn.set(u, p);
    } catch (err) { setError((err as Error).message); setData(undefined); }
  }
  // signed in on the organizer screens already: straight to the figures
  useEffect(() => { if (base && !data && organizerSignIn.get()) load(); }, [base]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { if (data) load(); }, [period, zone]); // eslint-disable-line react-hooks/exhaustive-deps
  // signed in: refresh every 5 s, so sales show up while the organizer watches
  const signedIn = data !== undefined;
  useEffect(() => {
    if (!signedIn) return;
    const timer = setInterval(() => dashboard(base, user, password, period, zone).then(setData).catch(() => undefined), 5000);
    return () => clearInterval(timer);
  }, [signedIn, base, user, password, period, zone]);

  if (!data) {
    return <OrganizerSignInForm title="Sales dashboard" error={error} check={(u, p) => load(u, p)} />;
  }
  const currency = 'USD';
  const waitlists = (data as Dashboard & { waitlistByTier?: TierWaitlist[] }).waitlistByTier ?? [];
  return (
    <section aria-label="Sales dashboard" className="dash">
      <h2>Sales</h2>
      <p><a href="#/organizer">Your concerts</a></p>
      <div className="cards">
        <div className="card">Revenue<strong data-testid="revenue">{money(data.summary.totalRevenue, currency)}</strong></div>
        <div className="card">Tickets sold<strong data-testid="tickets">{count(data.summary.totalTicketsSold)}</strong></div>
      </div>
      <div className="dash-controls">
        <label>Period
          <select value={period} onChange={e => setPeriod(e.target.value)}>
            <option value="hour">Hour</option><option value="day">Day</option><option value="week">Week</option>
          </select>
        </label>
        <label>Days on the clocks of
          <select value={zone} onChange={e => setZone(e.target.value)} data-testid="dashboard-zone">
            <option value="">The venue (each concert's own zone)</option>
            {ZONES.map(z => <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>)}
          </select>
        </label>
      </div>
      <h3>Sales over time</h3>
      <p className="left" data-testid="dashboard-zone-shown">{zoneSentence(data.zone, zone)}</p>
      <Bars label="Revenue over time" currency={currency} items={data.salesOverTime.map(s => ({
        name: bucketName(s.localStart ?? s.date, period), value: s.revenue, detail: `${count(s.tickets)} ${s.tickets === 1 ? "ticket" : "tickets"}` }))} />
      <h3>Revenue by tier</h3>
      <Bars label="Revenue by tier" currency={currency} items={data.revenueByTier.map(t => ({
        name: t.tierName, value: t.revenue, detail: `${t.percentage}%` }))} />
      <table>
        <thead><tr><th>Show</th><th>Tier</th><th>Revenue</th><th>Share</th></tr></thead>
        <tbody>{data.revenueByTier.map(t => (
          <tr key={t.concertName + t.tierName}><td>{t.concertName}</td><td>{t.tierName}</td><td className="num">{money(t.revenue, currency)}</td><td>{t.percentage}%</td></tr>
        ))}</tbody>
      </table>
      <h3>Waitlists</h3>
      {waitlists.length === 0 ? <p className="left">No waitlists yet.</p> : (
        <table aria-label="Waitlists">
          <thead><tr><th>Show</th><th>Tier</th><th>Waiting</th><th>Offers → bookings</th><th>Expired</th></tr></thead>
          <tbody>{waitlists.map(t => (
            <tr key={t.ticketTierId} data-testid="waitlist-tier">
              <td>{t.concertName}</td><td>{t.tierName}</td>
              <td className="num" data-testid="waitlist-waiting">{count(t.waitlist.waiting)}</td>
              <td className="num">{count(t.waitlist.offersMade)} → {count(t.waitlist.offersClaimed)}{t.waitlist.claimRate === null ? '' : ` (${t.waitlist.claimRate}%)`}</td>
              <td className="num">{count(t.waitlist.offersExpired)}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

/** Every IANA zone the browser knows, for the zone choice (a short list of the common ones where it cannot say). */
const ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try { if (intl.supportedValuesOf) return intl.supportedValuesOf('timeZone'); } catch { /* older browsers */ }
  return ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles',
    'Asia/Tokyo', 'Australia/Sydney'];
})();

const COUNT = new Intl.NumberFormat('en-US');
/** Whole numbers with thousands separators: 12,345. */
function count(n: number) {
  return COUNT.format(n);
}

/** Which zone the days are on, in words: the projector says which one it used. */
function zoneSentence(used: string | undefined, chosen: string) {
  const zone = (used ?? chosen) || 'UTC';
  const shown = zone.replace(/_/g, ' ');
  if (chosen) return `Days on ${shown} clocks.`;
  return zone === 'UTC' ? 'Days in UTC (the concerts have no one venue zone; choose a zone above).'
    : `Days on the venue's clocks: ${shown}.`;
}

/**
 * A horizontal bar chart in HTML: the label on a line of its own above its bar, the amount after the bar, all
 * in the page's own text size, so that on a phone nothing shrinks below legible and no label runs into a bar.
 * Also a list for screen readers (each row says its name and amount).
 */
function Bars({ items, label, currency }: { items: { name: string; value: number; detail?: string }[]; label: string; currency: string }) {
  if (items.length === 0) return <p className="left">No confirmed sales yet.</p>;
  const max = Math.max(...items.map(i => i.value), 1);
  return (
    <ul className="bars" aria-label={label}>
      {items.map((item, i) => (
        <li key={item.name + i} data-testid="bar">
          <span className="bar-name" data-testid="bar-name">{item.name}</span>
          <span className="bar-row">
            <span className="bar" style={{ width: `${Math.max(1, (item.value / max) * 60)}%` }} aria-hidden="true" />
            <span className="bar-value">{money(item.value, currency)}{item.detail ? <span className="left"> · {item.detail}</span> : null}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
