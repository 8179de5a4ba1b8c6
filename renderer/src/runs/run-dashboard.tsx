import { DashboardPicker } from '../dashboards/dashboard-picker';
import { useEffect, useState } from 'react';
import type { Dashboard } from '../../../main/api/schemas/dashboards';
import { DashboardView } from '../dashboards/dashboard-view';
import { dashboardsFor } from '../dashboards/dashboards-for';
import { initialDashboard, rememberDashboard, rememberedDashboard } from '../dashboards/dashboard-choice';
import { useLabEventsStore } from '../state/lab-events-store';

/**
 * The lab's dashboards in the run room. The run's faults and checks reach the lab's events (and
 * so the charts' annotations) through the lab events store, loaded here for this lab.
 */
export function RunDashboard({ labId, preferred }: { labId: string; preferred?: string }) {
  const [dashboards, setDashboards] = useState<Dashboard[]>([]);
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void useLabEventsStore.getState().load(labId).catch(() => undefined);
    dashboardsFor(labId).then(
      (d) => {
        if (!live) return;
        setDashboards(d);
        // the one last picked for this lab, else the template's own: it says more about the incident than the overview
        setName((cur) => cur ?? initialDashboard(d, rememberedDashboard(labId), preferred) ?? null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [labId, preferred]);
  const dashboard = dashboards.find((d) => d.name === name) ?? dashboards[0];
  return (
    <section className="run-dashboard" aria-label="Lab dashboard">
      <DashboardPicker
        dashboards={dashboards}
        value={dashboard?.name}
        onChange={(n) => {
          setName(n);
          rememberDashboard(labId, n);
        }}
      />
      {error ? <p className="error-text">{error}</p> : null}
      {dashboard ? <DashboardView key={`${labId}/${dashboard.name}`} labId={labId} dashboard={dashboard} /> : <p className="muted">Loading the lab&apos;s dashboards…</p>}
    </section>
  );
}
