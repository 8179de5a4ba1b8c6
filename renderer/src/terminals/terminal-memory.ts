import { z } from 'zod';
import { SessionId, TerminalTarget } from '../../../main/api/schemas/terminals';
import { RunId } from '../../../main/api/schemas/runs';

/** One open terminal as this tab remembers it across a reload: enough to reattach to its shell. */
export const RememberedTerminal = z.object({
  key: z.string().regex(/^t\d+$/),
  target: TerminalTarget,
  sessionId: SessionId,
  runId: RunId.optional(),
});
export type RememberedTerminal = z.infer<typeof RememberedTerminal>;

const Remembered = z.object({ terminals: z.array(RememberedTerminal).max(64), panes: z.array(z.string()).max(2) });
export type Remembered = z.infer<typeof Remembered>;

const KEY = 'labdeck.terminals';

/**
 * The open terminals of this browser tab, in its sessionStorage (per tab, survives a reload, gone
 * with the tab): after a reload the console reattaches to each shell core kept for it.
 */
export function rememberTerminals(r: Remembered, storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify(r));
  } catch {
    // storage full or refused: a reload then opens no terminals, as before
  }
}

/** What was remembered; anything unreadable counts as nothing. */
export function rememberedTerminals(storage: Storage | undefined = globalThis.sessionStorage): Remembered {
  let raw: unknown = null;
  try {
    raw = JSON.parse(storage?.getItem(KEY) ?? 'null');
  } catch {
    raw = null;
  }
  const parsed = Remembered.safeParse(raw);
  return parsed.success ? parsed.data : { terminals: [], panes: [] };
}
