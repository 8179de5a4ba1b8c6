import { LabdeckError } from '../../api/errors';
import { openContainerTunnel, type ContainerTunnel } from '../engine/container-port-tunnel';
import { publishesHere } from '../engine/endpoint-url';
import type { EngineClient } from '../engine/engine-client';
import { PrometheusClient } from '../monitoring/prometheus-client';
import { PROMETHEUS_PORT } from '../monitoring/prometheus-config';
import { labFilter } from './lab-labels';
import { prometheusOf } from './lab-status';

/**
 * Where each lab's Prometheus answers from here. On a local engine, its port published on
 * 127.0.0.1; on a remote one (tcp://, ssh://) that port is on the other host's loopback, so a
 * tunnel through the engine's own connection reaches it (container-port-tunnel.ts), kept per lab
 * while its Prometheus container is the same. Found by one container listing, remembered for 5 s.
 */
export class LabPrometheus {
  private readonly urls = new Map<string, { url: string; at: number }>();
  private readonly tunnels = new Map<string, ContainerTunnel>();

  async client(engine: EngineClient, labId: string): Promise<PrometheusClient> {
    const cached = this.urls.get(labId);
    if (cached && Date.now() - cached.at < 5000) return new PrometheusClient(cached.url);
    const url = await this.find(engine, labId);
    this.urls.set(labId, { url, at: Date.now() });
    return new PrometheusClient(url);
  }

  private async find(engine: EngineClient, labId: string): Promise<string> {
    const prom = await prometheusOf(engine.docker, labId);
    const local = publishesHere(engine.endpoint);
    if (!prom || (local && !prom.url)) {
      this.forget(labId);
      if (!(await engine.docker.listContainers({ all: true, filters: labFilter(labId) })).length) {
        throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the running labs with `labdeck status`.' });
      }
      throw new LabdeckError('QUERY_FAILED', `lab ${labId} has no running Prometheus${local ? ' with a published port' : ''}`, {
        hint: 'See the lab with `labdeck status <lab>`; its prometheus service must be running.',
      });
    }
    if (local) return prom.url!;
    const open = this.tunnels.get(labId);
    if (open?.containerId === prom.containerId) return open.url;
    // a lab made again (or another engine's lab of that name) has another Prometheus container
    await open?.close();
    const tunnel = await openContainerTunnel(engine.docker, prom.containerId, PROMETHEUS_PORT);
    this.tunnels.set(labId, tunnel);
    return tunnel.url;
  }

  /** Drops what is known of a lab's Prometheus (its ports change after a start; the lab went away). */
  forget(labId: string): void {
    this.urls.delete(labId);
    const open = this.tunnels.get(labId);
    this.tunnels.delete(labId);
    void open?.close();
  }

  async close(): Promise<void> {
    this.urls.clear();
    const all = [...this.tunnels.values()];
    this.tunnels.clear();
    await Promise.all(all.map((t) => t.close()));
  }
}
