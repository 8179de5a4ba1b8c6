import { ExportSection } from '../bundles/export-section';
import { ImportSection } from '../bundles/import-section';
import { useSettingsStore } from '../state/settings-store';

/** Bundles: export labs and scenarios with their images for offline machines, and import them there. */
export function BundlesPage() {
  const role = useSettingsStore((s) => s.app?.role);
  if (role && role !== 'owner') {
    return (
      <>
        <h1>Bundles</h1>
        <p>Exporting and importing bundles is for the owner of this Labdeck.</p>
      </>
    );
  }
  return (
    <>
      <h1>Bundles</h1>
      <p className="muted">
        Signed bundles are checked against the keys in <a href="#/settings">Settings → Trusted bundle keys</a>.
      </p>
      <ImportSection />
      <ExportSection />
    </>
  );
}
