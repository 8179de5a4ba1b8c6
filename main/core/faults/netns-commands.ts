import { LabdeckError } from '../../api/errors';
import { interfaces, type HelperRunner } from './fault-helper';

/** stderr of a delete that finds nothing to delete: the revert was already done (or the state is gone). */
export const ALREADY_GONE = [/Bad rule/i, /does a matching rule exist/i, /handle of zero/i, /No such file or directory/i, /Cannot find device/i, /RTNETLINK answers: No such/i];

/** Runs argvs in order in the helper; the first failure becomes FAULT_FAILED (or what `classify` makes of it). */
export async function runAll(h: HelperRunner, argvs: string[][], classify?: (stderr: string) => LabdeckError | undefined): Promise<void> {
  for (const argv of argvs) {
    const r = await h.run(argv);
    if (r.exitCode === 0) continue;
    const stderr = (r.stderr || r.stdout).trim();
    throw classify?.(stderr) ?? new LabdeckError('FAULT_FAILED', `${argv.join(' ')} failed (${r.exitCode}): ${stderr.slice(0, 400)}`);
  }
}

/** Runs undo argvs, each one on its own: a delete that finds nothing is fine; other failures are collected. */
export async function undoAll(h: HelperRunner, argvs: string[][]): Promise<string[]> {
  const errors: string[] = [];
  for (const argv of argvs) {
    const r = await h.run(argv);
    const stderr = (r.stderr || r.stdout).trim();
    if (r.exitCode !== 0 && !ALREADY_GONE.some((re) => re.test(stderr))) errors.push(`${argv.join(' ')}: ${stderr.slice(0, 300)}`);
  }
  return errors;
}

/** The devices a tc fault shapes: the one named, else every interface but lo. */
export async function tcDevices(h: HelperRunner, device?: string): Promise<string[]> {
  const devs = device ? [device] : await interfaces(h);
  if (!devs.length) throw new LabdeckError('FAULT_TARGET_INVALID', 'the target has no network interface but lo (is it partitioned?)');
  return devs;
}

/** `tc qdisc del dev X root` for each device: undoes tbf and netem alike. */
export const tcDeleteRoot = (devs: string[]): string[][] => devs.map((d) => ['tc', 'qdisc', 'del', 'dev', d, 'root']);

/** An iptables rule spec with a comment naming the fault, so the revert deletes exactly this rule. */
export const ruleComment = (faultId: string): string[] => ['-m', 'comment', '--comment', `labdeck-fault:${faultId}`];
