import { labdeckVersion, packageResourcesDir } from './package-paths';
import { createCore, type Core } from './app-core';
import { dockerodeConnector } from './engine/engine-client';
import { discoverEndpoints, hostDiscoveryEnv } from './engine/endpoint-discovery';
import type { EndpointExtras } from './engine/endpoint-url';
import { openStore, type OpenStoreOptions } from './store/database';
import { defaultDataDir } from './store/data-dir';
import { diskFullError, freeBytes, isDiskFull, NEEDED_FREE_BYTES } from './store/disk-full';
import { systemClock } from './system/clock';
import { execFileRunner } from './system/process-runner';

/** The store, or DISK_FULL (with the path and what to free) where SQLite would only say "disk I/O error". */
function openStoreOnDisk(dataDir: string, opts?: OpenStoreOptions): ReturnType<typeof openStore> {
  try {
    return openStore(dataDir, opts);
  } catch (err) {
    if (isDiskFull(err) && (freeBytes(dataDir) ?? NEEDED_FREE_BYTES) < NEEDED_FREE_BYTES) throw diskFullError(dataDir, err, 'open its database');
    throw err;
  }
}

export { labdeckVersion };

const positiveInt = (text: string | undefined): number | undefined => (text && /^[1-9]\d{0,5}$/.test(text) ? Number(text) : undefined);

/** Core wired to this machine: the real data folder, engine sockets and processes. */
export function createHostCore(
  opts: {
    dataDir?: string;
    resourcesDir?: string;
    store?: OpenStoreOptions;
    version?: string;
    receiveAlerts?: boolean;
    log?: (line: string) => void;
    allowHostShell?: boolean;
  } = {},
): Core {
  const dataDir = opts.dataDir ?? defaultDataDir();
  // a registered engine's TLS files or ssh config are known once core (and its store) exists
  let extrasFor: (endpoint: string) => EndpointExtras = () => ({});
  const core = createCore({
    version: opts.version ?? labdeckVersion(),
    dataDir,
    resourcesDir: opts.resourcesDir ?? process.env.LABDECK_RESOURCES ?? packageResourcesDir(),
    store: openStoreOnDisk(dataDir, opts.store),
    connect: dockerodeConnector(15_000, (endpoint) => extrasFor(endpoint)),
    discover: () => discoverEndpoints(hostDiscoveryEnv()),
    run: execFileRunner,
    clock: systemClock,
    platform: process.platform,
    receiveAlerts: opts.receiveAlerts,
    log: opts.log,
    allowHostShell: opts.allowHostShell,
    maxReplicas: positiveInt(process.env.LABDECK_MAX_REPLICAS),
    env: process.env,
    home: hostDiscoveryEnv().home,
  });
  extrasFor = (endpoint) => core.engines.extrasFor(endpoint);
  return core;
}
