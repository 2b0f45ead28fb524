import { useEffect, useState } from 'react';
import { BookingPage } from './BookingPage';
import { Catalog } from './Catalog';
import { DashboardPage } from './DashboardPage';
import { MyBookings } from './MyBookings';

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
  const [page, param] = useRoute();
  return (
    <>
      <header>
        <h1><a href="#/">Concert Tickets</a></h1>
        <nav aria-label="Main" style={{ display: 'flex', gap: '1rem' }}>
          <a href="#/">Shows</a>
          <a href="#/bookings">My bookings</a>
          <a href="#/dashboard">Organizers</a>
        </nav>
      </header>
      <main>
        {page === 'book' && param ? <BookingPage tierId={param} />
          : page === 'bookings' ? <MyBookings />
          : page === 'dashboard' ? <DashboardPage />
          : <Catalog />}
      </main>
    </>
  );
}
