import { z } from 'zod';
import { DoctorReport } from './schemas/doctor';
import { EndpointCandidate, EngineStatus } from './schemas/engine';
import { EngineAddParams, EngineListing, EngineRef, RegisteredEngine } from './schemas/engines';
import { JobProgress, JobRef, JobSummary } from './schemas/jobs';
import { Settings, SettingsPatch } from './schemas/settings';
import { DownParams, LabRef, PlanParams, LabStats, LabStatus, LabSummary, PlanSummary, QueryParams, QueryResult, TemplateSummary, UpParams } from './schemas/labs';
import { Dashboard, RangeParams, RangeResult } from './schemas/dashboards';
import { ActiveAlert, LabEvent, LabEventsParams, NoteParams, ServiceActionParams } from './schemas/lab-events';
import {
  LogBatch,
  LogsParams,
  LogStreamId,
  OpenTerminalParams,
  RecordingRef,
  RecordingSummary,
  RecordingText,
  RecordingsParams,
  ResizeParams,
  SessionRef,
  TerminalInfo,
} from './schemas/terminals';
import { RunActParams, RunActResult, RunEventView, RunEventsParams, RunRef, RunReportParams, RunStartParams, RunSummary, RunView, RunViewParams, ScenarioSummary } from './schemas/runs';
import { AuditParams, AuditReport } from './schemas/audit';
import { ClusterCreateParams, ClusterRef, ClusterSummary, PodSummary, PodsParams } from './schemas/clusters';
import {
  ClassBoard,
  ClassChanged,
  ClassCreateParams,
  ClassDetail,
  ClassExtendParams,
  ClassMessage,
  ClassMessageParams,
  ClassRef,
  ClassSummary,
  ClassCapacity,
  ClassStartParams,
  SeatCodes,
  SeatId,
  SeatRef,
  SeatView,
} from './schemas/classes';
import { BundleCreateParams, BundleImportParams, BundleSummary, BundleVerifyParams, DownloadLink, ExportFile, ExportRef, KeyRef, LabReadiness, SigningKey, TrustedKey, TrustKeyParams, UploadRef } from './schemas/bundles';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from './names';

/**
 * The contract: every method and event Labdeck's core offers, with the schema of each payload.
 * Electron IPC and the WebSocket server are two adapters over this one table; the preload is
 * generated from `methodNames`. Nothing here imports Node or Electron.
 */
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) => ({
  input,
  output,
  doc,
});

const Empty = z.object({}).strict();

export const AppInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  /** Set when the database was found corrupt on open and moved here. */
  corruptDatabaseMovedTo: z.string().optional(),
  /** Whether host shells may be opened here (the desktop app; `labdeck serve --allow-host-shell`). */
  hostShell: z.boolean().optional(),
  /** Set for a read-only observer's console (`labdeck serve` prints that link too). */
  observer: z.boolean().optional(),
  /** Who the console's credential speaks for, as the server decided it (absent in the desktop app: the owner). */
  role: z.enum(['owner', 'observer', 'trainee']).optional(),
  /** The SHA-256 fingerprint of the console's HTTPS certificate, for the trainer to show the room. */
  tlsFingerprint: z.string().optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

type MethodSpec = { input: z.ZodType; output: z.ZodType; doc: string };

export const methods = {
  'app.info': method(Empty, AppInfo, 'Version, data folder, database file.'),
  'engine.status': method(
    z.object({ refresh: z.boolean().optional() }).strict(),
    EngineStatus,
    'The engine Labdeck talks to, found by discovery or picked in Settings.',
  ),
  'engine.candidates': method(Empty, z.array(EndpointCandidate), 'Every place an engine may answer, in discovery order.'),
  'engines.list': method(Empty, z.array(EngineListing), 'Registered engines and docker contexts, each with what it answers now.'),
  'engines.add': method(EngineAddParams, RegisteredEngine, 'Register an engine by name: ssh://user@host, tcp://host:2376 with TLS files.'),
  'engines.remove': method(EngineRef, Empty, 'Forget a registered engine (refused while a lab lives on it).'),
  'doctor.report': method(Empty, DoctorReport, 'Engine, k3d, kubectl, disk and memory.'),
  'settings.get': method(Empty, Settings, 'The saved settings.'),
  'settings.update': method(SettingsPatch, Settings, 'Change some settings; returns all of them.'),
  'jobs.list': method(Empty, z.array(JobSummary), 'Jobs of this session, newest first.'),
  'jobs.cancel': method(JobRef, JobSummary, 'Ask a running job to stop; it rolls back what it made.'),
  'labs.templates': method(Empty, z.array(TemplateSummary), 'Built-in and user lab templates.'),
  'labs.plan': method(PlanParams, PlanSummary, 'What `up` would create for a template.'),
  'labs.up': method(UpParams, JobSummary, 'Start a lab; a job whose result is the lab status once healthy.'),
  'labs.down': method(DownParams, z.object({ containers: z.number(), networks: z.number(), volumes: z.number(), images: z.number().optional() }), 'Remove every resource of a lab (its built images too with `rmi`).'),
  'labs.list': method(Empty, z.array(LabSummary), 'Labs on the engine, found by label.'),
  'labs.status': method(LabRef, LabStatus, 'Services, state, health, ports and restarts (no CPU or memory: see labs.stats).'),
  'labs.stats': method(LabRef, LabStats, "CPU, memory and network of the lab's running containers, from the engine's stats stream."),
  'labs.start': method(LabRef, LabStatus, 'Start every container of a stopped lab (after an engine restart); its ports are new.'),
  'labs.stop': method(LabRef, LabStatus, 'Stop every container of the lab, keeping it.'),
  'labs.restart': method(LabRef, LabStatus, 'Stop, then start every container of the lab.'),
  'labs.query': method(QueryParams, QueryResult, "Instant PromQL query against the lab's Prometheus."),
  'labs.queryRange': method(RangeParams, RangeResult, "Range PromQL query against the lab's Prometheus, decoded to numbers."),
  'dashboards.forLab': method(LabRef, z.array(Dashboard), "The lab's dashboards: its overview, then those its template names."),
  'labs.events': method(LabEventsParams, z.array(LabEvent), "The lab's timeline: alerts received from its Alertmanager, notes, service actions."),
  'labs.addNote': method(NoteParams, LabEvent, "Adds a note to the lab's timeline."),
  'labs.alerts': method(LabRef, z.array(ActiveAlert), "Alerts pending or firing now in the lab's Prometheus."),
  'labs.serviceAction': method(ServiceActionParams, LabEvent, 'Stop, start or restart one container of the lab; recorded on its timeline.'),
  'labs.audit': method(AuditParams, AuditReport, "The Docker security checklist over a lab's running containers: each finding with why it matters and the Compose fix."),
  'terminals.open': method(OpenTerminalParams, TerminalInfo, 'Open a shell in a lab container, a cluster lab\'s pod, or on the host where allowed; its bytes flow over the terminal channel.'),
  'terminals.resize': method(ResizeParams, Empty, "Resize a terminal's TTY (the byte channel can do this too)."),
  'terminals.close': method(SessionRef, Empty, 'End a terminal session.'),
  'terminals.list': method(Empty, z.array(TerminalInfo), 'Terminal sessions of this process.'),
  'terminals.recordings': method(RecordingsParams, z.array(RecordingSummary), 'Asciicast recordings, of one run or the latest.'),
  'terminals.recording': method(RecordingRef, RecordingText, 'The asciicast v2 text of one recording, for replay.'),
  'logs.follow': method(LogsParams, z.object({ streamId: LogStreamId }), 'Follow the logs of a service or the whole lab; lines arrive as `logs.lines` events.'),
  'logs.stop': method(z.object({ streamId: LogStreamId }).strict(), Empty, 'Stop a log stream.'),
  'scenarios.list': method(Empty, z.array(ScenarioSummary), 'Game-day scenarios: built-in and the user\'s.'),
  'runs.start': method(RunStartParams, RunSummary, "Start a game day in the app; the scenario's lab is found or started first."),
  'runs.list': method(Empty, z.array(RunSummary), 'Runs, newest first: scenario, lab, result, score, duration, time to detect and recover.'),
  'runs.get': method(RunViewParams, RunView, 'One run as its room shows it: briefing, timer, tasks, faults, score.'),
  'runs.events': method(RunEventsParams, z.array(RunEventView), "A run's journal (after a sequence number)."),
  'runs.act': method(RunActParams, RunActResult, 'Check a task, reveal a hint, mark detected, add a note, or a facilitator control.'),
  'runs.report': method(RunReportParams, z.object({ text: z.string() }), "A run's report: Markdown, self-contained HTML or the JSON journal."),
  'runs.delete': method(RunRef, Empty, 'Delete a finished run, its journal and its recordings.'),
  'clusters.list': method(Empty, z.array(ClusterSummary), 'k3d clusters Labdeck made: nodes, servers and agents running, kubeconfig file.'),
  'clusters.create': method(ClusterCreateParams, JobSummary, 'Create a cluster lab from a cluster template; a job whose result is the lab status.'),
  'clusters.delete': method(ClusterRef, z.object({ containers: z.number(), networks: z.number(), volumes: z.number() }), 'Delete a cluster lab with k3d and its files.'),
  'clusters.pods': method(PodsParams, z.array(PodSummary), "A cluster lab's pods (one namespace or all) through the Kubernetes API: status, ready, restarts, containers."),
  'classes.create': method(ClassCreateParams, ClassDetail, 'Create a class: its course from the catalog, its seats, each with a join code.'),
  'classes.list': method(Empty, z.array(ClassSummary), 'Classes, newest first.'),
  'classes.get': method(ClassRef, ClassDetail, 'A class with its seats, their labs and (while this console holds them) their join codes.'),
  'classes.capacity': method(ClassRef, ClassCapacity, "The capacity plan: each step's lab (budget, limits) × seats against the engine's memory and CPU, with a verdict in numbers."),
  'classes.start': method(
    ClassStartParams,
    ClassSummary.extend({ capacity: ClassCapacity.optional(), prewarmed: z.array(z.string()) }),
    "Start the class: its clock runs from now. Refused (CLASS_CAPACITY) when its labs do not fit in the engine's memory, unless `force`; the labs of the first `prewarm` seats start now, the others' when they join.",
  ),
  'classes.end': method(ClassRef, ClassSummary, "End the class: no seat joins any more and the seats' labs are removed (their runs stay)."),
  'classes.board': method(ClassRef, ClassBoard, "The trainer's board: seats × course steps, each seat's lab; `class.changed` says when to fetch it again."),
  'classes.issue': method(z.object({ name: ClassRef.shape.name, seat: SeatId.optional() }).strict(), SeatCodes, 'New join codes for every open seat or one seat (a revoked seat opens again); old codes and their sessions stop working.'),
  'classes.revoke': method(SeatRef, Empty, "Revoke a seat: its link and its sessions stop working at once."),
  'classes.extend': method(ClassExtendParams, ClassSummary, "Give the class more minutes."),
  'classes.resetSeat': method(SeatRef, z.object({ removed: z.array(z.string()) }), "Remove a seat's labs, so it starts its step again on a fresh lab."),
  'classes.message': method(ClassMessageParams, ClassMessage, 'Send a hint or a message to one seat or to every seat (`class.message`).'),
  'classes.export': method(ClassRef, z.object({ file: z.string(), bytes: z.number() }), "One .tar.gz of the class: every seat's run journals, reports, terminal recordings and a CSV of scores."),
  'classes.mine': method(Empty, SeatView, "A trainee's class: the course, its seat, the time, the trainer's messages to it."),
  'bundles.keys': method(Empty, z.array(TrustedKey), 'Public keys trusted to sign bundles.'),
  'bundles.trustKey': method(TrustKeyParams, TrustedKey, 'Trust bundles signed by this minisign public key (the text of its .pub file).'),
  'bundles.untrustKey': method(KeyRef, z.object({ removed: z.boolean() }), 'Stop trusting a bundle signing key.'),
  'bundles.readiness': method(Empty, z.array(LabReadiness), 'Per lab: whether every image it runs is on the engine (ready offline), or which are missing.'),
  'bundles.verify': method(BundleVerifyParams, BundleSummary, 'Verify an uploaded bundle completely (signature, every checksum) without loading anything.'),
  'bundles.import': method(BundleImportParams, JobSummary, 'Verify, then import an uploaded bundle; a job with progress per image whose result (BundleImportResult) says who signed it and what was loaded, installed or kept. The upload is removed when the job ends.'),
  'bundles.create': method(BundleCreateParams, JobSummary, "Export labs and scenarios with their images into a bundle the server names in the data folder's exports; a job with progress per image (result: BundleExportResult)."),
  'bundles.exports': method(Empty, z.array(ExportFile), 'Bundles exported here, newest first.'),
  'bundles.download': method(ExportRef, DownloadLink, 'A one-time download path for an exported bundle (five minutes).'),
  'bundles.removeExport': method(ExportRef, Empty, 'Delete an exported bundle.'),
  'bundles.discardUpload': method(UploadRef, Empty, 'Delete an uploaded bundle that will not be imported.'),
  'bundles.signingKeys': method(Empty, z.array(SigningKey), "This installation's bundle signing keys (secret keys in the data folder's keys/; only their public halves are shown)."),
  'bundles.newSigningKey': method(Empty, SigningKey, 'Make a signing key in the data folder and trust its public key here; give the public key to importers.'),
} as const satisfies Record<MethodName, MethodSpec>;

export const events = {
  'engine.status': EngineStatus,
  'settings.changed': Settings,
  'job.progress': JobProgress,
  'job.finished': JobSummary,
  'lab.event': LabEvent,
  'logs.lines': LogBatch,
  'run.event': RunEventView,
  'class.message': ClassMessage,
  'class.changed': ClassChanged,
} as const satisfies Record<EventName, z.ZodType>;

export type { EventName, MethodName };
export type Methods = typeof methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParams<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames: readonly MethodName[] = METHOD_NAMES;
export const eventNames: readonly EventName[] = EVENT_NAMES;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
