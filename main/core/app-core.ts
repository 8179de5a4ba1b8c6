import { join } from 'node:path';
import type { Handlers } from '../api/handlers';
import { LabService } from './labs/lab-service';
import { LabsRepo } from './labs/labs-repo';
import { TemplateCatalog } from './labs/template-catalog';
import { DashboardCatalog } from './monitoring/dashboards/dashboard-catalog';
import { EngineService } from './engine/engine-service';
import type { EngineConnector } from './engine/engine-client';
import type { EndpointCandidate } from '../api/schemas/engine';
import { EventBus } from './events/event-bus';
import { JobRegistry } from './jobs/job-registry';
import { LabdeckError } from '../api/errors';
import type { OpenedStore } from './store/database';
import { SettingsRepo } from './store/settings-repo';
import type { Clock } from './system/clock';
import { checkTools } from './system/tool-checks';
import { hostResources } from './system/host-resources';
import type { ProcessRunner } from './system/process-runner';
import { TerminalService } from './terminals/terminal-service';
import { RecordingsRepo } from './terminals/recordings-repo';
import { hostShellStarter } from './terminals/host-shell';
import { LogsService } from './terminals/logs-service';

export interface CoreDeps {
  version: string;
  dataDir: string;
  /** The folder holding labs/, schemas/ and workloads of the app. */
  resourcesDir: string;
  store: OpenedStore;
  connect: EngineConnector;
  discover: () => Promise<EndpointCandidate[]>;
  run: ProcessRunner;
  clock: Clock;
  platform: NodeJS.Platform;
  /** Host shells (node-pty): on in the desktop app, off in `labdeck serve` unless --allow-host-shell. */
  allowHostShell?: boolean;
}

export interface Core {
  handlers: Handlers;
  bus: EventBus;
  engine: EngineService;
  jobs: JobRegistry;
  settings: SettingsRepo;
  labs: LabService;
  terminals: TerminalService;
  logs: LogsService;
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

  const catalog = new TemplateCatalog({ builtIn: join(deps.resourcesDir, 'labs'), user: join(deps.dataDir, 'labs') });
  const labs = new LabService({
    engine,
    jobs,
    repo: new LabsRepo(deps.store.db, () => deps.clock.now()),
    catalog,
    pid: process.pid,
    isAlive: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
  });

  const dashboards = new DashboardCatalog({ builtIn: join(deps.resourcesDir, 'dashboards'), user: join(deps.dataDir, 'dashboards') });

  const docker = async () => {
    const client = await engine.current();
    if (!client) throw new LabdeckError('ENGINE_UNREACHABLE', 'no container engine answers', { hint: (await engine.status()).hint });
    return client.docker;
  };
  const terminals = new TerminalService({
    docker,
    dataDir: deps.dataDir,
    recordings: new RecordingsRepo(deps.store.db, () => deps.clock.now()),
    hostShell: hostShellStarter({ allowed: deps.allowHostShell ?? false, engineEndpoint: async () => (await engine.status()).info?.endpoint }),
  });
  const logs = new LogsService(docker, (batch) => bus.emit('logs.lines', batch));

  const handlers: Handlers = {
    'app.info': async () => ({
      version: deps.version,
      dataDir: deps.dataDir,
      databasePath: deps.store.path,
      corruptDatabaseMovedTo: deps.store.movedAside,
      hostShell: deps.allowHostShell ?? false,
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
    'labs.templates': () => catalog.list(),
    'labs.plan': ({ template, name }) => labs.plan(template, name),
    'labs.up': ({ template, name }) => labs.up(template, name),
    'labs.down': ({ labId, keepVolumes }) => labs.down(labId, keepVolumes),
    'labs.list': () => labs.list(),
    'labs.status': ({ labId }) => labs.status(labId),
    'labs.query': ({ labId, query, time }) => labs.query(labId, query, time),
    'labs.queryRange': ({ labId, query, start, end, stepSeconds }) => labs.queryRange(labId, query, start, end, stepSeconds),
    'dashboards.forLab': async ({ labId }) => dashboards.forTemplate(await labs.templateOf(labId)),
    'terminals.open': (p) => terminals.open(p),
    'terminals.resize': async ({ sessionId, cols, rows }) => (await terminals.resize(sessionId, cols, rows), {}),
    'terminals.close': async ({ sessionId }) => (terminals.close(sessionId), {}),
    'terminals.list': async () => terminals.list(),
    'terminals.recordings': async ({ runId }) => terminals.recordings(runId),
    'terminals.recording': async ({ id }) => ({ cast: await terminals.recordingText(id) }),
    'logs.follow': (p) => logs.follow(p),
    'logs.stop': async ({ streamId }) => (logs.stop(streamId), {}),
  };

  return {
    handlers,
    bus,
    engine,
    jobs,
    settings,
    labs,
    terminals,
    logs,
    async close() {
      terminals.closeAll();
      logs.stopAll();
      await jobs.shutdown();
      deps.store.db.close();
    },
  };
}
