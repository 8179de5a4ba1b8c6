import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import Docker from 'dockerode';

/**
 * Tests that need a real engine or browser: where one is missing they skip with a loud line,
 * unless LABDECK_REQUIRE_DOCKER=1 / LABDECK_REQUIRE_BROWSER=1 (as in CI), where they fail.
 */
async function dockerAnswers(): Promise<boolean> {
  try {
    const host = process.env.DOCKER_HOST;
    await new Docker(host?.startsWith('unix://') ? { socketPath: host.slice(7), timeout: 3000 } : host ? undefined : { socketPath: '/var/run/docker.sock', timeout: 3000 }).ping();
    return true;
  } catch {
    return false;
  }
}

function decide(what: string, present: boolean, requireVar: string): boolean {
  if (present) return true;
  if (process.env[requireVar] === '1') throw new Error(`${what} is required (${requireVar}=1) but is not available`);
  process.stderr.write(`\n!!! SKIPPING ${what} TESTS: not available here. Set ${requireVar}=1 to make this a failure. !!!\n\n`);
  return false;
}

export const CHROMIUM = process.env.LABDECK_CHROMIUM ?? '/usr/bin/chromium';

export async function hasDocker(): Promise<boolean> {
  return decide('DOCKER', await dockerAnswers(), 'LABDECK_REQUIRE_DOCKER');
}

export function hasBrowser(): boolean {
  return decide('BROWSER', existsSync(CHROMIUM), 'LABDECK_REQUIRE_BROWSER');
}

/** promtool (Debian's `prometheus` package; lab-images.sh installs it): required where Docker is. */
export function hasPromtool(): boolean {
  let found = false;
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    found = true;
  } catch {
    found = false;
  }
  return decide('PROMTOOL', found, 'LABDECK_REQUIRE_DOCKER');
}
