import type { RunJournal } from './run-journal';

export interface KilledRunLab {
  runId: string;
  labId: string;
  removed: boolean;
  /** One sentence for the CLI's stderr and the run's journal. */
  message: string;
}

/**
 * A run that started its own lab removes it when it ends, aborts included; a run killed outright
 * (SIGKILL, a power cut) cannot, so the next start does it for the runs found orphaned — after
 * their faults were reverted from the ledger. Labs a run was given (`--lab`) are never touched.
 */
export async function removeKilledRunLabs(runIds: string[], d: { journal: RunJournal; down: (labId: string) => Promise<unknown> }): Promise<KilledRunLab[]> {
  const out: KilledRunLab[] = [];
  for (const runId of runIds) {
    const created = d.journal.events(runId, ['run.created'])[0]?.data as { labId?: string; ownLab?: boolean } | undefined;
    if (!created?.ownLab || !created.labId) continue;
    const labId = created.labId;
    let entry: KilledRunLab;
    try {
      await d.down(labId);
      entry = { runId, labId, removed: true, message: `run ${runId} ended without cleaning up (its process was killed); removed lab ${labId}, which it had started` };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      entry = { runId, labId, removed: false, message: `run ${runId} ended without cleaning up (its process was killed); its lab ${labId} could not be removed (${why}): remove it with \`labdeck down ${labId}\`` };
    }
    d.journal.append(runId, entry.removed ? 'lab.removed' : 'lab.kept', { labId, message: entry.message });
    out.push(entry);
  }
  return out;
}
