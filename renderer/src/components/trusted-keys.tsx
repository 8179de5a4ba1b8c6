import { useEffect, useId, useState } from 'react';

import type { TrustedKey } from '../../../main/api/schemas/bundles';
import { api } from '../state/client';
import { ConfirmButton } from './confirm-button';
import { ErrorPanel } from './error-panel';


type Problem = { code: string; message: string; hint?: string };
const problemOf = (err: unknown): Problem => ({ code: (err as Problem).code ?? 'INTERNAL', message: (err as Problem).message ?? String(err), hint: (err as Problem).hint });

/** Settings → the minisign public keys whose bundles this Labdeck imports: list, add (paste a .pub file), remove. */
export function TrustedKeys() {
  const [keys, setKeys] = useState<TrustedKey[] | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = useId();
  const reload = (): Promise<void> => api().api['bundles.keys']({}).then(setKeys, (e) => setProblem(problemOf(e)));
  useEffect(() => void reload(), []);
  const add = async (): Promise<void> => {
    setProblem(null);
    try {
      await api().api['bundles.trustKey']({ key: text });
      setText('');
      await reload();
    } catch (err) {
      setProblem(problemOf(err));
    }
  };
  const remove = (keyId: string): void => void api().api['bundles.untrustKey']({ id: keyId }).then(reload, (e) => setProblem(problemOf(e)));
  return (
    <fieldset>
      <legend>Trusted bundle keys</legend>
      <p className="muted">A signed bundle imports only when one of these keys signed it (minisign public keys: `labdeck bundle keygen`, or `minisign -G`).</p>
      {keys && keys.length === 0 ? <p>No key is trusted yet: only unsigned bundles could be imported, and only when allowed.</p> : null}
      {keys?.length ? (
        <ul aria-label="Trusted keys">
          {keys.map((k) => (
            <li key={k.id}>
              <span className="mono">{k.id}</span> <span className="muted">added {new Date(k.addedAt).toLocaleString()}</span>{' '}
              <ConfirmButton question={`Stop trusting key ${k.id}?`} confirmLabel={`Remove key ${k.id}`} onConfirm={() => remove(k.id)}>
                Remove
              </ConfirmButton>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={(e) => (e.preventDefault(), void add())} aria-label="Trust a key">
        <label htmlFor={id}>Public key (the text of a .pub file)</label>
        <textarea id={id} className="mono" rows={2} cols={60} value={text} onChange={(e) => setText(e.target.value)} placeholder={'untrusted comment: minisign public key …\nRWQ…'} />
        <button type="submit" disabled={!text.trim()}>
          Trust key
        </button>
      </form>
      {problem ? <ErrorPanel error={problem} onDismiss={() => setProblem(null)} /> : null}
    </fieldset>
  );
}
