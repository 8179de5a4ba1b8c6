import type { FaultKind } from './fault-model';
import type { Injector } from './injector';
import { appFault } from './injectors/app-fault';
import { bandwidthFault } from './injectors/bandwidth-fault';
import { diskFault } from './injectors/disk-fault';
import { execFault } from './injectors/exec-fault';
import { killFault, pauseFault, restartFault, stopFault } from './injectors/lifecycle-faults';
import { limitFault } from './injectors/limit-fault';
import { lossFault } from './injectors/loss-fault';
import { netemFault } from './injectors/netem-fault';
import { partitionFault } from './injectors/partition-fault';
import { cpuFault, memoryFault } from './injectors/stress-faults';

/** Every fault kind and its injector. */
export const INJECTORS: { [K in FaultKind]: Injector<K> } = {
  kill: killFault,
  stop: stopFault,
  restart: restartFault,
  pause: pauseFault,
  loss: lossFault,
  bandwidth: bandwidthFault,
  netem: netemFault,
  app: appFault,
  partition: partitionFault,
  cpu: cpuFault,
  memory: memoryFault,
  disk: diskFault,
  limit: limitFault,
  exec: execFault,
};

/** Kinds that own the root qdisc of the target's interfaces: two at once on one container would undo each other. */
export const TC_KINDS: FaultKind[] = ['bandwidth', 'netem'];
