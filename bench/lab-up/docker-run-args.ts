/** One planned container → the flags, image and args of `docker run`/`docker create`. */
import type { PlannedContainer } from '../../main/core/labs/lab-plan';

/** A word for bash: left bare when it is plainly safe, else single-quoted. */
export const sq = (s: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const durationFlag = (ns: number | undefined): string | undefined => (ns === undefined || ns === 0 ? undefined : `${Math.round(ns / 1_000_000)}ms`);

const KNOWN_CREATE = new Set(['name', 'Image', 'Cmd', 'Entrypoint', 'Env', 'Labels', 'Hostname', 'WorkingDir', 'User', 'ExposedPorts', 'Healthcheck', 'StopTimeout', 'HostConfig', 'NetworkingConfig']);
const KNOWN_HOST = new Set(['PortBindings', 'Mounts', 'Memory', 'NanoCpus', 'CapAdd', 'CapDrop', 'ReadonlyRootfs', 'SecurityOpt', 'RestartPolicy', 'Init', 'ExtraHosts', 'NetworkMode']);

const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** Docker API ContainerCreate body → `docker create`/`docker run` flags, image and args. Refuses what it cannot translate. */
export function dockerRunArgs(c: PlannedContainer, fileMounts: { host: string; target: string }[]): string[] {
  const k = c.create;
  for (const [key, v] of Object.entries(k)) if (!KNOWN_CREATE.has(key) && !isEmpty(v)) throw new Error(`floor: ${c.name}: cannot translate ContainerCreate.${key}`);
  const h = k.HostConfig ?? {};
  for (const [key, v] of Object.entries(h)) if (!KNOWN_HOST.has(key) && !isEmpty(v)) throw new Error(`floor: ${c.name}: cannot translate HostConfig.${key}`);
  const a: string[] = ['--name', c.name];

  const net = h.NetworkMode;
  if (net) {
    a.push('--network', net);
    for (const alias of k.NetworkingConfig?.EndpointsConfig?.[net]?.Aliases ?? []) a.push('--network-alias', alias);
  }
  if (k.Hostname) a.push('--hostname', k.Hostname);
  if (k.User) a.push('--user', k.User);
  if (k.WorkingDir) a.push('--workdir', k.WorkingDir);
  for (const e of k.Env ?? []) a.push('-e', e);
  for (const [lk, lv] of Object.entries(k.Labels ?? {})) a.push('--label', `${lk}=${lv}`);
  for (const port of Object.keys(k.ExposedPorts ?? {})) a.push('--expose', port);
  for (const [port, bindings] of Object.entries(h.PortBindings ?? {}) as [string, { HostIp?: string; HostPort?: string }[]][]) {
    for (const b of bindings ?? []) {
      if (b.HostIp !== '127.0.0.1') throw new Error(`floor: ${c.name}: port ${port} is bound on ${b.HostIp || 'all addresses'}; the bench publishes only on 127.0.0.1`);
      a.push('-p', `127.0.0.1:${b.HostPort ?? ''}:${port}`);
    }
  }

  const hc = k.Healthcheck;
  if (hc?.Test?.length) {
    const [kind, ...rest] = hc.Test;
    if (kind === 'NONE') a.push('--no-healthcheck');
    else {
      // --health-cmd always makes a CMD-SHELL check; a CMD array becomes its shell-quoted line.
      a.push('--health-cmd', kind === 'CMD-SHELL' ? rest.join(' ') : kind === 'CMD' ? rest.map(sq).join(' ') : hc.Test.map(sq).join(' '));
    }
  }
  const hi = durationFlag(hc?.Interval);
  if (hi) a.push('--health-interval', hi);
  const ht = durationFlag(hc?.Timeout);
  if (ht) a.push('--health-timeout', ht);
  if (hc?.Retries) a.push('--health-retries', String(hc.Retries));
  const hs = durationFlag(hc?.StartPeriod);
  if (hs) a.push('--health-start-period', hs);

  if (k.StopTimeout !== undefined) a.push('--stop-timeout', String(k.StopTimeout));
  const rp = h.RestartPolicy;
  if (rp?.Name) a.push('--restart', rp.Name === 'on-failure' && rp.MaximumRetryCount ? `on-failure:${rp.MaximumRetryCount}` : rp.Name);
  if (h.Memory) a.push('--memory', String(h.Memory));
  if (h.NanoCpus) a.push('--cpus', String(h.NanoCpus / 1e9));
  for (const cap of h.CapAdd ?? []) a.push('--cap-add', cap);
  for (const cap of h.CapDrop ?? []) a.push('--cap-drop', cap);
  for (const opt of h.SecurityOpt ?? []) a.push('--security-opt', opt);
  for (const host of h.ExtraHosts ?? []) a.push('--add-host', host);
  if (h.ReadonlyRootfs) a.push('--read-only');
  if (h.Init) a.push('--init');

  for (const m of h.Mounts ?? []) {
    const ro = m.ReadOnly ? ':ro' : '';
    if (m.Type === 'volume') a.push('-v', m.Source ? `${m.Source}:${m.Target}${ro}` : m.Target);
    else if (m.Type === 'bind') a.push('-v', `${m.Source}:${m.Target}${ro}`);
    else if (m.Type === 'tmpfs') {
      const o = m.TmpfsOptions;
      const opts = [o?.SizeBytes ? `size=${o.SizeBytes}` : '', o?.Mode ? `mode=${o.Mode.toString(8)}` : '', m.ReadOnly ? 'ro' : ''].filter(Boolean).join(',');
      a.push('--tmpfs', opts ? `${m.Target}:${opts}` : m.Target);
    } else throw new Error(`floor: ${c.name}: cannot translate a ${m.Type} mount`);
  }
  // Config files Labdeck copies in through the engine API are bind-mounted read-only here.
  for (const f of fileMounts) a.push('-v', `${f.host}:${f.target}:ro`);

  const ep = k.Entrypoint === undefined ? undefined : Array.isArray(k.Entrypoint) ? k.Entrypoint : [k.Entrypoint];
  if (ep) a.push('--entrypoint', ep[0] ?? '');
  a.push(k.Image ?? c.image);
  if (ep) a.push(...ep.slice(1));
  if (k.Cmd !== undefined) a.push(...(Array.isArray(k.Cmd) ? k.Cmd : [k.Cmd]));
  return a;
}
