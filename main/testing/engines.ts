import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface TestEngine {
  name: 'docker' | 'podman';
  endpoint: string;
}

const PODMAN_SOCKET = '/run/podman/podman.sock';

function podmanAnswers(): boolean {
  if (!existsSync(PODMAN_SOCKET)) return false;
  try {
    execFileSync('docker', ['-H', `unix://${PODMAN_SOCKET}`, 'version', '--format', '{{.Server.Version}}'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The engines the engine suites run against: Docker always (hasDocker decides skip or fail), and
 * Podman's Docker-compatible socket when it answers (scripts/podman-up.sh starts it). With
 * LABDECK_REQUIRE_PODMAN=1 a missing Podman fails instead of being left out with a loud line.
 */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [{ name: 'docker', endpoint: process.env.DOCKER_HOST || 'unix:///var/run/docker.sock' }];
  if (podmanAnswers()) engines.push({ name: 'podman', endpoint: `unix://${PODMAN_SOCKET}` });
  else if (process.env.LABDECK_REQUIRE_PODMAN === '1') throw new Error(`Podman is required (LABDECK_REQUIRE_PODMAN=1) but nothing answers at ${PODMAN_SOCKET}; run scripts/podman-up.sh`);
  else process.stderr.write(`\n!!! PODMAN LEFT OUT of the engine suites: nothing answers at ${PODMAN_SOCKET} (scripts/podman-up.sh starts it) !!!\n\n`);
  return engines;
}

/**
 * The rows for `describe.skipIf(!ready).each(…)`: without an engine, one placeholder row, so the
 * suite is registered and reported skipped (an empty table registers nothing, and vitest then fails
 * the file with "No test suite found" instead of the loud skip hasDocker printed).
 */
export function engineRows(ready: boolean): TestEngine[] {
  return ready ? testEngines() : [{ name: 'docker', endpoint: 'unix:///no-engine-here.sock' }];
}
