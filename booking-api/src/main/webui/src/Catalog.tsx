import { useEffect, useState } from 'react';
import { api, Concert, money } from './api';
import { useLiveAvailability } from './live';
import { showTime } from './zoned';

export function Catalog() {
  const [concerts, setConcerts] = useState<Concert[]>([]);
  const [error, setError] = useState<string>();
  const live = useLiveAvailability();
  useEffect(() => { api.concerts().then(setConcerts).catch(e => setError(e.message)); }, []);

  if (error) return <p className="error" role="alert">{error}</p>;
  return (
    <section aria-label="Shows">
      {concerts.map(concert => (
        <article key={concert.id} className="concert" aria-label={concert.name}>
          <h2>{concert.name}</h2>
          <p>{concert.location} · {showTime(concert.date, concert.timeZone)}</p>
          {concert.salesOpenAt && new Date(concert.salesOpenAt).getTime() > Date.now() &&
            <p className="left">Sales open {showTime(concert.salesOpenAt, concert.timeZone)}</p>}
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
                  <a href={`#/book/${tier.id}`}><button disabled={available === 0} aria-label={`Book ${tier.name} for ${concert.name}`}>Book</button></a>
                </div>
              );
            })}
          </div>
        </article>
      ))}
    </section>
  );
}
