import { LabdeckError } from '../../../api/errors';
import type { FaultOf } from '../fault-model';
import type { Injector } from '../injector';
import { withHelper } from '../fault-helper';
import { runAll, tcDevices } from '../netns-commands';

/** The netem arguments after `netem`, in tc's order. */
export function netemArgs(p: FaultOf<'netem'>['params']): string[] {
  const a: string[] = [];
  if (p.delayMs !== undefined || p.jitterMs !== undefined) {
    a.push('delay', `${p.delayMs ?? 0}ms`);
    if (p.jitterMs) a.push(`${p.jitterMs}ms`);
  }
  if (p.lossPercent !== undefined) a.push('loss', `${p.lossPercent}%`);
  if (p.corruptPercent !== undefined) a.push('corrupt', `${p.corruptPercent}%`);
  if (p.duplicatePercent !== undefined) a.push('duplicate', `${p.duplicatePercent}%`);
  if (p.rate !== undefined) a.push('rate', p.rate);
  return a;
}

/** tc's answer when the kernel has no sch_netem (built without CONFIG_NET_SCH_NETEM, or no module). */
export function netemUnavailable(stderr: string): LabdeckError | undefined {
  if (!/qdisc kind is unknown|Unknown qdisc "?netem|No such file or directory.*netem/i.test(stderr)) return undefined;
  return new LabdeckError('NETEM_UNAVAILABLE', `this engine's kernel has no netem queueing discipline (sch_netem), so delay, jitter, corrupt and duplicate faults cannot run: tc said "${stderr.slice(0, 200)}"`, {
    hint: 'Use the loss fault (iptables) or the bandwidth fault (tbf) instead, which work without netem; or run the lab on a kernel with sch_netem (stock Debian and Ubuntu kernels have it as a module: modprobe sch_netem).',
  });
}

/** netem (delay, jitter, loss, corrupt, duplicate, rate) as the root qdisc of the target's interfaces. */
export const netemFault: Injector<'netem'> = async (ctx, f) => ({
  revert: { op: 'tc-root-del', startedAt: ctx.target.startedAt, devices: f.params.device ? [f.params.device] : undefined },
  apply: async () =>
    withHelper(ctx.docker, { labId: ctx.target.labId, targetId: ctx.target.id, mode: 'netns', image: ctx.helperImage, ownerPid: ctx.ownerPid, defer: ctx.defer }, async (h) => {
      const devices = await tcDevices(h, f.params.device);
      await runAll(h, devices.map((d) => ['tc', 'qdisc', 'replace', 'dev', d, 'root', 'netem', ...netemArgs(f.params)]), netemUnavailable);
      return { devices };
    }),
});
