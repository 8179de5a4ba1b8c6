/** The live part's lab and console: `labdeck up`, `labdeck serve`, each with its teardown registered first. */
import { spawn } from 'node:child_process';
import { LAB_LABEL } from '../../main/core/labs/lab-labels';
import { aborter, checkAbort } from '../lab-up/abort';
import { sweepLabel, teardowns, warnings } from '../lab-up/cleanup';
import { launch, runForCleanup } from '../lab-up/processes';
import { LAB_NAME, LABDECK, ROOT } from './config';

/** Starts `lab` as `name` (the dashboard bench's by default) with LABDECK_HOME=home; its `down` (then a label sweep) is registered before. */
export async function startLab(lab: string, home: string, name = LAB_NAME): Promise<void> {
  const left = await sweepLabel(`${LAB_LABEL}=${name}`);
  if (left.length) process.stderr.write(`removed leftovers of an earlier bench run: ${left.join(', ')}\n`);
  const env = { ...process.env, LABDECK_HOME: home };
  teardowns.set(`lab ${name}`, async () => {
    const r = await runForCleanup(process.execPath, [LABDECK, 'down', name], env);
    const rest = await sweepLabel(`${LAB_LABEL}=${name}`);
    if (r.code !== 0 && !aborter.signal.aborted) warnings.push(`labdeck down ${name} exited ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`);
    if (rest.length) warnings.push(`after labdeck down ${name}, the bench removed what was left: ${rest.join(', ')}`);
  });
  process.stderr.write(`labdeck up ${lab} --name ${name}…\n`);
  const r = await launch(process.execPath, [LABDECK, 'up', lab, '--name', name], { env, onInterrupt: 'SIGINT' }).done;
  checkAbort();
  if (r.code !== 0) throw new Error(`labdeck up ${lab} --name ${name} exited ${r.code ?? r.signal}\n${r.stderr.trim()}`);
}

/**
 * Starts `labdeck serve --port 0` on the same home; returns its URL and pid once it prints the URL.
 * It runs until stopped, so it is not one of the commands the clean-up waits for: its teardown stops it.
 */
export async function startServe(home: string, env: NodeJS.ProcessEnv = {}): Promise<{ url: string; pid: number }> {
  checkAbort();
  const child = spawn(process.execPath, [LABDECK, 'serve', '--port', '0'], { cwd: ROOT, env: { ...process.env, LABDECK_HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const done = new Promise<number | string | null>((res) => child.on('close', (code, signal) => res(code ?? signal)));
  teardowns.set('labdeck serve', async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`labdeck serve printed no URL in 30 s:\n${out}`)), 30_000);
    const onData = (d: Buffer): void => {
      out += String(d);
      const m = /(http:\/\/\S+\?code=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', reject);
    void done.then((r) => reject(new Error(`labdeck serve exited ${r}:\n${out}`)));
  });
  return { url, pid: child.pid! };
}
