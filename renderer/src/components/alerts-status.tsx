import { useCallback, useEffect, useState } from 'react';
import type { ActiveAlert } from '../../../main/api/schemas/lab-events';
import { api } from '../state/client';
import { useRouteStore } from '../state/route-store';
import { useVisibleInterval } from '../use-visible-interval';

/** The status bar's alerts: firing and pending in the open lab's Prometheus, every 5 s while visible. */
export function AlertsStatus() {
  const labId = useRouteStore((s) => (s.page === 'labs' ? s.param : undefined));
  const [alerts, setAlerts] = useState<ActiveAlert[] | null>(null);
  const poll = useCallback(async () => {
    if (!labId) return setAlerts(null);
    try {
      setAlerts(await api().api['labs.alerts']({ labId }));
    } catch {
      setAlerts(null);
    }
  }, [labId]);
  useEffect(() => void poll(), [poll]);
  useVisibleInterval(poll, 5000);
  if (!labId || !alerts) return null;
  const firing = alerts.filter((a) => a.state === 'firing');
  const pending = alerts.length - firing.length;
  const names = [...new Set(firing.map((a) => a.name))].join(', ');
  return (
    <span aria-label="Alerts" title={alerts.map((a) => `${a.state}: ${a.name} ${a.labels.service ?? a.labels.instance ?? ''}`).join('\n')}>
      {labId}: <span className={firing.length ? 'firing' : ''}>{firing.length} firing{names ? ` (${names})` : ''}</span>
      {pending ? <span className="pending"> · {pending} pending</span> : null}
    </span>
  );
}
