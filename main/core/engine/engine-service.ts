import type { EndpointCandidate, EngineStatus } from '../../api/schemas/engine';
import type { Clock } from '../system/clock';
import type { EngineClient, EngineConnector } from './engine-client';
import { noEngineHint, probeEngines } from './engine-probe';
import { isEngineGone, unreachableError } from './engine-unreachable';

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
  private pinned: string | null = null;

  constructor(private readonly deps: EngineServiceDeps) {}

  /**
   * Uses this endpoint alone from now on (a lab's own engine, `--engine NAME`), instead of the one
   * picked in Settings or discovered; the next call connects to it.
   */
  pin(endpoint: string): void {
    if (this.pinned === endpoint) return;
    this.pinned = endpoint;
    this.client = null;
    this.last = null;
  }

  private picked(): string | null {
    return this.pinned ?? this.deps.pickedEndpoint();
  }

  async candidates(): Promise<EndpointCandidate[]> {
    const discovered = await this.deps.discover();
    const picked = this.picked();
    if (!picked) return discovered;
    const detail = this.pinned ? 'the engine this command uses' : 'picked in Settings';
    return [{ source: 'settings', endpoint: picked, detail }, ...discovered.filter((c) => c.endpoint !== picked)];
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

  /** The engine's client, or ENGINE_UNREACHABLE with the places tried. */
  async require(): Promise<EngineClient> {
    const client = await this.current();
    if (client) return client;
    throw unreachableError(await this.status());
  }

  /**
   * Runs engine work; when the engine went away mid-way (stopped, restarting), the kept client is
   * dropped and the caller gets ENGINE_UNREACHABLE, never a "not found" read from silence. The
   * next call probes again, so an engine that came back is found without a restart of Labdeck.
   */
  async use<T>(work: (client: EngineClient) => Promise<T>): Promise<T> {
    const client = await this.require();
    try {
      return await work(client);
    } catch (err) {
      if (!isEngineGone(err)) throw err;
      this.client = null;
      throw unreachableError(await this.status(true));
    }
  }

  private async probe(): Promise<EngineStatus> {
    const picked = this.picked();
    const all = await this.candidates();
    // A picked endpoint, or DOCKER_HOST, is the user's choice: try only it, so a silent fallback
    // to another engine never hides it (that engine would answer "no such lab" for a lab that is
    // only waiting for its own engine to come back).
    const fromEnv = all[0]?.source === 'DOCKER_HOST';
    const tried = picked || fromEnv ? all.slice(0, 1) : all;
    const outcome = await probeEngines(tried, this.deps.connect);
    this.client = outcome.client ?? null;
    const status: EngineStatus = {
      connected: !!outcome.info,
      info: outcome.info,
      looked: outcome.looked,
      hint: outcome.info
        ? undefined
        : picked
          ? this.pinned
            ? `The engine ${picked} does not answer (a lab stays on the engine it was made on). Start it or reach it again; labdeck engines ls shows what each engine answers.`
            : `The endpoint picked in Settings (${picked}) does not answer. Start that engine, or clear the choice in Settings to discover one.`
          : fromEnv
            ? `DOCKER_HOST (${all[0].endpoint}) does not answer. Start that engine, or unset DOCKER_HOST to discover one.`
            : noEngineHint(this.deps.platform),
      checkedAt: this.deps.clock.now().toISOString(),
    };
    const changed = JSON.stringify({ ...this.last, checkedAt: '' }) !== JSON.stringify({ ...status, checkedAt: '' });
    this.last = status;
    if (changed) this.deps.onStatus?.(status);
    return status;
  }
}
