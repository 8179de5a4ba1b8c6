import { useEffect, useState, type FormEvent } from 'react';
import type { EndpointCandidate } from '../../../main/api/schemas/engine';
import { EndpointUrl } from '../../../main/api/schemas/engine';
import { api } from '../state/client';
import { useEngineStore } from '../state/engine-store';
import { useSettingsStore } from '../state/settings-store';
import { ConfirmEndpointDialog } from './confirm-endpoint-dialog';

const AUTO = '';

/** Pick the engine endpoint: automatic discovery, one of the places discovery knows, or a URL of your own. */
export function EngineEndpointForm() {
  const { settings, update, saving } = useSettingsStore();
  const status = useEngineStore((s) => s.status);
  const [candidates, setCandidates] = useState<EndpointCandidate[]>([]);
  const [choice, setChoice] = useState<string>(AUTO);
  const [custom, setCustom] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    void api()
      .api['engine.candidates']()
      .then((c) => setCandidates(c.filter((x) => x.source !== 'settings')));
  }, []);
  useEffect(() => {
    const picked = settings?.engineEndpoint ?? null;
    if (picked === null) setChoice(AUTO);
    else if (candidates.some((c) => c.endpoint === picked)) setChoice(picked);
    else {
      setChoice('custom');
      setCustom(picked);
    }
  }, [settings, candidates]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    const value = choice === 'custom' ? custom.trim() : choice;
    if (value !== AUTO) {
      const check = EndpointUrl.safeParse(value);
      if (!check.success) {
        setProblem(`Endpoint ${check.error.issues[0]?.message ?? 'is not valid'}`);
        return;
      }
    }
    setProblem(null);
    await save(value === AUTO ? null : value, false);
  };

  const save = async (engineEndpoint: string | null, confirm: boolean): Promise<void> => {
    setConfirming(null);
    try {
      await api().api['settings.update']({ engineEndpoint, ...(confirm ? { confirm: true as const } : {}) });
    } catch (err) {
      if ((err as { code?: string }).code === 'CONFIRMATION_REQUIRED' && engineEndpoint !== null) setConfirming(engineEndpoint);
      else setProblem((err as Error).message);
      return;
    }
    // the store keeps the saved settings and tells the rest of the page
    if (await update({})) setSaved(true);
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Engine endpoint">
      <fieldset>
        <legend>Engine endpoint</legend>
        <label className="radio">
          <input type="radio" name="endpoint" checked={choice === AUTO} onChange={() => setChoice(AUTO)} />
          Discover automatically <span className="muted">(DOCKER_HOST, docker context, Docker, Podman, Colima, Rancher Desktop, OrbStack)</span>
        </label>
        {candidates.map((c) => (
          <label className="radio" key={c.endpoint}>
            <input type="radio" name="endpoint" checked={choice === c.endpoint} onChange={() => setChoice(c.endpoint)} />
            <span className="mono">{c.endpoint}</span> <span className="muted">{c.detail ?? c.source}</span>
          </label>
        ))}
        <label className="radio">
          <input type="radio" name="endpoint" checked={choice === 'custom'} onChange={() => setChoice('custom')} />
          Other
        </label>
        {choice === 'custom' ? (
          <label className="field">
            Endpoint URL
            <input
              type="text"
              value={custom}
              placeholder="unix:///run/user/1000/podman/podman.sock or tcp://127.0.0.1:2375"
              onChange={(e) => setCustom(e.target.value)}
            />
          </label>
        ) : null}
      </fieldset>
      {problem ? <p role="alert" className="error-text">{problem}</p> : null}
      {confirming ? <ConfirmEndpointDialog endpoint={confirming} onConfirm={() => void save(confirming, true)} onCancel={() => setConfirming(null)} /> : null}
      <div className="row">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save endpoint'}
        </button>
        {saved && status ? <span role="status">{status.connected ? `Connected to ${status.info?.endpoint}` : 'Saved, but no engine answers there'}</span> : null}
      </div>
    </form>
  );
}
