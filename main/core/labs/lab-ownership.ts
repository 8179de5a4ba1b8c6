import { LabdeckError } from '../../api/errors';
import { INSTALLATION_LABEL } from './lab-labels';
import type { LabPlan } from './lab-plan';

export type LabOwner = 'own' | 'other';

/**
 * Whose lab this is, from its containers' labels: another installation's when any container
 * names a different installation. A lab without the label (made before it existed, or by hand)
 * is treated as this installation's, as such labs always were.
 */
export function ownerOf(containers: { Labels?: Record<string, string> }[], installation: string): LabOwner {
  return containers.some((c) => {
    const theirs = c.Labels?.[INSTALLATION_LABEL];
    return theirs !== undefined && theirs !== installation;
  })
    ? 'other'
    : 'own';
}

/** Puts this installation's label on every network, volume and container the plan makes. */
export function stampInstallation(plan: LabPlan, installation: string): LabPlan {
  const mark = (labels: Record<string, string> | undefined) => ({ ...labels, [INSTALLATION_LABEL]: installation });
  return {
    ...plan,
    networks: plan.networks.map((n) => ({ ...n, labels: mark(n.labels) })),
    volumes: plan.volumes.map((v) => ({ ...v, labels: mark(v.labels) })),
    containers: plan.containers.map((c) => ({ ...c, create: { ...c.create, Labels: mark(c.create.Labels) } })),
  };
}

export function otherInstallationError(labId: string): LabdeckError {
  return new LabdeckError('LAB_OTHER_INSTALLATION', `lab ${labId} belongs to another Labdeck (another data dir on this engine); this one leaves it alone`, {
    hint: `Use the Labdeck that made it (its LABDECK_HOME), or pick another name for yours with --name.`,
  });
}
