/** Way 1: `labdeck up <lab> --name bench-ld-<i>`, timed from spawn to exit 0. */
import { performance } from 'node:perf_hooks';
import { LAB_LABEL } from '../../main/core/labs/lab-labels';
import { aborter, checkAbort } from './abort';
import { sweepLabel, teardowns, warnings } from './cleanup';
import { LABDECK } from './config';
import { launch, runForCleanup } from './processes';

export interface LabdeckSample {
  seconds: number;
  /** Progress lines from stderr: step, message, seconds since spawn. */
  steps: { step: string; message: string; at: number }[];
}

export async function labdeckWay(lab: string, i: number, home: string): Promise<LabdeckSample> {
  const name = `bench-ld-${i}`;
  const env = { ...process.env, LABDECK_HOME: home };
  teardowns.set(name, async () => {
    const r = await runForCleanup(process.execPath, [LABDECK, 'down', name], env);
    const left = await sweepLabel(`${LAB_LABEL}=${name}`);
    // After an interrupted `up` has rolled itself back there is nothing to take down.
    if (r.code !== 0 && !aborter.signal.aborted) warnings.push(`labdeck down ${name} exited ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`);
    if (left.length) warnings.push(`after labdeck down ${name}, the bench removed what was left: ${left.join(', ')}`);
  });
  const steps: LabdeckSample['steps'] = [];
  const t0 = performance.now();
  const { done } = launch(process.execPath, [LABDECK, 'up', lab, '--name', name], {
    env,
    onInterrupt: 'SIGINT',
    onStderrLine: (line, at) => {
      const m = /^ {2}([a-z][a-z-]*)(?:: (.*))?$/.exec(line);
      if (m) steps.push({ step: m[1], message: m[2] ?? '', at: (at - t0) / 1000 });
    },
  });
  const r = await done;
  checkAbort();
  if (r.code !== 0) throw new Error(`labdeck up ${lab} --name ${name} exited ${r.code ?? r.signal}\n${r.stderr.trim()}`);
  return { seconds: (r.exitAt - t0) / 1000, steps };
}
