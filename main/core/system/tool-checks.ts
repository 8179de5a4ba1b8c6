import type { ToolCheck } from '../../api/schemas/doctor';
import { compareVersions, K3D_INSTALL_HINT, MIN_K3D_VERSION } from '../cluster/k3d-binary';
import { findExecutable } from './find-executable';
import type { ProcessRunner } from './process-runner';

interface ToolSpec {
  name: string;
  args: string[];
  parse: (stdout: string) => string | undefined;
  /** Older versions are reported as too old, with the hint. */
  minVersion?: string;
  hint?: string;
}

export const TOOL_SPECS: ToolSpec[] = [
  { name: 'k3d', args: ['version'], parse: (out) => /k3d version (v?[\w.+-]+)/.exec(out)?.[1], minVersion: MIN_K3D_VERSION, hint: K3D_INSTALL_HINT },
  {
    name: 'kubectl',
    args: ['version', '--client', '-o', 'json'],
    parse: (out) => {
      try {
        return (JSON.parse(out) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
      } catch {
        return undefined;
      }
    },
  },
];

/** Whether each tool is on PATH and what version it reports. */
export async function checkTools(run: ProcessRunner, env: NodeJS.ProcessEnv = process.env, specs = TOOL_SPECS): Promise<ToolCheck[]> {
  return Promise.all(
    specs.map(async (spec): Promise<ToolCheck> => {
      const path = await findExecutable(spec.name, env);
      if (!path) return { name: spec.name, found: false };
      try {
        const res = await run(path, spec.args, { timeoutMs: 10_000 });
        const version = spec.parse(res.stdout);
        if (!version) return { name: spec.name, found: true, path, error: (res.stderr || res.stdout).trim().slice(0, 300) || 'no version in output' };
        if (spec.minVersion && compareVersions(version, spec.minVersion) < 0) return { name: spec.name, found: true, path, version, minVersion: spec.minVersion, tooOld: true, hint: spec.hint };
        return { name: spec.name, found: true, path, version, ...(spec.minVersion ? { minVersion: spec.minVersion } : {}) };
      } catch (err) {
        return { name: spec.name, found: true, path, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}
