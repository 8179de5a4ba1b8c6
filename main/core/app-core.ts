import type { Handlers } from '../api/handlers';
import { EngineService } from './engine/engine-service';
import type { EngineConnector } from './engine/engine-client';
import type { EndpointCandidate } from '../api/schemas/engine';
import { EventBus } from './events/event-bus';
import { JobRegistry } from './jobs/job-registry';
import type { OpenedStore } from './store/database';
import { SettingsRepo } from './store/settings-repo';
import type { Clock } from './system/clock';
import { checkTools } from './system/tool-checks';
import { hostResources } from './system/host-resources';
import type { ProcessRunner } from './system/process-runner';

export interface CoreDeps {
  version: string;
  dataDir: string;
  store: OpenedStore;
  connect: EngineConnector;
  discover: () => Promise<EndpointCandidate[]>;
  run: ProcessRunner;
  clock: Clock;
  platform: NodeJS.Platform;
}

export interface Core {
  handlers: Handlers;
  bus: EventBus;
  engine: EngineService;
  jobs: JobRegistry;
  settings: SettingsRepo;
  close(): Promise<void>;
}

/** Builds core from its collaborators; both bridges and the CLI serve the handlers it returns. */
export function createCore(deps: CoreDeps): Core {
  const bus = new EventBus();
  const settings = new SettingsRepo(deps.store.db, () => deps.clock.now());
  const jobs = new JobRegistry(bus, deps.clock);
  const engine = new EngineService({
    connect: deps.connect,
    discover: deps.discover,
    pickedEndpoint: () => settings.get().engineEndpoint,
    platform: deps.platform,
    clock: deps.clock,
    onStatus: (status) => bus.emit('engine.status', status),
  });

  const handlers: Handlers = {
    'app.info': async () => ({
      version: deps.version,
      dataDir: deps.dataDir,
      databasePath: deps.store.path,
      corruptDatabaseMovedTo: deps.store.movedAside,
    }),
    'engine.status': async ({ refresh }) => engine.status(refresh ?? false),
    'engine.candidates': async () => engine.candidates(),
    'doctor.report': async () => {
      const [status, tools, host] = await Promise.all([engine.status(true), checkTools(deps.run), hostResources(deps.dataDir)]);
      return { ok: status.connected, engine: status, tools, host };
    },
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => {
      const before = settings.get();
      const after = settings.update(patch);
      bus.emit('settings.changed', after);
      if (before.engineEndpoint !== after.engineEndpoint) await engine.status(true);
      return after;
    },
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => jobs.cancel(jobId),
  };

  return {
    handlers,
    bus,
    engine,
    jobs,
    settings,
    async close() {
      await jobs.shutdown();
      deps.store.db.close();
    },
  };
}
