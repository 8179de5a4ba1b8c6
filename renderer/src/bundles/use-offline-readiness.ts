import { useEffect, useState } from 'react';
import type { LabReadiness } from '../../../main/api/schemas/bundles';
import { api } from '../state/client';
import { useSettingsStore } from '../state/settings-store';

/**
 * Per lab template: whether every image it runs is on the engine (ready offline) or which are
 * missing. Asked once the templates are known (`key` changes when they reload); the owner's only
 * (it inspects the engine's images), and silent when the engine cannot answer.
 */
export function useOfflineReadiness(key: unknown): Map<string, LabReadiness> {
  const role = useSettingsStore((s) => s.app?.role);
  const known = useSettingsStore((s) => s.app !== null && s.app !== undefined);
  const [map, setMap] = useState<Map<string, LabReadiness>>(new Map());
  useEffect(() => {
    if (!known || (role !== undefined && role !== 'owner') || !key) return;
    let live = true;
    api()
      .api['bundles.readiness']({})
      .then(
        (list) => live && setMap(new Map(list.map((r) => [r.lab, r]))),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [key, role, known]);
  return map;
}
