import { useEffect, useState } from 'react';
import type { SigningKey } from '../../../main/api/schemas/bundles';
import { api } from '../state/client';
import { problemOf, type Problem } from './upload-bundle';

/** Which of this installation's keys signs the export (or none), and a button that makes a new one. */
export function SigningKeyPicker({ value, onChange, onProblem }: { value: string; onChange: (id: string) => void; onProblem: (p: Problem) => void }) {
  const [keys, setKeys] = useState<SigningKey[]>([]);
  const [made, setMade] = useState<SigningKey | null>(null);
  useEffect(() => {
    api().api['bundles.signingKeys']({}).then(setKeys, (e) => onProblem(problemOf(e)));
  }, [onProblem]);
  const makeKey = async (): Promise<void> => {
    try {
      const k = await api().api['bundles.newSigningKey']({});
      setKeys((list) => [...list, k]);
      setMade(k);
      onChange(k.id);
    } catch (err) {
      onProblem(problemOf(err));
    }
  };
  return (
    <fieldset>
      <legend>Signature</legend>
      <div className="row">
        <label className="field">
          Sign with
          <select value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">Do not sign</option>
            {keys.map((k) => (
              <option key={k.id} value={k.id}>
                Key {k.id}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void makeKey()}>
          New signing key
        </button>
      </div>
      {made ? (
        <div role="status">
          <p>
            Made key {made.id}; this Labdeck trusts it. Give its public key to the machines that import (Settings → Trusted bundle keys, or <code>labdeck bundle trust FILE.pub</code>):
          </p>
          <pre className="mono" tabIndex={0} aria-label={`Public key ${made.id}`}>
            {made.publicKey}
          </pre>
        </div>
      ) : null}
    </fieldset>
  );
}
