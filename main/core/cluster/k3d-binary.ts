import { LabdeckError } from '../../api/errors';
import { findExecutable } from '../system/find-executable';
import type { ProcessRunner } from '../system/process-runner';

/** k3d 5.5 reads `k3d.io/v1alpha5` configs; older ones refuse the templates. */
export const MIN_K3D_VERSION = '5.5.0';

export const K3D_INSTALL_HINT =
  'Install k3d 5.5 or newer (https://k3d.io/#installation): `curl -s https://raw.githubusercontent.com/k3d-io/k3d/main/install.sh | bash`, ' +
  '`brew install k3d`, `choco install k3d`, or download the binary for your platform from https://github.com/k3d-io/k3d/releases and put it on PATH. ' +
  'Then check with `labdeck doctor`.';

export interface K3dBinary {
  path: string;
  version: string;
  /** The k3s version k3d uses when a config names no image. */
  k3sDefault?: string;
}

/** `k3d version` prints `k3d version v5.7.4` and `k3s version v1.30.4-k3s1 (default)`. */
export function parseK3dVersion(stdout: string): { version?: string; k3sDefault?: string } {
  return {
    version: /k3d version v?(\d+\.\d+\.\d+[\w.+-]*)/.exec(stdout)?.[1],
    k3sDefault: /k3s version (v[\w.+-]+)/.exec(stdout)?.[1],
  };
}

/** -1, 0 or 1 comparing the numeric parts of two versions (pre-release suffixes ignored). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
  return 0;
}

/** k3d on PATH at a version that reads v1alpha5 configs, or K3D_MISSING saying how to install it. */
export async function findK3d(run: ProcessRunner, env: NodeJS.ProcessEnv = process.env): Promise<K3dBinary> {
  const path = await findExecutable('k3d', env);
  if (!path) throw new LabdeckError('K3D_MISSING', 'k3d is not on PATH; cluster labs need it', { hint: K3D_INSTALL_HINT });
  const res = await run(path, ['version'], { timeoutMs: 10_000, env }).catch((err: unknown) => {
    throw new LabdeckError('K3D_MISSING', `${path} did not run: ${err instanceof Error ? err.message : String(err)}`, { hint: K3D_INSTALL_HINT });
  });
  const { version, k3sDefault } = parseK3dVersion(res.stdout);
  if (!version) throw new LabdeckError('K3D_MISSING', `${path} version printed no k3d version: ${(res.stdout + res.stderr).trim().slice(0, 200)}`, { hint: K3D_INSTALL_HINT });
  if (compareVersions(version, MIN_K3D_VERSION) < 0) {
    throw new LabdeckError('K3D_MISSING', `k3d ${version} at ${path} is too old: cluster labs need ${MIN_K3D_VERSION} or newer (k3d.io/v1alpha5 configs)`, { hint: K3D_INSTALL_HINT });
  }
  return { path, version, k3sDefault };
}
