import { useEffect, useState, type FormEvent } from 'react';
import type { LabSummary } from '../../../main/api/schemas/labs';
import { api } from '../state/client';
import { useTerminalsStore } from './terminals-store';

/** Pick a running lab and one of its services, and open a shell in it; or a host shell where allowed. */
export function NewTerminalForm() {
  const open = useTerminalsStore((s) => s.open);
  const [labs, setLabs] = useState<LabSummary[]>([]);
  const [labId, setLabId] = useState('');
  const [services, setServices] = useState<string[]>([]);
  const [service, setService] = useState('');
  const [hostShell, setHostShell] = useState(false);
  useEffect(() => {
    void api().api['labs.list']().then((l) => {
      setLabs(l);
      setLabId((cur) => cur || l[0]?.labId || '');
    }, () => setLabs([]));
    void api().api['app.info']().then((i) => setHostShell(!!i.hostShell), () => undefined);
  }, []);
  useEffect(() => {
    if (!labId) return;
    void api().api['labs.status']({ labId }).then((s) => {
      const names = [...new Set(s.services.filter((x) => x.state === 'running').map((x) => x.service))];
      setServices(names);
      setService((cur) => (names.includes(cur) ? cur : names[0] ?? ''));
    }, () => setServices([]));
  }, [labId]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (labId && service) open({ kind: 'container', labId, service });
  };
  return (
    <form className="row new-terminal" onSubmit={submit} aria-label="New terminal">
      <label>
        Lab{' '}
        <select value={labId} onChange={(e) => setLabId(e.target.value)}>
          {labs.map((l) => (
            <option key={l.labId}>{l.labId}</option>
          ))}
        </select>
      </label>
      <label>
        Service{' '}
        <select value={service} onChange={(e) => setService(e.target.value)}>
          {services.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!labId || !service}>
        Open shell
      </button>
      {hostShell ? (
        <button type="button" onClick={() => open({ kind: 'host', labId: labId || undefined })}>
          Host shell
        </button>
      ) : null}
    </form>
  );
}
