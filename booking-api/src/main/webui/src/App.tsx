import { useEffect, useState } from 'react';
import { BookingPage } from './BookingPage';
import { Catalog } from './Catalog';
import { DashboardPage } from './DashboardPage';
import { ManageBooking, MyBookings, SignIn } from './MyBookings';
import { OrganizerPage } from './OrganizerPage';
import { ScreenHeading } from './screen';
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

/** A link the page does not know (mistyped, cut short by a mail program, or from an older version of the page). */
function NotFound() {
  return (
    <section aria-labelledby="not-found-title">
      <ScreenHeading id="not-found-title">This page does not exist</ScreenHeading>
      <p>The link may be mistyped or cut short. If it came in one of our e-mails, open it again from the e-mail, or
        copy the whole link into the address bar.</p>
      <p><a href="#/">See the shows</a> · <a href="#/bookings">My bookings</a></p>
    </section>
  );
}

export function App() {
  const [page, param, ...rest] = useRoute();
  const known = page === 'book' ? !!param : page === 'sign-in' ? !!param : page === 'waitlist' ? param === 'offers' && !!rest[0]
    : ['', 'bookings', 'dashboard', 'organizer'].includes(page);
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
          : !known ? <NotFound />
          : page === 'dashboard' ? <DashboardPage />
          : page === 'organizer' ? <OrganizerPage />
          : !page ? <Catalog />
          : <NotFound />}
      </main>
    </>
  );
}
