import { useCallback, useMemo } from 'react';
import type { Dashboard } from '../../../main/api/schemas/dashboards';
import { queryRange } from './range-query';
import { usePanelData } from './use-panel-data';

type Variable = Dashboard['variables'][number];

/** The values of each variable's label in its query's series, sorted; loaded again every 30 s. */
function useVariableValues(labId: string, variables: Variable[], rangeSeconds: number): Record<string, string[]> | null {
  const load = useCallback(async () => {
    const out: Record<string, string[]> = {};
    await Promise.all(
      variables.map(async (v) => {
        const r = await queryRange(labId, v.query, {}, rangeSeconds);
        out[v.name] = [...new Set(r.series.map((s) => s.labels[v.name]).filter((x): x is string => !!x))].sort();
      }),
    );
    return out;
  }, [labId, variables, rangeSeconds]);
  return usePanelData(load, JSON.stringify([labId, variables, rangeSeconds]), 30_000).data;
}

interface Props {
  labId: string;
  variables: Variable[];
  rangeSeconds: number;
  value: Record<string, string>;
  onChange: (name: string, value: string) => void;
}

/** One select per dashboard variable (`$service`, `$instance`), “All” first. */
export function VariablePicker({ labId, variables, rangeSeconds, value, onChange }: Props) {
  const values = useVariableValues(labId, variables, rangeSeconds);
  const options = useMemo(() => values ?? {}, [values]);
  return (
    <>
      {variables.map((v) => (
        <label key={v.name} className="dash-control">
          <span>{v.label ?? v.name}</span>
          <select value={value[v.name] ?? ''} onChange={(e) => onChange(v.name, e.target.value)}>
            <option value="">All</option>
            {(options[v.name] ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      ))}
    </>
  );
}
