import { useEffect, useRef, useState } from 'react';
import { api, Concert, money } from './api';
import { useLiveAvailability } from './live';
import { venueTime } from './format';
import { problemText } from './messages';

export function Catalog() {
  const [concerts, setConcerts] = useState<Concert[]>();
  const [error, setError] = useState<string>();
  const live = useLiveAvailability();
  const load = () => { setError(undefined); api.concerts().then(setConcerts).catch(e => setError(problemText(e, 'load the shows'))); };
  useEffect(load, []);
  // a change for a tier this page does not list: an organizer added a tier (or published a show) since
  // the page loaded, so read the catalogue again, once per tier it has not seen
  const askedFor = useRef(new Set<string>());
  useEffect(() => {
    if (!concerts || concerts.length === 0) return;
    const listed = new Set(concerts.flatMap(c => c.ticketTiers.map(t => t.id)));
    const unseen = Object.keys(live).filter(id => !listed.has(id) && !askedFor.current.has(id));
    if (unseen.length === 0) return;
    unseen.forEach(id => askedFor.current.add(id));
    // after the catalogue's own cache (up to a second old) has caught up with the change
    // (not cancelled when `live` changes again meanwhile: the ids are marked as asked for already)
    setTimeout(() => api.concerts().then(setConcerts).catch(() => { /* the page keeps what it shows */ }), 1500);
  }, [live, concerts]);

  if (error) {
    return (
      <section aria-labelledby="shows-title">
        <h2 id="shows-title">Shows</h2>
        <p className="error" role="alert">{error}</p>
        <button type="button" onClick={load}>Try again</button>
      </section>
    );
  }
  if (!concerts) return <p role="status">Loading the shows…</p>;
  if (concerts.length === 0) return <p data-testid="no-shows">No shows are on sale right now. Come back soon.</p>;
  return (
    <section aria-label="Shows">
      {concerts.map(concert => (
        <article key={concert.id} className="concert" aria-label={concert.name}>
          <h2>{concert.name}</h2>
          <p>{concert.location} · {venueTime(concert.date, concert.timeZone)}</p>
          {concert.salesOpenAt && new Date(concert.salesOpenAt).getTime() > Date.now() &&
            <p className="left">Sales open {venueTime(concert.salesOpenAt, concert.timeZone)}</p>}
          <p className="left">{concert.description}</p>
          <div className="tiers">
            {concert.ticketTiers.map(tier => {
              const available = live[tier.id] ?? tier.availableQuantity;
              return (
                <div key={tier.id} className="tier" data-testid={`tier-${tier.id}`}>
                  <strong>{tier.name}</strong>
                  <span>{money(tier.price, tier.currency)}</span>
                  {available > 0
                    ? <span className="left" aria-live="polite"><span data-testid="available">{available}</span> of {tier.totalQuantity} left</span>
                    : <span className="soldout" aria-live="polite">Sold out</span>}
                  {/* a button (not a button inside a link): it opens the tier's booking form, with the waitlist when sold out */}
                  <button type="button" className={available > 0 ? undefined : 'secondary'}
                    onClick={() => { window.location.hash = `#/book/${tier.id}`; }}
                    aria-label={available > 0 ? `Book ${tier.name} for ${concert.name}` : `Join the waitlist for ${tier.name} of ${concert.name}`}>
                    {available > 0 ? 'Book' : 'Join the waitlist'}</button>
                </div>
              );
            })}
          </div>
        </article>
      ))}
    </section>
  );
}
