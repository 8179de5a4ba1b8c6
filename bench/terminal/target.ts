import { execFileSync } from 'node:child_process';

/** The container the bench works in: labelled as a one-service lab, so Labdeck may open a shell in it. */
export interface BenchTarget {
  lab: string;
  service: string;
  container: string;
  file: string;
  fileBytes: number;
}

const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8', maxBuffer: 1 << 20 }).trim();

/** Starts lab/toolbox:1 with the lab's labels and writes a ~100 MB text file (base64 lines) into it. */
export function startTarget(mb: number): BenchTarget {
  const lab = `bench-term-${process.pid}`;
  const container = `${lab}-tools-1`;
  docker('run', '-d', '--name', container, '--label', `io.labdeck.lab=${lab}`, '--label', 'io.labdeck.service=tools', 'lab/toolbox:1', 'sleep', 'infinity');
  const file = '/tmp/cat-me.txt';
  const raw = Math.round((mb * 1_000_000 * 3) / 4);
  docker('exec', container, 'sh', '-c', `head -c ${raw} /dev/urandom | base64 > ${file}`);
  const fileBytes = Number(docker('exec', container, 'sh', '-c', `wc -c < ${file}`));
  return { lab, service: 'tools', container, file, fileBytes };
}

export function stopTarget(t: BenchTarget | undefined): void {
  if (!t) return;
  try {
    docker('rm', '-f', t.container);
  } catch {
    process.stderr.write(`could not remove ${t.container}; remove it with: docker rm -f ${t.container}\n`);
  }
}
