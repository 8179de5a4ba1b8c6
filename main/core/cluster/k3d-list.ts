import { z } from 'zod';
import { LabdeckError } from '../../api/errors';

/**
 * `k3d cluster list -o json`: an array of k3d's Cluster type with counts added by the command
 * (serversRunning, serversCount, agentsRunning, agentsCount, hasLoadbalancer). Only the fields
 * Labdeck reads are checked; the rest passes through.
 */
const Node = z.looseObject({
  name: z.string(),
  role: z.string(),
  State: z.looseObject({ Running: z.boolean().optional(), Status: z.string().optional() }).optional(),
  runtimeLabels: z.record(z.string(), z.string()).nullish(),
});
const Cluster = z.looseObject({
  name: z.string(),
  nodes: z.array(Node).nullish(),
  serversRunning: z.number().int().default(0),
  serversCount: z.number().int().default(0),
  agentsRunning: z.number().int().default(0),
  agentsCount: z.number().int().default(0),
  hasLoadbalancer: z.boolean().optional(),
  imageVolume: z.string().optional(),
});

export interface K3dCluster {
  name: string;
  servers: { running: number; count: number };
  agents: { running: number; count: number };
  loadbalancer: boolean;
  nodes: { name: string; role: string; running: boolean; status?: string; labels: Record<string, string> }[];
}

export function parseClusterList(stdout: string): K3dCluster[] {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout.trim() || '[]');
  } catch (err) {
    throw new LabdeckError('CLUSTER_FAILED', `k3d cluster list printed no JSON: ${(err as Error).message}`, { hint: 'Run `k3d cluster list -o json` yourself to see what it says.' });
  }
  const parsed = z.array(Cluster).safeParse(raw ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LabdeckError('CLUSTER_FAILED', `k3d cluster list: unexpected JSON at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.map((c) => ({
    name: c.name,
    servers: { running: c.serversRunning, count: c.serversCount },
    agents: { running: c.agentsRunning, count: c.agentsCount },
    loadbalancer: c.hasLoadbalancer ?? (c.nodes ?? []).some((n) => n.role === 'loadbalancer'),
    nodes: (c.nodes ?? []).map((n) => ({ name: n.name, role: n.role, running: n.State?.Running ?? false, status: n.State?.Status, labels: n.runtimeLabels ?? {} })),
  }));
}
