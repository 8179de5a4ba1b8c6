import { posix } from 'node:path';
import { LabdeckError } from '../../api/errors';
import { riskId, type TemplateRisk } from './template-risks';
import type { TrustRepo } from './trust-repo';

/** What the owner said for this `up`: trust the content now loaded (true) or the content reviewed (its sha256). */
export interface TrustOptions {
  trust?: boolean | string;
  /** Host paths (`/`, an engine socket) the owner lets the template mount; only the CLI flag sets them. */
  allowEngineAccess?: string[];
}

/** How `up` stands with a template: built-in ones are trusted as shipped. */
export type TrustState = 'built-in' | 'not-needed' | 'trusted' | 'needed';

export const riskLine = (r: TemplateRisk): string => `${r.service}: ${r.setting} (${r.message})`;
const lines = (rs: TemplateRisk[]): string => rs.map((r) => `  ${riskLine(r)}`).join('\n');
const needsTrust = (rs: TemplateRisk[]): TemplateRisk[] => rs.filter((r) => r.level === 'trust');

export function trustState(t: { sha256: string }, risks: TemplateRisk[], builtIn: boolean, repo: TrustRepo): TrustState {
  if (builtIn) return 'built-in';
  const ask = needsTrust(risks);
  if (!ask.length) return 'not-needed';
  return repo.covers(t.sha256, ask.map(riskId)) ? 'trusted' : 'needed';
}

/**
 * Refuses an `up` the owner has not accepted, before anything reaches the engine. Order: replicas over
 * the bound (no flag lifts it), then host takeovers (`/`, engine sockets, credentials: only
 * --allow-engine-access naming the path), then the risks that need trust of this exact content.
 */
export function checkTrust(t: { file: string; sha256: string }, risks: TemplateRisk[], builtIn: boolean, repo: TrustRepo, o: TrustOptions = {}): void {
  const replicas = risks.filter((r) => r.kind === 'replicas');
  if (replicas.length) {
    throw new LabdeckError('TEMPLATE_INVALID', `${t.file} asks for too many containers:\n${lines(replicas)}`, { hint: 'Lower deploy.replicas, or raise the bound with LABDECK_MAX_REPLICAS.' });
  }
  const allowed = new Set((o.allowEngineAccess ?? []).map((p) => posix.resolve('/', p)));
  const refused = risks.filter((r) => r.level === 'refused' && !(r.allow && allowed.has(posix.resolve('/', r.allow))));
  if (refused.length) {
    const flags = [...new Set(refused.map((r) => `--allow-engine-access ${r.allow}`))].join(' ');
    throw new LabdeckError('ENGINE_ACCESS_REFUSED', `${t.file} mounts what gives a container the host, refused even when trusted:\n${lines(refused)}`, {
      hint: `Remove these mounts. Only if you mean it, name each on the command line: labdeck up ${t.file} --trust ${flags}`,
    });
  }
  if (builtIn) return;
  const ask = needsTrust(risks);
  if (!ask.length || repo.covers(t.sha256, ask.map(riskId))) return;
  if (typeof o.trust === 'string' && o.trust !== t.sha256) {
    throw new LabdeckError('TEMPLATE_UNTRUSTED', `${t.file} changed since you reviewed its risks; review them again:\n${lines(ask)}`, { hint: 'Plan it again and accept the risks it shows now.' });
  }
  if (!o.trust) {
    throw new LabdeckError('TEMPLATE_UNTRUSTED', `${t.file} is not trusted yet; it asks for:\n${lines(ask)}`, {
      hint: `If you trust it, run: labdeck up ${t.file} --trust (in the console: Trust and start). An edited file asks again.`,
    });
  }
  repo.trust(t.sha256, t.file, ask.map(riskId));
}
