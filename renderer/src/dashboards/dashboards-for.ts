import type { Dashboard } from '../../../main/api/schemas/dashboards';
import type { LabStatus } from '../../../main/api/schemas/labs';
import { api } from '../state/client';

/** The dashboards of a lab, from core: its overview, then those its template names. */
export function dashboardsFor(labId: string): Promise<Dashboard[]> {
  return api().api['dashboards.forLab']({ labId });
}

/** What of a lab's status decides its dashboards: fetch them again only when this changes. */
export const dashboardsKey = (status: LabStatus | null): string =>
  status ? `${status.prometheusUrl ? 'monitored' : 'plain'}|${[...new Set(status.services.map((s) => s.service))].sort().join(',')}` : '';
