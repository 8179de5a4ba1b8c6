import { COMPOSE_NUMBER, COMPOSE_PROJECT, INSTALLATION_LABEL, LAB_LABEL, ROLE_LABEL, SERVICE_LABEL, TEMPLATE_LABEL } from '../labs/lab-labels';

/** Marks a lab whose containers are k3d nodes: `down` goes through `k3d cluster delete`. */
export const KIND_LABEL = 'io.labdeck.kind';

export interface RuntimeLabel {
  label: string;
  nodeFilters: string[];
}

/**
 * Labels for every node container, through k3d's `options.runtime.labels`: the lab's label (so
 * Labdeck finds, lists and cleans them like any lab's), a service per role and a 1-based number per
 * node (so the container faults target `{ service: server, replica: 2 }`), and the load balancer
 * marked as the lab's monitoring entry (it publishes Prometheus' 9090 on 127.0.0.1), and the
 * installation that made it (another Labdeck on the same engine leaves it alone).
 */
export function nodeLabels(labId: string, templateFile: string, servers: number, agents: number, installation?: string): RuntimeLabel[] {
  const all = (label: string): RuntimeLabel => ({ label, nodeFilters: ['all'] });
  const out: RuntimeLabel[] = [
    all(`${LAB_LABEL}=${labId}`),
    all(`${COMPOSE_PROJECT}=${labId}`),
    all(`${TEMPLATE_LABEL}=${templateFile}`),
    all(`${KIND_LABEL}=cluster`),
    ...(installation ? [all(`${INSTALLATION_LABEL}=${installation}`)] : []),
    { label: `${SERVICE_LABEL}=server`, nodeFilters: ['server:*'] },
    { label: `${ROLE_LABEL}=k3s-server`, nodeFilters: ['server:*'] },
    { label: `${SERVICE_LABEL}=loadbalancer`, nodeFilters: ['loadbalancer'] },
    { label: `${ROLE_LABEL}=monitoring`, nodeFilters: ['loadbalancer'] },
    { label: `${COMPOSE_NUMBER}=1`, nodeFilters: ['loadbalancer'] },
  ];
  for (let i = 0; i < servers; i++) out.push({ label: `${COMPOSE_NUMBER}=${i + 1}`, nodeFilters: [`server:${i}`] });
  if (agents > 0) {
    out.push({ label: `${SERVICE_LABEL}=agent`, nodeFilters: ['agent:*'] }, { label: `${ROLE_LABEL}=k3s-agent`, nodeFilters: ['agent:*'] });
    for (let i = 0; i < agents; i++) out.push({ label: `${COMPOSE_NUMBER}=${i + 1}`, nodeFilters: [`agent:${i}`] });
  }
  return out;
}
