import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../api/handlers';
import { AuditService } from './audit/audit-service';
import { LabService } from './labs/lab-service';
import { LabsRepo } from './labs/labs-repo';
import { RunJournal } from './scenarios/run-journal';
import { visibleEvents } from './scenarios/run-visibility';
import { labShapes } from './scenarios/lab-shapes';
import { ScenarioCatalog } from './scenarios/scenario-catalog';
import { ScenarioService } from './scenarios/scenario-service';
import { removeKilledRunLabs } from './scenarios/killed-run-labs';
import { LabEventsRepo, type NewLabEvent } from './labs/lab-events-repo';
import { AlertReceivers } from './monitoring/alert-webhook/alert-receivers';
import type { LabEvent } from '../api/schemas/lab-events';
import { TemplateCatalog } from './labs/template-catalog';
import { TrustRepo } from './labs/trust-repo';
import { DEFAULT_MAX_REPLICAS } from './labs/template-risks';
import { DashboardCatalog } from './monitoring/dashboards/dashboard-catalog';
import { EngineService } from './engine/engine-service';
import { EngineRegistry } from './engine/engine-registry';
import { EnginesRepo } from './engine/engines-repo';
import type { EngineConnector } from './engine/engine-client';
import type { EndpointCandidate } from '../api/schemas/engine';
import { EventBus } from './events/event-bus';
import { FaultService, type RevertReport } from './faults/fault-service';
import { RevertLedger } from './faults/revert-ledger';
import { JobRegistry } from './jobs/job-registry';
import type { OpenedStore } from './store/database';
import { SettingsRepo } from './store/settings-repo';
import { installationId } from './store/installation-id';
import type { Clock } from './system/clock';
import { checkTools } from './system/tool-checks';
import { k3dUnavailable, markClusterNeeds } from './cluster/k3d-readiness';
import { hostResources } from './system/host-resources';
import type { ProcessRunner } from './system/process-runner';
import { TerminalService } from './terminals/terminal-service';
import { RecordingsRepo } from './terminals/recordings-repo';
import { hostShellStarter } from './terminals/host-shell';
import { LogsService } from './terminals/logs-service';
import { podTerminals } from './terminals/pod-terminals';
import { podLogs } from './terminals/pod-log-stream';
import { createClusters } from './cluster/cluster-wiring';
import type { StreamRunner } from './cluster/stream-runner';
import type { ClusterService } from './cluster/cluster-service';
import { ClassesRepo } from './classes/classes-repo';
import { limitSeatPlan } from './classes/seat-limits';
import { ClassService } from './classes/class-service';
import { SpokeInbox } from './spokes/spoke-inbox';
import { SpokeRuns } from './spokes/spoke-runs';
import { SpokeHub } from './spokes/spoke-hub';
import { SpokeOutbox } from './spokes/spoke-outbox';
import type { SpokeMark } from '../api/schemas/classes';
import { classHandlers, type ClassHandlerDeps } from './classes/class-handlers';
import { BundleService } from './bundles/bundle-service';
import { TrustedKeysRepo } from './bundles/trusted-keys-repo';
import { bundleHandlers } from './bundles/bundle-handlers';
import { loadTemplate } from './labs/template/load-template';

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
  /** Run the Alertmanager webhook receivers of live labs (the app and `labdeck serve`; not one-shot CLI commands). */
  receiveAlerts?: boolean;
  log?: (line: string) => void;
  /** Host shells (node-pty): on in the desktop app, off in `labdeck serve` unless --allow-host-shell. */
  allowHostShell?: boolean;
  /** Runs k3d with its log lines streamed (default: spawn). */
  stream?: StreamRunner;
  /** More replicas of one service than this is refused (default DEFAULT_MAX_REPLICAS). */
  maxReplicas?: number;
  /** Where docker contexts are read (DOCKER_CONFIG, HOME); none when absent. */
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface Core {
  handlers: Handlers;
  bus: EventBus;
  engine: EngineService;
  /** Engines by name (registered, docker contexts); which engine a command or a lab uses. */
  engines: EngineRegistry;
  jobs: JobRegistry;
  settings: SettingsRepo;
  labs: LabService;
  audit: AuditService;
  faults: FaultService;
  scenarios: ScenarioService;
  /** The start-up revert of faults left pending by a process that is gone (see FaultService.revertPending). */
  faultsRecovered: Promise<RevertReport[]>;
  labEvents: LabEventsRepo;
  receivers?: AlertReceivers;
  terminals: TerminalService;
  logs: LogsService;
  clusters: ClusterService;
  classes: ClassService;
  /** The hub's side of spoke seats (trainees' own Labdeck reporting their runs). */
  spokes: SpokeHub;
  /** A spoke's side: the classes this machine joined and their numbered outboxes. */
  spokeOutbox: SpokeOutbox;
  /** What `labdeck class export` needs to write a class's archive. */
  classExport: ClassHandlerDeps;
  bundles: BundleService;
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

  const isAlive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  };

  const labsRepo = new LabsRepo(deps.store.db, () => deps.clock.now());
  const engines = new EngineRegistry({
    repo: new EnginesRepo(deps.store.db, () => deps.clock.now()),
    labs: labsRepo,
    engine,
    connect: deps.connect,
    env: deps.env ?? {},
    home: deps.home ?? '',
  });
  const labEvents = new LabEventsRepo(deps.store.db, () => deps.clock.now());
  const receivers = deps.receiveAlerts ? new AlertReceivers({ labs: labsRepo, events: labEvents, onEvent: (e) => bus.emit('lab.event', e), log: deps.log }) : undefined;
  receivers?.start();
  const record = (e: NewLabEvent): LabEvent => {
    const saved = labEvents.append(e)!;
    bus.emit('lab.event', saved);
    return saved;
  };

  const catalog = new TemplateCatalog({ builtIn: join(deps.resourcesDir, 'labs'), user: join(deps.dataDir, 'labs') });
  const installation = installationId(deps.dataDir);
  const clusters = createClusters({ ...deps, installation, jobs, engine, repo: labsRepo });
  // the classes are made after the labs (they ask the labs): the labs ask them through this late binding
  let seatOfLab: (labId: string) => string | undefined = () => undefined;
  const labs = new LabService({
    clusters: clusters.service,
    engine,
    jobs,
    repo: labsRepo,
    onWebhook: () => void receivers?.sync(),
    catalog,
    installation,
    pid: process.pid,
    isAlive,
    trust: new TrustRepo(deps.store.db, () => deps.clock.now()),
    risk: { homeDir: homedir(), dataDir: deps.dataDir, maxReplicas: deps.maxReplicas ?? DEFAULT_MAX_REPLICAS },
    // a seat's lab (its name claimed in SQLite before up) gets a memory and CPU limit on every container
    adjustPlan: (plan, t) => (seatOfLab(plan.labId) !== undefined ? limitSeatPlan(plan, t.meta.resources) : plan),
  });

  const faults = new FaultService({
    ledger: new RevertLedger(deps.store.db, () => deps.clock.now()),
    engine: async () => {
      const client = await engine.require();
      return { client, kind: (await engine.status()).info?.kind ?? 'docker' };
    },
    connect: deps.connect,
    pid: process.pid,
    isAlive,
  });
  // No fault outlives a crash: whatever a dead process left applied is undone now (the engine is
  // contacted only when the ledger holds such faults).
  const faultsRecovered = faults
    .revertPending()
    .then((reports) => {
      for (const r of reports) process.stderr.write(`labdeck: fault ${r.id} (${r.kind} on ${r.target}) left by a process that is gone: ${r.outcome}${r.note ? ` (${r.note})` : ''}\n`);
      return reports;
    })
    .catch((err: unknown) => {
      process.stderr.write(`labdeck: reverting faults left by a previous run failed: ${err instanceof Error ? err.message : String(err)}\n`);
      return [] as RevertReport[];
    });

  const journal = new RunJournal(deps.store.db, () => deps.clock.now());
  const scenarioCatalog = new ScenarioCatalog({ builtIn: join(deps.resourcesDir, 'scenarios'), user: join(deps.dataDir, 'scenarios') }, () => labShapes({ templates: catalog, clusters: clusters.catalog }));
  const scenarios = new ScenarioService({
    catalog: scenarioCatalog,
    labs,
    jobs,
    engine,
    faults,
    journal,
    record,
    isAlive,
  });
  journal.onAppend = (e) => bus.emit('run.event', e);
  // after the faults (a lab's removal must not race their reverts); a no-op unless a killed run had started its lab
  const killedRunLabs = faultsRecovered
    .then(() => removeKilledRunLabs(scenarios.live.orphans, { journal, down: (labId) => labs.down(labId) }))
    .then((list) => {
      for (const l of list) process.stderr.write(`labdeck: ${l.message}\n`);
      return list;
    })
    .catch(() => []);
  bus.subscribe((event, payload) => {
    if (event === 'lab.event') scenarios.live.onLabEvent(payload as LabEvent);
  });

  const dashboards = new DashboardCatalog({ builtIn: join(deps.resourcesDir, 'dashboards'), user: join(deps.dataDir, 'dashboards') });

  const docker = async () => (await engine.require()).docker;
  const bundles = new BundleService({
    sources: {
      labs: async () => (await catalog.list()).filter((t) => t.source !== 'file'),
      scenarios: async () => (await scenarioCatalog.list()).map((s) => ({ name: s.name, file: s.file, lab: s.lab })),
      dashboardFile: (name) => dashboards.fileOf(name),
      templateNeeds: async (file) => ({ dashboards: (await loadTemplate(file)).meta.dashboards, images: (await labs.plan(file)).images }),
      builtInLabs: async () => (await catalog.list()).filter((t) => t.source === 'built-in').map((t) => t.name),
      builtInScenarios: async () => (await scenarioCatalog.list()).filter((s) => s.source === 'built-in').map((s) => s.name),
    },
    docker,
    trusted: new TrustedKeysRepo(deps.store.db, () => deps.clock.now()),
    clusters: clusters.service,
    dataDir: deps.dataDir,
    version: deps.version,
    now: () => deps.clock.now(),
  });
  const terminals = new TerminalService({
    docker,
    dataDir: deps.dataDir,
    recordings: new RecordingsRepo(deps.store.db, () => deps.clock.now()),
    hostShell: hostShellStarter({
      allowed: deps.allowHostShell ?? false,
      engineEndpoint: async () => (await engine.status()).info?.endpoint,
      kubeconfig: (labId) => (existsSync(clusters.service.kubeconfig(labId)) ? clusters.service.kubeconfig(labId) : undefined),
    }),
    pods: podTerminals((labId) => clusters.service.clusterKube(labId)),
  });
  const logs = new LogsService(docker, (batch) => bus.emit('logs.lines', batch), podLogs((labId) => clusters.service.clusterKube(labId)));

  const audit = new AuditService({ catalog, docker: async () => (await engine.current())?.docker });

  // spoke seats: their runs arrive over the spoke's connection and sit beside the local ones on the board
  const spokeInbox = new SpokeInbox(deps.store.db, () => deps.clock.now());
  const spokeRuns = new SpokeRuns(spokeInbox, (name) => scenarioCatalog.load(name).then((x) => x.scenario).catch(() => undefined));
  const classes = new ClassService({
    repo: new ClassesRepo(deps.store.db, () => deps.clock.now()),
    spokeOf: (seat): SpokeMark | undefined => spokes.mark(seat),
    scenarioNames: async () => (await scenarios.list()).filter((x) => x.source !== 'file').map((x) => x.name),
    templateNames: async () => (await catalog.list()).filter((t) => t.source !== 'file').map((t) => t.name),
    down: (labId) => labs.down(labId),
    runs: async () => [...scenarios.live.summaries(), ...spokeRuns.summaries()],
    view: async (runId) => (spokeRuns.isSpokeRun(runId) ? spokeRuns.view(runId) : scenarios.live.view(runId, 'facilitator')),
    labs: () => labs.list(),
    emitMessage: (m) => bus.emit('class.message', m),
    emitChanged: (c) => bus.emit('class.changed', c),
    now: () => deps.clock.now(),
    stepLab: async (step) => {
      const template = step.kind === 'lab' ? step.name : (await scenarios.list()).find((x) => x.name === step.name)?.lab;
      if (!template) return undefined;
      const { t, plan } = await labs.load(template, 'capacity-plan');
      return { template, budget: t.meta.resources, plan };
    },
    engineSize: async () => {
      const info = (await engine.status()).info;
      return info ? { memoryBytes: info.memoryBytes, cpus: info.cpus } : undefined;
    },
    upLab: (template, labId) => labs.up(template, labId),
  });
  const spokes: SpokeHub = new SpokeHub({ inbox: spokeInbox, claim: (seat, lab) => classes.claim(seat, lab), classOfSeat: (seat) => classes.classOfSeat(seat), emitChanged: (c) => bus.emit('class.changed', c) });
  seatOfLab = (labId) => classes.ownerOfLab(labId);
  // a seat's run moved: its class's board changed
  bus.subscribe((event, payload) => {
    if (event !== 'run.event') return;
    const labId = journal.get((payload as { runId: string }).runId)?.labId;
    const seat = labId ? classes.ownerOfLab(labId) : undefined;
    const name = seat ? classes.classOfSeat(seat) : undefined;
    if (seat && name) bus.emit('class.changed', { name, seat, why: 'run' });
  });
  const classExport: ClassHandlerDeps = {
    classes,
    dataDir: deps.dataDir,
    runsOfLabs: (owned) => journal.list(10_000).filter((r) => owned.has(r.labId)).map((r) => ({ id: r.id, scenario: r.scenario })),
    report: (runId, format) => scenarios.report(runId, format),
    recordings: async ({ runId }) => terminals.recordings(runId),
    recordingText: async ({ id }) => ({ cast: await terminals.recordingText(id) }),
    now: () => deps.clock.now(),
  };

  const handlers: Handlers = {
    ...classHandlers(classExport),
    'app.info': async () => ({
      version: deps.version,
      dataDir: deps.dataDir,
      databasePath: deps.store.path,
      corruptDatabaseMovedTo: deps.store.movedAside,
      hostShell: deps.allowHostShell ?? false,
    }),
    'engine.status': async ({ refresh }) => engine.status(refresh ?? false),
    'engine.candidates': async () => engine.candidates(),
    'engines.list': () => engines.list(),
    'engines.add': async (p) => engines.add(p),
    'engines.remove': async ({ name }) => (engines.remove(name), {}),
    'doctor.report': async () => {
      const [status, tools, host] = await Promise.all([engine.status(true), checkTools(deps.run), hostResources(deps.dataDir)]);
      return { ok: status.connected, engine: status, tools, host };
    },
    'settings.get': async () => settings.get(),
    'settings.update': async ({ confirm: _confirm, ...patch }) => {
      const before = settings.get();
      const after = settings.update(patch);
      bus.emit('settings.changed', after);
      if (before.engineEndpoint !== after.engineEndpoint) await engine.status(true);
      return after;
    },
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => jobs.cancel(jobId),
    'labs.templates': async () => [...(await catalog.list()), ...(await clusters.catalog.list())],
    'labs.plan': ({ template, name, envFiles, profiles }) => labs.plan(template, name, { envFiles, profiles }),
    'labs.up': ({ template, name, trust, envFiles, profiles }) => labs.up(template, name, { trust }, { envFiles, profiles }),
    'labs.down': ({ labId, keepVolumes, rmi }) => labs.down(labId, keepVolumes, rmi),
    'labs.list': () => labs.list(),
    'labs.status': ({ labId }) => labs.status(labId),
    'labs.stats': ({ labId }) => labs.stats(labId),
    'labs.start': ({ labId }) => labs.power(labId, 'start'),
    'labs.stop': ({ labId }) => labs.power(labId, 'stop'),
    'labs.restart': ({ labId }) => labs.power(labId, 'restart'),
    'labs.query': ({ labId, query, time }) => labs.query(labId, query, time),
    'labs.queryRange': ({ labId, query, start, end, stepSeconds }) => labs.queryRange(labId, query, start, end, stepSeconds),
    'dashboards.forLab': async ({ labId }) => ((await clusters.service.isClusterLab(labId)) ? clusters.dashboards(labId) : dashboards.forTemplate(await labs.templateOf(labId))),
    ...clusters.handlers,
    'labs.events': async ({ labId, afterSeq }) => labEvents.list(labId, { since: labsRepo.get(labId)?.createdAt, afterSeq }),
    'labs.addNote': async ({ labId, text }) => record({ labId, kind: 'note', source: 'user', title: text, data: {} }),
    'labs.alerts': ({ labId }) => labs.alerts(labId),
    'labs.serviceAction': async ({ labId, container, action }) => {
      const service = await labs.act(labId, container, action);
      const kind = action === 'stop' ? 'service.stopped' : action === 'start' ? 'service.started' : 'service.restarted';
      return record({ labId, kind, source: 'user', title: `${container} ${kind.split('.')[1]}`, data: { container, service } });
    },
    'labs.audit': ({ labId }) => audit.lab(labId),
    'terminals.open': (p) => terminals.open(p),
    'terminals.resize': async ({ sessionId, cols, rows }) => (await terminals.resize(sessionId, cols, rows), {}),
    'terminals.close': async ({ sessionId }) => (terminals.close(sessionId), {}),
    'terminals.list': async () => terminals.list(),
    'terminals.recordings': async ({ runId }) => terminals.recordings(runId),
    'terminals.recording': async ({ id }) => ({ cast: await terminals.recordingText(id) }),
    'logs.follow': (p) => logs.follow(p),
    'logs.stop': async ({ streamId }) => (logs.stop(streamId), {}),
    'scenarios.list': async () => markClusterNeeds(await scenarios.list(), (lab) => clusters.catalog.resolve(lab) !== undefined, () => k3dUnavailable(deps.run)),
    'runs.start': (p) => scenarios.live.start(p),
    'runs.list': async () => scenarios.live.summaries(),
    'runs.get': async ({ runId, role }) => scenarios.live.view(runId, role),
    'runs.events': async ({ runId, afterSeq, role }) => {
      const run = journal.get(runId);
      const events = journal.events(runId).filter((e) => e.seq > (afterSeq ?? 0));
      return run ? visibleEvents(run, events, role) : events;
    },
    'runs.act': ({ runId, action, role }) => scenarios.live.act(runId, action, role),
    'runs.report': async ({ runId, format, role }) => ({ text: scenarios.report(runId, format, role) }),
    'runs.delete': async ({ runId }) => (scenarios.live.delete(runId), {}),
    ...bundleHandlers(bundles, jobs),
  };

  return {
    handlers,
    bus,
    engine,
    engines,
    jobs,
    settings,
    labs,
    audit,
    faults,
    scenarios,
    faultsRecovered,
    labEvents,
    receivers,
    terminals,
    logs,
    clusters: clusters.service,
    classes,
    spokes,
    spokeOutbox: new SpokeOutbox(deps.store.db, () => deps.clock.now()),
    classExport,
    bundles,
    async close() {
      await receivers?.close();
      await scenarios.live.close();
      terminals.closeAll();
      labs.closeStats();
      logs.stopAll();
      await jobs.shutdown();
      await labs.closeTunnels();
      await faultsRecovered;
      await killedRunLabs;
      await faults.close().catch(() => undefined);
      journal.flush(); // the last chance for events a full disk held back
      deps.store.db.close();
    },
  };
}
