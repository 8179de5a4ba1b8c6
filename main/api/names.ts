/**
 * The contract's method and event names, with no schema library attached, so the sandboxed
 * preload can be generated from them and stay small. contract.ts must define exactly these
 * (checked at compile time there, and by contract.test.ts).
 */
export const METHOD_NAMES = [
  'app.info',
  'engine.status',
  'engine.candidates',
  'engines.list',
  'engines.add',
  'engines.remove',
  'doctor.report',
  'settings.get',
  'settings.update',
  'jobs.list',
  'jobs.cancel',
  'labs.templates',
  'labs.plan',
  'labs.up',
  'labs.down',
  'labs.list',
  'labs.status',
  'labs.start',
  'labs.stop',
  'labs.restart',
  'labs.query',
  'labs.queryRange',
  'dashboards.forLab',
  'labs.events',
  'labs.addNote',
  'labs.alerts',
  'labs.serviceAction',
  'labs.audit',
  'terminals.open',
  'terminals.resize',
  'terminals.close',
  'terminals.list',
  'terminals.recordings',
  'terminals.recording',
  'logs.follow',
  'logs.stop',
  'scenarios.list',
  'runs.start',
  'runs.list',
  'runs.get',
  'runs.events',
  'runs.act',
  'runs.report',
  'runs.delete',
  'clusters.list',
  'clusters.create',
  'clusters.delete',
  'clusters.pods',
] as const;

export const EVENT_NAMES = ['engine.status', 'settings.changed', 'job.progress', 'job.finished', 'lab.event', 'logs.lines', 'run.event'] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];
