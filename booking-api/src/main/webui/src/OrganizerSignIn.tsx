import { FormEvent, useState } from 'react';
import { organizerSignIn } from './api';

/**
 * The organizers' sign-in form, shared by the organizer screens and the sales dashboard: `check` tries the
 * credentials (each page against its own service); on success they are kept for the other page too.
 */
export function OrganizerSignInForm({ check, error, title = 'Organizers' }: {
  check: (user: string, password: string) => Promise<void>; error?: string; title?: string;
}) {
  const [user, setUser] = useState(organizerSignIn.get()?.user ?? 'organizer');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try { await check(user, password); } finally { setBusy(false); }
  }
  return (
    <form onSubmit={submit} aria-label="Organizer sign-in" style={{ maxWidth: 360 }}>
      <h2>{title}</h2>
      <label>User<input value={user} onChange={e => setUser(e.target.value)} autoComplete="username" required /></label>
      <label>Password<input type="password" value={password} onChange={e => setPassword(e.target.value)} autoComplete="current-password" required /></label>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  );
}
