import type { EndpointCandidate, EngineStatus } from '../../api/schemas/engine';
import type { Clock } from '../system/clock';
import type { EngineClient, EngineConnector } from './engine-client';
import { noEngineHint, probeEngines } from './engine-probe';

export interface EngineServiceDeps {
  connect: EngineConnector;
  discover: () => Promise<EndpointCandidate[]>;
  /** The endpoint saved in Settings, or null to discover. */
  pickedEndpoint: () => string | null;
  platform: NodeJS.Platform;
  clock: Clock;
  onStatus?: (status: EngineStatus) => void;
}

/** Finds the engine (Settings first, then discovery order) and keeps the client that answered. */
export class EngineService {
  private last: EngineStatus | null = null;
  private client: EngineClient | null = null;
  private inflight: Promise<EngineStatus> | null = null;

  constructor(private readonly deps: EngineServiceDeps) {}

  async candidates(): Promise<EndpointCandidate[]> {
    const discovered = await this.deps.discover();
    const picked = this.deps.pickedEndpoint();
    if (!picked) return discovered;
    return [{ source: 'settings', endpoint: picked, detail: 'picked in Settings' }, ...discovered.filter((c) => c.endpoint !== picked)];
  }

  async status(refresh = false): Promise<EngineStatus> {
    if (this.last && !refresh) return this.last;
    this.inflight ??= this.probe().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** The client of the engine that answered last, probing first when there is none. */
  async current(): Promise<EngineClient | null> {
    if (!this.client) await this.status(true);
    return this.client;
  }

  private async probe(): Promise<EngineStatus> {
    const picked = this.deps.pickedEndpoint();
    const all = await this.candidates();
    // A picked endpoint is the user's choice: try only it, so a silent fallback never hides it.
    const tried = picked ? all.slice(0, 1) : all;
    const outcome = await probeEngines(tried, this.deps.connect);
    this.client = outcome.client ?? null;
    const status: EngineStatus = {
      connected: !!outcome.info,
      info: outcome.info,
      looked: outcome.looked,
      hint: outcome.info
        ? undefined
        : picked
          ? `The endpoint picked in Settings (${picked}) does not answer. Start that engine, or clear the choice in Settings to discover one.`
          : noEngineHint(this.deps.platform),
      checkedAt: this.deps.clock.now().toISOString(),
    };
    const changed = JSON.stringify({ ...this.last, checkedAt: '' }) !== JSON.stringify({ ...status, checkedAt: '' });
    this.last = status;
    if (changed) this.deps.onStatus?.(status);
    return status;
  }
}
