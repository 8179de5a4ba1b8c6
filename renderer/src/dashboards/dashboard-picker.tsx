import type { Dashboard } from '../../../main/api/schemas/dashboards';

/** The choice between a lab's dashboards (shown only when it has more than one). */
export function DashboardPicker({ dashboards, value, onChange }: { dashboards: Dashboard[]; value?: string; onChange: (name: string) => void }) {
  if (dashboards.length < 2) return null;
  return (
    <label className="dash-control dash-picker">
      <span>Dashboard</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {dashboards.map((d) => (
          <option key={d.name} value={d.name}>
            {d.title}
          </option>
        ))}
      </select>
    </label>
  );
}
