import { useEffect, useState } from 'react';
import { BookingPage } from './BookingPage';
import { Catalog } from './Catalog';
import { DashboardPage } from './DashboardPage';
import { ManageBooking, MyBookings, SignIn } from './MyBookings';
import { OrganizerPage } from './OrganizerPage';
import { WaitlistOfferPage } from './Waitlist';

/** Hash routes keep the server side trivial: every page is index.html. */
function useRoute() {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('/');
}

export function App() {
  const [page, param, ...rest] = useRoute();
  return (
    <>
      <header>
        <h1><a href="#/">Concert Tickets</a></h1>
        <nav aria-label="Main" style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem' }}>
          <a href="#/">Shows</a>
          <a href="#/bookings">My bookings</a>
          <a href="#/organizer">Organizers</a>
        </nav>
      </header>
      <main>
        {page === 'book' && param ? <BookingPage tierId={param} />
          : page === 'sign-in' && param ? <SignIn key={param} linkToken={param} />
          : page === 'bookings' && param ? <ManageBooking key={param} bookingId={param} token={rest.join('/') || undefined} />
          : page === 'bookings' ? <MyBookings />
          : page === 'waitlist' && param === 'offers' && rest[0] ? <WaitlistOfferPage key={rest[0]} param={rest[0]} />
          : page === 'dashboard' ? <DashboardPage />
          : page === 'organizer' ? <OrganizerPage />
          : <Catalog />}
      </main>
    </>
  );
}
