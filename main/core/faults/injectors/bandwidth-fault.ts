import type { Injector } from '../injector';
import { withHelper } from '../fault-helper';
import { runAll, tcDevices } from '../netns-commands';

/** Bandwidth limit by tc tbf (token bucket) as the root qdisc of the target's interfaces (egress). */
export const bandwidthFault: Injector<'bandwidth'> = async (ctx, f) => {
  const { rate, burst, latencyMs, device } = f.params;
  return {
    revert: { op: 'tc-root-del', startedAt: ctx.target.startedAt, devices: device ? [device] : undefined },
    apply: async () =>
      withHelper(ctx.docker, { labId: ctx.target.labId, targetId: ctx.target.id, mode: 'netns', image: ctx.helperImage, ownerPid: ctx.ownerPid, defer: ctx.defer }, async (h) => {
        const devices = await tcDevices(h, device);
        await runAll(h, devices.map((d) => ['tc', 'qdisc', 'replace', 'dev', d, 'root', 'tbf', 'rate', rate, 'burst', burst, 'latency', `${latencyMs}ms`]));
        return { devices };
      }),
  };
};
