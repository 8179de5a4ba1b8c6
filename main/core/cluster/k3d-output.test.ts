import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClusterList } from './k3d-list';
import { failureSummary, parseK3dLine } from './k3d-log';
import { compareVersions, parseK3dVersion } from './k3d-binary';

// Fixtures are built from k3d's documented formats, not recorded (see fixtures/README.md).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe("k3d's log lines", () => {
  it('parses level, time and message out of coloured logrus lines', () => {
    const lines = fixture('create-log.txt').split('\n').map((l) => parseK3dLine(l)).filter((l) => l !== undefined);
    expect(lines[1]).toEqual({ level: 'info', time: '0000', message: 'Prep: Network' });
    expect(lines.find((l) => l.level === 'warn')?.message).toBe('No node filter specified');
    expect(lines.at(-1)?.message).toBe("Cluster 'k3s-single' created successfully!");
    expect(lines.every((l) => !l.message.includes('\u001b'))).toBe(true);
  });

  it('keeps timestamped lines and lines in no logrus shape', () => {
    expect(parseK3dLine('INFO[2024-11-02T10:14:03Z] Starting servers...')).toEqual({ level: 'info', time: '2024-11-02T10:14:03Z', message: 'Starting servers...' });
    expect(parseK3dLine('panic: runtime error', 'stderr')).toEqual({ level: 'error', message: 'panic: runtime error' });
    expect(parseK3dLine('   ')).toBeUndefined();
  });

  it("says why a create failed from its error and fatal lines", () => {
    const lines = fixture('create-fail-log.txt').split('\n').map((l) => parseK3dLine(l, 'stderr')).filter((l) => l !== undefined);
    const summary = failureSummary(lines)!;
    expect(summary).toContain('runtime failed to pull image rancher/k3s:v1.30.6-k3s1');
    expect(summary).toContain('Cluster creation FAILED');
  });
});

describe('k3d cluster list -o json', () => {
  it('reads clusters, counts, nodes and their runtime labels', () => {
    const [mine, other] = parseClusterList(fixture('cluster-list.json'));
    expect(mine).toMatchObject({ name: 'k3s-single', servers: { running: 1, count: 1 }, agents: { running: 0, count: 0 }, loadbalancer: true });
    expect(mine.nodes.map((n) => [n.name, n.role, n.running])).toEqual([
      ['k3d-k3s-single-server-0', 'server', true],
      ['k3d-k3s-single-serverlb', 'loadbalancer', true],
    ]);
    expect(mine.nodes[0].labels['io.labdeck.lab']).toBe('k3s-single');
    expect(other).toMatchObject({ name: 'someone-elses', loadbalancer: false, servers: { running: 0, count: 1 } });
  });

  it('takes an empty answer as no clusters and refuses what is not JSON', () => {
    expect(parseClusterList('[]\n')).toEqual([]);
    expect(parseClusterList('')).toEqual([]);
    expect(() => parseClusterList('NAME SERVERS')).toThrow(/printed no JSON/);
    expect(() => parseClusterList('[{"nodes": []}]')).toThrow(/unexpected JSON at 0.name/);
  });
});

describe('k3d version', () => {
  it('reads k3d and default k3s versions and compares versions', () => {
    expect(parseK3dVersion('k3d version v5.7.4\nk3s version v1.30.4-k3s1 (default)\n')).toEqual({ version: '5.7.4', k3sDefault: 'v1.30.4-k3s1' });
    expect(compareVersions('5.4.9', '5.5.0')).toBe(-1);
    expect(compareVersions('v5.10.0', '5.5.0')).toBe(1);
    expect(compareVersions('5.5.0-rc.1', '5.5.0')).toBe(0);
  });
});
