import type { Theme } from '../../../main/api/schemas/settings';
import { useSettingsStore } from '../state/settings-store';
import { TrustedKeys } from '../components/trusted-keys';
import { EngineEndpointForm } from './engine-endpoint-form';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsPage() {
  const { settings, app, update, error } = useSettingsStore();
  return (
    <>
      <h1>Settings</h1>
      {error ? <p role="alert" className="error-text">{error}</p> : null}
      <EngineEndpointForm />
      <fieldset>
        <legend>Appearance</legend>
        <label className="field">
          Theme
          <select value={settings?.theme ?? 'system'} onChange={(e) => void update({ theme: e.target.value as Theme })}>
            {THEMES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {app && (app.role ?? 'owner') === 'owner' ? <TrustedKeys /> : null}
      {app ? (
        <fieldset>
          <legend>Data</legend>
          {/* an observer's or a trainee's console is not told the owner's folders */}
          <p>{app.databasePath ? <>Labdeck {app.version} keeps its database in <code>{app.databasePath}</code>.</> : <>Labdeck {app.version}.</>}</p>
          {app.corruptDatabaseMovedTo ? (
            <p role="alert" className="error-text">
              The database was damaged; it was moved to <code>{app.corruptDatabaseMovedTo}</code> and a new one was started.
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </>
  );
}
