import { DashboardPicker } from '../dashboards/dashboard-picker';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Dashboard } from '../../../main/api/schemas/dashboards';
import type { LabStatus } from '../../../main/api/schemas/labs';
import { LabdeckError } from '../../../main/api/labdeck-error';
import { ErrorPanel } from '../components/error-panel';
import { JobPanel } from '../components/job-panel';
import { ServicesTable, type ServiceAction } from '../components/services-table';
import { LabTimeline } from '../components/lab-timeline';
import { DashboardView } from '../dashboards/dashboard-view';
import { dashboardsFor, dashboardsKey } from '../dashboards/dashboards-for';
import { initialDashboard, rememberDashboard, rememberedDashboard } from '../dashboards/dashboard-choice';
import { api } from '../state/client';
import { useJobsStore } from '../state/jobs-store';
import { useLabsStore } from '../state/labs-store';
import { useRouteStore } from '../state/route-store';
import { useVisibleInterval } from '../use-visible-interval';
import { LogView } from '../terminals/log-view';
import { useTerminalsStore } from '../terminals/terminals-store';
import type { PodRef } from '../../../main/api/schemas/terminals';
import { ClusterPods } from '../components/cluster-pods';
import { AuditPanel } from '../components/audit-panel';
import { isClusterLab, podRef } from '../components/pod-rows';
import { ConfirmButton } from '../components/confirm-button';

type Err = { code: string; message: string; hint?: string };
const asErr = (e: unknown): Err => (e instanceof LabdeckError ? e.toValue() : { code: 'INTERNAL', message: String(e) });

/** One lab: its services live (every 2 s while visible) with per-service actions, Stop and Reset, its dashboards and timeline. */
export function LabPage({ labId }: { labId: string }) {
  const [status, setStatus] = useState<LabStatus | null>(null);
  const [error, setError] = useState<Err | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** The log view under the services: null = none, '' = the whole lab, else one service. */
  const [logs, setLogs] = useState<string | null>(null);
  /** A cluster lab's pod whose log is shown (instead of `logs`). */
  const [podLogs, setPodLogs] = useState<PodRef | null>(null);
  const [tab, setTab] = useState<'dashboards' | 'audit'>('dashboards');
  const go = useRouteStore((s) => s.go);
  const all = useJobsStore((s) => s.jobs);
  const jobs = useMemo(() => Object.values(all).filter((j) => j.summary.kind === 'lab.up' && j.label.endsWith(labId)), [all, labId]);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api().api['labs.status']({ labId }));
      setError(null);
    } catch (e) {
      setError(asErr(e));
    }
  }, [labId]);
  useEffect(() => void refresh(), [refresh]);
  useVisibleInterval(refresh, 2000);

  // Dashboards follow the lab's shape (monitored or not, which services), not its live numbers.
  const [dashboards, setDashboards] = useState<Dashboard[]>([]);
  const [dashboardName, setDashboardName] = useState<string | null>(null);
  const shape = dashboardsKey(status);
  const statusRef = useRef(status);
  statusRef.current = status;
  useEffect(() => {
    const current = statusRef.current;
    if (!current) return;
    let live = true;
    dashboardsFor(labId).then(
      (d) => live && setDashboards(d),
      (e: unknown) => live && setError(asErr(e)),
    );
    return () => {
      live = false;
    };
  }, [labId, shape]);
  // the lab's own dashboard first (or the one last picked for it), not the generic overview
  const dashboard = dashboards.find((d) => d.name === (dashboardName ?? initialDashboard(dashboards, rememberedDashboard(labId)))) ?? dashboards[0];
  const pickDashboard = (name: string): void => {
    setDashboardName(name);
    rememberDashboard(labId, name);
  };

  const stop = async (): Promise<void> => {
    setBusy('Stopping');
    try {
      await api().api['labs.down']({ labId });
      await useLabsStore.getState().load();
      go('labs');
    } catch (e) {
      setError(asErr(e));
    } finally {
      setBusy(null);
    }
  };
  const [acting, setActing] = useState<string | null>(null);
  const act = async (container: string, action: ServiceAction): Promise<void> => {
    setActing(container);
    try {
      await api().api['labs.serviceAction']({ labId, container, action });
      await refresh();
    } catch (e) {
      setError(asErr(e));
    } finally {
      setActing(null);
    }
  };
  // After an engine restart the lab's containers are stopped: one Start brings it back, on new ports.
  const start = async (): Promise<void> => {
    setBusy('Starting');
    try {
      setStatus(await api().api['labs.start']({ labId }));
      setError(null);
    } catch (e) {
      setError(asErr(e));
    } finally {
      setBusy(null);
    }
  };
  const reset = async (): Promise<void> => {
    if (!status?.template) return;
    setBusy('Resetting');
    try {
      await api().api['labs.down']({ labId });
      await useLabsStore.getState().start(status.template, labId);
    } catch (e) {
      setError(asErr(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <p>
        <a href="#/labs">← Labs</a>
      </p>
      <div className="row">
        <h1>{labId}</h1>
        {status ? <span className={`pill ${status.state}`} aria-label="Lab state">{status.state}</span> : null}
        {status?.state === 'stopped' ? (
          <button type="button" onClick={() => void start()} disabled={!!busy}>
            {busy === 'Starting' ? 'Starting…' : 'Start'}
          </button>
        ) : null}
        <ConfirmButton question={`Stop ${labId} and remove its containers?`} confirmLabel="Stop lab" onConfirm={() => void stop()} disabled={!!busy}>
          {busy === 'Stopping' ? 'Stopping…' : 'Stop'}
        </ConfirmButton>
        <ConfirmButton question={`Reset ${labId}: remove it and start it fresh?`} confirmLabel="Reset lab" onConfirm={() => void reset()} disabled={!!busy || !status?.template}>
          {busy === 'Resetting' ? 'Resetting…' : 'Reset'}
        </ConfirmButton>
        <button type="button" onClick={() => (setPodLogs(null), setLogs(''))}>
          Lab logs
        </button>
        {status?.prometheusUrl ? (
          <a href={status.prometheusUrl} target="_blank" rel="noreferrer">
            Prometheus
          </a>
        ) : null}
      </div>
      {status?.stoppedReason ? <p role="status">Stopped: {status.stoppedReason}</p> : null}
      {jobs.map((j) => (
        <JobPanel key={j.summary.jobId} job={j} />
      ))}
      {error ? <ErrorPanel error={error} /> : null}
      {status ? (
        <ServicesTable
          services={status.services}
          onAction={(c, a) => void act(c, a)}
          busy={acting}
          onShell={(s) => {
            useTerminalsStore.getState().open({ kind: 'container', labId, service: s.service, index: s.index });
            go('terminals');
          }}
          onLogs={(s) => {
            setPodLogs(null);
            setLogs(s.service);
          }}
        />
      ) : null}
      {isClusterLab(status) ? (
        <ClusterPods
          labId={labId}
          onLogs={(p) => {
            setLogs(null);
            setPodLogs(podRef(p));
          }}
        />
      ) : null}
      {logs !== null ? <LogView key={`${labId}/${logs}`} labId={labId} service={logs || undefined} onClose={() => setLogs(null)} /> : null}
      {podLogs && logs === null ? <LogView key={`${labId}/pod/${podLogs.namespace}/${podLogs.pod}`} labId={labId} pod={podLogs} onClose={() => setPodLogs(null)} /> : null}
      <div role="tablist" aria-label="Lab views" className="terminal-tab">
        <button type="button" role="tab" aria-selected={tab === 'dashboards'} onClick={() => setTab('dashboards')}>
          Dashboards
        </button>
        {isClusterLab(status) ? null : (
          <button type="button" role="tab" aria-selected={tab === 'audit'} onClick={() => setTab('audit')}>
            Audit
          </button>
        )}
      </div>
      {tab === 'audit' && !isClusterLab(status) ? (
        <AuditPanel labId={labId} />
      ) : (
        <>
          <DashboardPicker dashboards={dashboards} value={dashboard?.name} onChange={pickDashboard} />
          {dashboard ? <DashboardView key={`${labId}/${dashboard.name}`} labId={labId} dashboard={dashboard} /> : null}
        </>
      )}
      <LabTimeline labId={labId} />
    </>
  );
}
