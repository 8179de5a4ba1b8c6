/**
 * Whether a lab's alert belongs on a run's timeline. Left out unless the scenario names it: a
 * heartbeat (`severity: none`, like Watchdog, always firing by design) and alerts about the host
 * machine (the node exporter sees the host's CPU and disks: NodeHighCpu fires because the laptop
 * is busy, not because of the game day). A scenario that is about such an alert names it in its
 * text (briefing, tasks, checks), and then it is kept. An exporter that stops answering (`…Down`,
 * its target's `up == 0`) is a service of the lab gone, not a measurement of the host: always kept.
 */
export function alertBelongsToRun(alert: { name?: unknown; labels?: unknown }, scenarioText: string): boolean {
  const name = typeof alert.name === 'string' ? alert.name : '';
  if (name && new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(scenarioText)) return true;
  const labels = (alert.labels && typeof alert.labels === 'object' ? alert.labels : {}) as Record<string, unknown>;
  if (labels.severity === 'none' || name === 'Watchdog') return false;
  if (/Down$/.test(name)) return true;
  const about = `${String(labels.service ?? '')} ${String(labels.job ?? '')}`;
  return !/node-exporter|node_exporter/.test(about);
}
