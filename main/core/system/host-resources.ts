import { statfs } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { cpus, freemem, totalmem } from 'node:os';
import type { HostResources } from '../../api/schemas/doctor';

/** MemAvailable from /proc/meminfo on Linux (what can be used without swapping); os.freemem elsewhere. */
async function availableMemory(): Promise<number> {
  if (process.platform === 'linux') {
    try {
      const m = /^MemAvailable:\s+(\d+) kB$/m.exec(await readFile('/proc/meminfo', 'utf8'));
      if (m) return Number(m[1]) * 1024;
    } catch {
      // fall through
    }
  }
  return freemem();
}

export async function hostResources(dataDir: string): Promise<HostResources> {
  const fs = await statfs(dataDir);
  return {
    dataDir,
    diskFreeBytes: Number(fs.bavail) * Number(fs.bsize),
    diskTotalBytes: Number(fs.blocks) * Number(fs.bsize),
    memoryAvailableBytes: await availableMemory(),
    memoryTotalBytes: totalmem(),
    cpus: Math.max(1, cpus().length),
    platform: process.platform,
    arch: process.arch,
  };
}
