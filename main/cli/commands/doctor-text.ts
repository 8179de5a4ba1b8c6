import type { DoctorReport } from '../../api/schemas/doctor';
import { bytes, rows } from '../format';

const TOOL_HINTS: Record<string, string> = {
  k3d: 'not on PATH (needed for cluster labs: https://k3d.io)',
  kubectl: 'not on PATH (needed for cluster labs: https://kubernetes.io/docs/tasks/tools/)',
};

/** The doctor report in plain words. */
export function doctorText(r: DoctorReport): string {
  const out: [string, string][] = [];
  const e = r.engine.info;
  if (e) {
    const name = e.kind === 'podman' ? 'Podman' : 'Docker';
    out.push([
      'Engine',
      `${name} ${e.version} (API ${e.apiVersion}), ${e.os}/${e.arch}\n` +
        `at ${e.endpoint} (${r.engine.looked.find((l) => l.result === 'ok')?.detail ?? e.source})\n` +
        `${e.cpus} CPUs, ${bytes(e.memoryBytes)} memory, ${e.containersRunning} of ${e.containersTotal} containers running, ${e.images} images`,
    ]);
  } else {
    out.push(['Engine', 'none answered']);
  }
  const looked = r.engine.looked.map((l) => `${l.result.padEnd(11)} ${l.endpoint}  (${l.detail ?? l.source})${l.error ? `: ${l.error}` : ''}`);
  out.push(['Looked at', looked.join('\n') || 'nowhere']);
  for (const t of r.tools) {
    out.push([t.name, t.found ? (t.version ? `${t.version} at ${t.path}${t.tooOld ? `: too old, cluster labs need ${t.minVersion} or newer` : ''}` : `at ${t.path}, version unknown: ${t.error}`) : (TOOL_HINTS[t.name] ?? 'not on PATH')]);
  }
  out.push(['Disk', `${bytes(r.host.diskFreeBytes)} free of ${bytes(r.host.diskTotalBytes)} at ${r.host.dataDir}`]);
  out.push(['Memory', `${bytes(r.host.memoryAvailableBytes)} available of ${bytes(r.host.memoryTotalBytes)}, ${r.host.cpus} CPUs`]);
  let text = rows(out);
  if (!e && r.engine.hint) text += `\n\nNo container engine answered. ${r.engine.hint}`;
  for (const t of r.tools.filter((x) => x.tooOld)) text += `\n\n${t.name} ${t.version} is older than ${t.minVersion}: \`labdeck up\` of a cluster template answers K3D_MISSING. ${t.hint ?? ''}`.trimEnd();
  return text;
}
