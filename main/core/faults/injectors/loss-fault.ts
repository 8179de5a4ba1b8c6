import type { Injector } from '../injector';
import { withHelper } from '../fault-helper';
import { ruleComment, runAll } from '../netns-commands';

/**
 * Packet loss by iptables `statistic --mode random` in the target's network namespace: each packet
 * in the chosen direction is dropped with the given probability. Works without sch_netem.
 */
export const lossFault: Injector<'loss'> = async (ctx, f) => {
  const { percent, direction } = f.params;
  const chains = direction === 'both' ? ['INPUT', 'OUTPUT'] : direction === 'egress' ? ['OUTPUT'] : ['INPUT'];
  const rule = (chain: string): string[] => [chain, '-m', 'statistic', '--mode', 'random', '--probability', (percent / 100).toFixed(4), ...ruleComment(ctx.faultId), '-j', 'DROP'];
  return {
    revert: { op: 'netns', startedAt: ctx.target.startedAt, argvs: chains.map((c) => ['iptables', '-D', ...rule(c)]) },
    apply: async () => {
      await withHelper(ctx.docker, { labId: ctx.target.labId, targetId: ctx.target.id, mode: 'netns', image: ctx.helperImage, ownerPid: ctx.ownerPid, defer: ctx.defer }, (h) =>
        runAll(h, chains.map((c) => ['iptables', '-I', ...rule(c)])),
      );
      return { chains, probability: percent / 100 };
    },
  };
};
