import { useCallback, useEffect, useState } from 'react';
import type { ClassBoard, ClassCapacity, ClassDetail, ClassSummary } from '../../../main/api/schemas/classes';
import { CapacityPanel } from '../classes/capacity-panel';
import { BoardGrid } from '../classes/board-grid';
import { SeatQr } from '../classes/seat-qr';
import { WatchPane } from '../classes/watch-pane';
import { ErrorPanel } from '../components/error-panel';
import { api } from '../state/client';
import { useRouteStore } from '../state/route-store';
import { useSettingsStore } from '../state/settings-store';

type Problem = { code: string; message: string; hint?: string };
const problemOf = (err: unknown): Problem => {
  const e = err as Partial<Problem> & { message?: string };
  return { code: e.code ?? 'INTERNAL', message: e.message ?? String(err), hint: e.hint };
};

/** Classes: #/classes lists them and creates one; #/classes/<name> is its board, seat links and controls. */
export function ClassesPage() {
  const param = useRouteStore((s) => s.param);
  return param ? <ClassView key={param} name={param} /> : <ClassList />;
}

function ClassList() {
  const go = useRouteStore((s) => s.go);
  const [list, setList] = useState<ClassSummary[] | null>(null);
  const [error, setErrorState] = useState<Problem | null>(null);
  const setError = useCallback((err: unknown) => setErrorState(err === null ? null : problemOf(err)), []);
  const [form, setForm] = useState({ name: '', course: 'redis-worker-crash', seats: 3, minutes: 60 });
  useEffect(() => void api().api['classes.list']().then(setList, setError), []);
  const create = async (): Promise<void> => {
    setError(null);
    try {
      const c = await api().api['classes.create']({ name: form.name, course: form.course.split(',').map((s) => s.trim()).filter(Boolean), seats: form.seats, minutes: form.minutes });
      go('classes', c.name);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <h1>Classes</h1>
      {error ? <ErrorPanel error={error} /> : null}
      <form aria-label="New class" onSubmit={(e) => (e.preventDefault(), void create())}>
        <label>
          Name <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </label>{' '}
        <label>
          Course (scenarios or labs, comma-separated) <input value={form.course} onChange={(e) => setForm({ ...form, course: e.target.value })} required />
        </label>{' '}
        <label>
          Seats <input type="number" min={1} max={100} value={form.seats} onChange={(e) => setForm({ ...form, seats: Number(e.target.value) })} />
        </label>{' '}
        <label>
          Minutes <input type="number" min={1} value={form.minutes} onChange={(e) => setForm({ ...form, minutes: Number(e.target.value) })} />
        </label>{' '}
        <button type="submit">Create class</button>
      </form>
      {list?.length ? (
        <ul aria-label="Classes">
          {list.map((c) => (
            <li key={c.name}>
              <a href={`#/classes/${c.name}`}>{c.name}</a> ({c.state}, {c.seats} seats): {c.course.map((s) => s.name).join(' → ')}
            </li>
          ))}
        </ul>
      ) : list ? (
        <p className="muted">No classes yet.</p>
      ) : null}
    </>
  );
}

function ClassView({ name }: { name: string }) {
  const fingerprint = useSettingsStore((s) => s.app?.tlsFingerprint);
  const [detail, setDetail] = useState<ClassDetail | null>(null);
  const [board, setBoard] = useState<ClassBoard | null>(null);
  const [error, setErrorState] = useState<Problem | null>(null);
  const setError = useCallback((err: unknown) => setErrorState(err === null ? null : problemOf(err)), []);
  const [watching, setWatching] = useState<{ sessionId: string; title: string } | null>(null);
  const [broadcast, setBroadcast] = useState('');
  const [capacity, setCapacity] = useState<ClassCapacity | null>(null);
  const [prewarm, setPrewarm] = useState(0);
  useEffect(() => void api().api['classes.capacity']({ name }).then(setCapacity, () => setCapacity(null)), [name]);
  const refresh = useCallback(() => {
    void api().api['classes.board']({ name }).then(setBoard, setError);
  }, [name]);
  const reloadDetail = useCallback(() => void api().api['classes.get']({ name }).then(setDetail, setError), [name]);
  useEffect(() => {
    reloadDetail();
    refresh();
    // the board refetches when something of this class changed (a check, a hint, a lab), at most ~4 times a second
    let queued: ReturnType<typeof setTimeout> | undefined;
    const off = api().on('class.changed', (c) => {
      if (c.name !== name || queued) return;
      queued = setTimeout(() => ((queued = undefined), refresh(), reloadDetail()), 250); // a seat's new lab is in the detail
    });
    const timer = setInterval(refresh, 5000); // lab health moves without events
    return () => (off(), clearInterval(timer), clearTimeout(queued));
  }, [name, refresh, reloadDetail]);
  const act = (p: Promise<unknown>): void => void p.then(() => (reloadDetail(), refresh()), setError);
  const actions = {
    message: (seat: string) => {
      const text = prompt(`Hint or message to ${seat}`);
      if (text) act(api().api['classes.message']({ name, seat, kind: 'hint', text }));
    },
    reset: (seat: string) => confirm(`Remove the labs of ${seat}?`) && act(api().api['classes.resetSeat']({ name, seat })),
    revoke: (seat: string) => confirm(`Revoke ${seat}? Its link stops working at once.`) && act(api().api['classes.revoke']({ name, seat })),
    watch: (seat: string) =>
      void api()
        .api['terminals.list']({})
        .then((list) => {
          const labs = new Set(detail?.seatList.find((s) => s.id === seat)?.labs ?? []);
          const t = list.find((x) => x.target.labId !== undefined && labs.has(x.target.labId) && x.exitCode === undefined);
          if (t) setWatching({ sessionId: t.sessionId, title: `${seat}: ${t.title}` });
          else setError(new Error(`${seat} has no terminal open`));
        }, setError),
  };
  const origin = location.origin;
  return (
    <>
      <p>
        <a href="#/classes">← Classes</a>
      </p>
      <h1>Class {name}</h1>
      {error ? <ErrorPanel error={error} /> : null}
      {fingerprint ? (
        <p>
          HTTPS certificate fingerprint (SHA-256): <code>{fingerprint}</code>
        </p>
      ) : null}
      {detail ? (
        <p>
          {detail.state} · {detail.course.map((s, i) => `${i + 1}. ${s.name}`).join(' → ')}
          {detail.endsAt ? ` · ends ${new Date(detail.endsAt).toLocaleTimeString()}` : ''}{' '}
          {detail.state === 'created' ? (
            <>
              <label>
                Pre-warm seats <input type="number" min={0} max={detail.seats} value={prewarm} onChange={(e) => setPrewarm(Number(e.target.value))} />
              </label>{' '}
              <button type="button" onClick={() => act(api().api['classes.start']({ name, prewarm }))}>
                Start class
              </button>
            </>
          ) : null}{' '}
          <button type="button" onClick={() => act(api().api['classes.extend']({ name, minutes: 10 }))}>
            +10 minutes
          </button>{' '}
          <button type="button" onClick={() => act(api().api['classes.issue']({ name }))}>
            New links
          </button>{' '}
          <button type="button" onClick={() => act(api().api['classes.export']({ name }).then((r) => alert(`Exported to ${r.file}`)))}>
            Export
          </button>{' '}
          {detail.state !== 'ended' ? (
            <button type="button" onClick={() => confirm(`End ${name}? The seats' labs are removed.`) && act(api().api['classes.end']({ name }))}>
              End class
            </button>
          ) : null}
        </p>
      ) : null}
      {capacity ? <CapacityPanel capacity={capacity} /> : null}
      <form aria-label="Message to every seat" onSubmit={(e) => (e.preventDefault(), broadcast && act(api().api['classes.message']({ name, text: broadcast }).then(() => setBroadcast(''))))}>
        <input aria-label="Message to every seat" value={broadcast} onChange={(e) => setBroadcast(e.target.value)} placeholder="A message to every seat" />{' '}
        <button type="submit">Send to all</button>
      </form>
      {watching ? <WatchPane sessionId={watching.sessionId} title={watching.title} onClose={() => setWatching(null)} /> : null}
      {board ? <BoardGrid board={board} actions={actions} /> : <p className="muted">Loading the board…</p>}
      <h2>Seat links</h2>
      <ul aria-label="Seat links" className="seat-links">
        {detail?.seatList.map((s) => {
          const link = s.code ? `${origin}/join?code=${s.code}` : undefined;
          return (
            <li key={s.id}>
              <strong>{s.id}</strong> {s.state === 'revoked' ? '(revoked)' : ''}{' '}
              {link ? (
                <>
                  <code>{link}</code>
                  <SeatQr link={link} label={`QR code for ${s.id}`} />
                </>
              ) : s.state === 'open' ? (
                <span className="muted">link held by another launch: press New links</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
