import { FormEvent, ReactNode, useEffect, useRef, useState } from 'react';
import {
  ConcertChanges, money, NewConcert, NewTier, organizerApi, OrganizerConcert, organizerSignIn, OrganizerTier, withRetry,
} from './api';
import { explain, Messages } from './organizerMessages';
import { OrganizerSignInForm } from './OrganizerSignIn';
import { browserZone, instantToZoned, showTime, timeZones, zonedToInstant } from './zoned';

/** What to say and where to put the focus once an action went through. */
type Done = (message: string, focusId: string) => void;

/** The organizer's own concerts (drafts and cancelled ones included): create, change, publish, cancel. */
export function OrganizerPage() {
  const [organizer, setOrganizer] = useState<string>();
  const [signInError, setSignInError] = useState<string>();
  const [concerts, setConcerts] = useState<OrganizerConcert[]>();
  const [loadError, setLoadError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<string>();
  const [focusId, setFocusId] = useState<string>();

  async function signIn(user: string, password: string) {
    organizerSignIn.set(user, password);
    try {
      setOrganizer((await organizerApi.whoami()).organizer);
      setSignInError(undefined);
      await reload();
    } catch (e) {
      organizerSignIn.clear();
      setSignInError(explain(e).general);
    }
  }
  // signed in on the dashboard already: no second sign-in
  useEffect(() => {
    const known = organizerSignIn.get();
    if (known) signIn(known.user, known.password);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function reload() {
    try { setConcerts(await organizerApi.concerts()); setLoadError(undefined); }
    catch (e) { setLoadError(explain(e).general); }
  }
  const done: Done = (message, id) => { setStatus(message); setFocusId(id); reload(); };
  // the focus moves once the list shows the result of the action
  useEffect(() => {
    if (!focusId) return;
    const target = document.getElementById(focusId);
    if (target) { target.focus(); setFocusId(undefined); }
  }, [concerts, focusId]);

  if (!organizer) return <OrganizerSignInForm title="Organizers" error={signInError} check={signIn} />;
  return (
    <section aria-labelledby="organizer-title">
      <div className="row spread">
        <h2 id="organizer-title">Your concerts</h2>
        <span className="left">Signed in as <strong data-testid="organizer-name">{organizer}</strong></span>
      </div>
      <div className="row">
        {!creating && <button type="button" id="new-concert" onClick={() => { setCreating(true); setStatus(undefined); }}>New concert</button>}
        <a href="#/dashboard">Sales dashboard</a>
        <button type="button" className="secondary" onClick={() => { organizerSignIn.clear(); setOrganizer(undefined); setConcerts(undefined); }}>
          Sign out</button>
      </div>
      <p role="status" data-testid="organizer-status" className="ok">{status}</p>
      {creating && <ConcertForm onClose={() => { setCreating(false); setFocusId('new-concert'); }}
        onSaved={c => { setCreating(false); done(`“${c.name}” was created as a draft. Publish it to start selling.`, headingId(c.id)); }} />}
      {loadError && <p className="error" role="alert">{loadError}</p>}
      {concerts === undefined && !loadError ? <p>Loading your concerts…</p>
        : concerts?.length === 0 ? <p className="left">You have no concerts yet. Create your first one with “New concert”.</p>
        : concerts?.map(c => <ConcertCard key={c.id} concert={c} done={done} />)}
    </section>
  );
}

const headingId = (concertId: string) => `concert-${concertId}`;
const tierButtonId = (tierId: string) => `tier-${tierId}-change`;

/**
 * Fields with their hint and error outside the label, tied to the input by aria-describedby: the accessible
 * name stays the label alone, and a screen reader reads the message with the field.
 */
function useFieldErrors(prefix: string) {
  const [messages, setMessages] = useState<Messages>({ fields: {} });
  const id = (field: string) => `${prefix}-${field.replace(/[^A-Za-z0-9]+/g, '-')}`;
  const field = (name: string, label: string, input: (props: object) => ReactNode, hint?: string) => {
    const error = messages.fields[name];
    const described = [hint && `${id(name)}-hint`, error && `${id(name)}-error`].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={id(name)}>{label}</label>
        {input({ id: id(name), 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
        {hint && <span className="hint" id={`${id(name)}-hint`}>{hint}</span>}
        {error && <span className="field-error" id={`${id(name)}-error`}>{error}</span>}
      </div>
    );
  };
  return { messages, setMessages, field, error: (name: string) => messages.fields[name] };
}

type TierDraft = { name: string; price: string; currency: string; totalQuantity: string };
const emptyTier = (): TierDraft => ({ name: '', price: '', currency: 'EUR', totalQuantity: '' });
const toTier = (t: TierDraft): NewTier => ({
  name: t.name.trim(), price: Number(t.price), currency: t.currency.trim().toUpperCase(), totalQuantity: Number(t.totalQuantity),
});

/** Create a concert with its tiers, or (with `concert`) change its details. */
function ConcertForm({ concert, onSaved, onClose }: {
  concert?: OrganizerConcert; onSaved: (c: OrganizerConcert) => void; onClose: () => void;
}) {
  const zone0 = concert?.timeZone ?? browserZone();
  const [name, setName] = useState(concert?.name ?? '');
  const [description, setDescription] = useState(concert?.description ?? '');
  const [location, setLocation] = useState(concert?.location ?? '');
  const [timeZone, setTimeZone] = useState(zone0);
  const [date, setDate] = useState(instantToZoned(concert?.date, zone0));
  const [salesOpenAt, setSalesOpenAt] = useState(instantToZoned(concert?.salesOpenAt, zone0));
  const [salesCloseAt, setSalesCloseAt] = useState(instantToZoned(concert?.salesCloseAt, zone0));
  const [tiers, setTiers] = useState<TierDraft[]>([emptyTier()]);
  // One key per attempt: kept while the same form is sent again, renewed as soon as anything in it changes.
  const [attemptKey, setAttemptKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const prefix = concert ? `edit-${concert.id}` : 'new';
  const { messages, setMessages, field, error } = useFieldErrors(prefix);
  const firstInput = useRef<HTMLInputElement>(null);
  useEffect(() => { firstInput.current?.focus(); }, []);
  const zones = timeZones();

  const edit = <T,>(set: (v: T) => void) => (v: T) => { set(v); setAttemptKey(crypto.randomUUID()); };
  const setTier = (i: number, change: Partial<TierDraft>) =>
    edit(setTiers)(tiers.map((t, j) => (j === i ? { ...t, ...change } : t)));
  const at = (local: string) => (local ? zonedToInstant(local, timeZone) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setMessages({ fields: {} });
    try {
      if (concert) {
        onSaved(await organizerApi.change(concert.id, changesOf(concert, {
          name, description, location, timeZone, date: at(date), salesOpenAt: at(salesOpenAt), salesCloseAt: at(salesCloseAt),
        })));
      } else {
        const body: NewConcert = {
          name: name.trim(), description: description.trim() || undefined, location: location.trim(), timeZone, date: at(date) ?? '',
          salesOpenAt: at(salesOpenAt), salesCloseAt: at(salesCloseAt), ticketTiers: tiers.map(toTier),
        };
        onSaved(await withRetry(() => organizerApi.create(attemptKey, body)));
      }
    } catch (err) {
      setMessages(explain(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label={concert ? `Change ${concert.name}` : 'New concert'} className="panel">
      <h3>{concert ? `Change “${concert.name}”` : 'New concert'}</h3>
      {field('name', 'Name', p => <input ref={firstInput} value={name} required maxLength={200}
        onChange={e => edit(setName)(e.target.value)} {...p} />)}
      {field('description', 'Description', p => <textarea value={description} rows={3} maxLength={5000}
        onChange={e => edit(setDescription)(e.target.value)} {...p} />)}
      {field('location', 'Place', p => <input value={location} required maxLength={200}
        onChange={e => edit(setLocation)(e.target.value)} {...p} />)}
      {field('timeZone', 'Time zone of the place', p => (
        <select value={timeZone} onChange={e => edit(setTimeZone)(e.target.value)} {...p}>
          {zones.map(z => <option key={z} value={z}>{z}</option>)}
        </select>), 'The times below are on the clocks of this zone.')}
      {field('date', `Date and time of the show (${timeZone})`, p => <input type="datetime-local" value={date} required
        onChange={e => edit(setDate)(e.target.value)} {...p} />)}
      <fieldset>
        <legend>Sales window (optional)</legend>
        {field('salesOpenAt', `Sales open (${timeZone})`, p => <input type="datetime-local" value={salesOpenAt}
          onChange={e => edit(setSalesOpenAt)(e.target.value)} {...p} />, 'Empty: when you publish the concert.')}
        {field('salesCloseAt', `Sales close (${timeZone})`, p => <input type="datetime-local" value={salesCloseAt}
          onChange={e => edit(setSalesCloseAt)(e.target.value)} {...p} />, 'Empty: when the show starts.')}
      </fieldset>
      {!concert && (
        <fieldset>
          <legend>Tiers</legend>
          {tiers.map((t, i) => (
            <TierFields key={i} n={tiers.length > 1 ? i + 1 : undefined} tier={t} onChange={c => setTier(i, c)}
              field={(f, label, input) => field(`ticketTiers[${i}].${f}`, label, input)}
              onRemove={tiers.length > 1 ? () => edit(setTiers)(tiers.filter((_, j) => j !== i)) : undefined} />
          ))}
          {error('ticketTiers') && <p className="field-error" role="alert">{error('ticketTiers')}</p>}
          <button type="button" className="secondary" onClick={() => edit(setTiers)([...tiers, emptyTier()])}>Add another tier</button>
        </fieldset>
      )}
      {messages.general && <p className="error" role="alert">{messages.general}</p>}
      <div className="row">
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : concert ? 'Save changes' : 'Create draft'}</button>
        <button type="button" className="secondary" onClick={onClose}>Close</button>
      </div>
    </form>
  );
}

/** Only what changed goes in the merge patch: an untouched date that has meanwhile passed is not sent again. */
function changesOf(c: OrganizerConcert, form: { name: string; description: string; location: string; timeZone: string;
  date?: string; salesOpenAt?: string; salesCloseAt?: string }): ConcertChanges {
  const changes: ConcertChanges = {};
  const same = (a?: string | null, b?: string | null) => (a ? new Date(a).getTime() : null) === (b ? new Date(b).getTime() : null);
  if (form.name.trim() !== c.name) changes.name = form.name.trim();
  if (form.description.trim() !== (c.description ?? '')) changes.description = form.description.trim() || null;
  if (form.location.trim() !== c.location) changes.location = form.location.trim();
  if (form.timeZone !== c.timeZone) changes.timeZone = form.timeZone;
  if (!same(form.date, c.date)) changes.date = form.date ?? '';
  if (!same(form.salesOpenAt, c.salesOpenAt)) changes.salesOpenAt = form.salesOpenAt ?? null;
  if (!same(form.salesCloseAt, c.salesCloseAt)) changes.salesCloseAt = form.salesCloseAt ?? null;
  return changes;
}

type FieldFn = (name: string, label: string, input: (props: object) => ReactNode, hint?: string) => ReactNode;

function TierFields({ n, tier, onChange, field, onRemove }: {
  n?: number; tier: TierDraft; onChange: (c: Partial<TierDraft>) => void; onRemove?: () => void; field: FieldFn;
}) {
  const label = (what: string) => (n ? `${what} of tier ${n}` : what);
  return (
    <div className="tier-fields">
      {field('name', label('Tier name'), p => <input value={tier.name} required maxLength={100} placeholder="Standing"
        onChange={e => onChange({ name: e.target.value })} {...p} />)}
      {field('price', label('Price'), p => <input type="number" inputMode="decimal" min="0" step="0.01" required value={tier.price}
        onChange={e => onChange({ price: e.target.value })} {...p} />)}
      {field('currency', label('Currency'), p => <input value={tier.currency} required maxLength={3} autoCapitalize="characters"
        onChange={e => onChange({ currency: e.target.value.toUpperCase() })} {...p} />)}
      {field('totalQuantity', label('Tickets'), p => <input type="number" inputMode="numeric" min="0" max="1000000" step="1" required
        value={tier.totalQuantity} onChange={e => onChange({ totalQuantity: e.target.value })} {...p} />)}
      {onRemove && <button type="button" className="secondary" onClick={onRemove}>Remove tier {n}</button>}
    </div>
  );
}

const statusText = { DRAFT: 'Draft', PUBLISHED: 'Published', CANCELLED: 'Cancelled' } as const;

function salesWindow(c: OrganizerConcert) {
  const open = c.salesOpenAt ? showTime(c.salesOpenAt, c.timeZone) : 'publication';
  const close = c.salesCloseAt ? showTime(c.salesCloseAt, c.timeZone) : 'the start of the show';
  return `Sales: from ${open} until ${close}`;
}

function ConcertCard({ concert: c, done }: { concert: OrganizerConcert; done: Done }) {
  const [mode, setMode] = useState<'edit' | 'tier'>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelled = c.status === 'CANCELLED';

  async function act(action: () => Promise<OrganizerConcert>, message: string) {
    setBusy(true);
    setProblem(undefined);
    try { await action(); done(message, headingId(c.id)); }
    catch (e) { setProblem(explain(e).general); }
    finally { setBusy(false); }
  }
  async function confirmCancel() {
    dialog.current?.close();
    await act(() => organizerApi.cancel(c.id),
      `“${c.name}” was cancelled. Every booking is being cancelled and refunded, and the buyers get an e-mail.`);
  }

  return (
    <article className="concert" aria-labelledby={headingId(c.id)}>
      <div className="row spread">
        <h3 id={headingId(c.id)} tabIndex={-1}>{c.name}</h3>
        <span className={`badge ${c.status}`} data-testid="concert-status">{statusText[c.status]}</span>
      </div>
      <p>{c.location} · <span data-testid="concert-date">{showTime(c.date, c.timeZone)}</span></p>
      {!cancelled && <p className="left">{salesWindow(c)}</p>}
      {c.description && <p className="left">{c.description}</p>}
      <div className="tiers">
        {c.ticketTiers.map(t => <TierCard key={t.id} tier={t} editable={!cancelled} concertName={c.name} done={done} />)}
      </div>
      {problem && <p className="error" role="alert">{problem}</p>}
      {mode === 'edit' && <ConcertForm concert={c} onClose={() => setMode(undefined)}
        onSaved={saved => { setMode(undefined); done(`The changes to “${saved.name}” were saved.`, headingId(c.id)); }} />}
      {mode === 'tier' && <AddTier concert={c} onClose={() => setMode(undefined)}
        onAdded={t => { setMode(undefined); done(`The tier “${t.name}” was added.`, tierButtonId(t.id)); }} />}
      {!cancelled && !mode && (
        <div className="row">
          {c.status === 'DRAFT' && <button type="button" disabled={busy}
            onClick={() => act(() => organizerApi.publish(c.id), `“${c.name}” is published: it is in the catalogue and on sale.`)}>
            Publish</button>}
          <button type="button" className="secondary" onClick={() => setMode('edit')}>Change details</button>
          <button type="button" className="secondary" onClick={() => setMode('tier')}>Add a tier</button>
          <button type="button" className="danger" disabled={busy} onClick={() => dialog.current?.showModal()}>Cancel concert…</button>
        </div>
      )}
      <dialog ref={dialog} aria-labelledby={`${headingId(c.id)}-cancel-title`} aria-describedby={`${headingId(c.id)}-cancel-what`}>
        <h3 id={`${headingId(c.id)}-cancel-title`}>Cancel “{c.name}”?</h3>
        <p id={`${headingId(c.id)}-cancel-what`}>
          The concert stops selling at once. Every booking of it is cancelled, every paid ticket is refunded, and each buyer
          gets an e-mail about it. This cannot be undone.</p>
        <div className="row">
          <button type="button" onClick={() => dialog.current?.close()}>Keep the concert</button>
          <button type="button" className="danger" onClick={confirmCancel}>Yes, cancel it and refund everyone</button>
        </div>
      </dialog>
    </article>
  );
}

function TierCard({ tier: t, editable, concertName, done }: { tier: OrganizerTier; editable: boolean; concertName: string; done: Done }) {
  const [open, setOpen] = useState(false);
  const [price, setPrice] = useState(t.price.toFixed(2));
  const [total, setTotal] = useState(String(t.totalQuantity));
  const [busy, setBusy] = useState(false);
  const { messages, setMessages, field } = useFieldErrors(`tier-${t.id}`);

  async function save(e: FormEvent) {
    e.preventDefault();
    const changes: { price?: number; totalQuantity?: number } = {};
    if (Number(price) !== t.price) changes.price = Number(price);
    if (Number(total) !== t.totalQuantity) changes.totalQuantity = Number(total);
    if (Object.keys(changes).length === 0) { setOpen(false); return; }
    setBusy(true);
    setMessages({ fields: {} });
    try {
      await organizerApi.changeTier(t.id, changes);
      setOpen(false);
      done(`“${t.name}” now has ${changes.totalQuantity ?? t.totalQuantity} tickets at ${money(changes.price ?? t.price, t.currency)}.`,
        tierButtonId(t.id));
    } catch (err) {
      setMessages(explain(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="tier" data-testid={`organizer-tier-${t.name}`} aria-label={`${t.name} of ${concertName}`} role="group">
      <strong>{t.name}</strong>
      <span>{money(t.price, t.currency)}</span>
      <span data-testid="tier-counts">{t.soldQuantity} sold · {t.heldQuantity} held · {t.availableQuantity} available{t.offeredQuantity > 0 ? ` · ${t.offeredQuantity} offered to the waitlist` : ''}{t.waitlisted > 0 ? ` · ${t.waitlisted} waiting` : ''}</span>
      <span className="left">{t.totalQuantity} {t.totalQuantity === 1 ? 'ticket' : 'tickets'} in all</span>
      {editable && !open && (
        <button type="button" className="secondary" id={tierButtonId(t.id)}
          onClick={() => { setPrice(t.price.toFixed(2)); setTotal(String(t.totalQuantity)); setOpen(true); }}
          aria-label={`Change price or tickets of ${t.name}`}>Change</button>
      )}
      {open && (
        <form onSubmit={save} aria-label={`Change ${t.name}`}>
          {field('price', `Price (${t.currency})`, p => <input type="number" inputMode="decimal" min="0" step="0.01" required
            value={price} autoFocus onChange={e => setPrice(e.target.value)} {...p} />, 'A new price is for new bookings only.')}
          {field('totalQuantity', 'Tickets in all', p => <input type="number" inputMode="numeric" min="0" max="1000000" step="1"
            required value={total} onChange={e => setTotal(e.target.value)} {...p} />)}
          {messages.general && <p className="error" role="alert">{messages.general}</p>}
          <div className="row">
            <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
            <button type="button" className="secondary" onClick={() => { setOpen(false); setMessages({ fields: {} }); }}>Close</button>
          </div>
        </form>
      )}
    </div>
  );
}

function AddTier({ concert, onAdded, onClose }: { concert: OrganizerConcert; onAdded: (t: OrganizerTier) => void; onClose: () => void }) {
  const [tier, setTier] = useState<TierDraft>({ ...emptyTier(), currency: concert.ticketTiers[0]?.currency ?? 'EUR' });
  const [busy, setBusy] = useState(false);
  const { messages, setMessages, field } = useFieldErrors(`add-${concert.id}`);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessages({ fields: {} });
    try { onAdded(await organizerApi.addTier(concert.id, toTier(tier))); }
    catch (err) { setMessages(explain(err)); }
    finally { setBusy(false); }
  }
  return (
    <form onSubmit={submit} aria-label={`Add a tier to ${concert.name}`} className="panel">
      <h4>New tier</h4>
      <TierFields tier={tier} onChange={c => setTier({ ...tier, ...c })} field={field} />
      {messages.general && <p className="error" role="alert">{messages.general}</p>}
      <div className="row">
        <button type="submit" disabled={busy}>{busy ? 'Adding…' : 'Add tier'}</button>
        <button type="button" className="secondary" onClick={onClose}>Close</button>
      </div>
    </form>
  );
}
