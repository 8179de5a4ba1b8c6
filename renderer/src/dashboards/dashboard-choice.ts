import { z } from 'zod';

/** Core's generated dashboard of every lab (main/core/monitoring/dashboards/lab-overview.ts); a template's own come after it. */
const OVERVIEW_NAME = 'overview';
const KEY = 'labdeck.dashboards';
/** Labs remembered at most (the oldest pick is forgotten first). */
const MAX_LABS = 100;

const Picks = z.record(z.string().max(200), z.string().max(200));

function readPicks(storage: Storage | undefined): Record<string, string> {
  let raw: unknown = null;
  try {
    raw = JSON.parse(storage?.getItem(KEY) ?? 'null');
  } catch {
    raw = null;
  }
  const parsed = Picks.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

/** The dashboard the user last picked for this lab, if any (anything unreadable counts as none). */
export function rememberedDashboard(labId: string, storage: Storage | undefined = globalThis.localStorage): string | undefined {
  return readPicks(storage)[labId];
}

/** Remembers the user's pick of dashboard for this lab, in the browser's local storage. */
export function rememberDashboard(labId: string, name: string, storage: Storage | undefined = globalThis.localStorage): void {
  const picks = readPicks(storage);
  delete picks[labId];
  picks[labId] = name;
  const kept = Object.entries(picks).slice(-MAX_LABS);
  try {
    storage?.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // storage full or refused: the lab opens on its own dashboard, as it would the first time
  }
}

/**
 * The dashboard a lab opens on: the one the user last picked for it while it still has it, else
 * the lab's own (the first its template names, which says more than the generic overview), else
 * the overview. `preferred` (the run room: the scenario's lab) picks among the template's.
 */
export function initialDashboard(dashboards: { name: string }[], remembered?: string, preferred?: string): string | undefined {
  if (remembered && dashboards.some((d) => d.name === remembered)) return remembered;
  const own = dashboards.filter((d) => d.name !== OVERVIEW_NAME);
  return (own.find((d) => preferred && d.name.includes(preferred)) ?? own[0] ?? dashboards[0])?.name;
}
