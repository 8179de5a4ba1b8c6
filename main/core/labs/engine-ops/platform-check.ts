import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';

/** What engines and `uname` call an architecture, as OCI platforms name it. */
const ARCH: Record<string, string> = { x86_64: 'amd64', x64: 'amd64', aarch64: 'arm64', armv7l: 'arm', armhf: 'arm', i386: '386', i686: '386' };

function arch(name: string): string {
  const lower = name.toLowerCase();
  return ARCH[lower] ?? lower;
}

/** The services whose `platform:` (os/arch, a variant ignored) is not the engine's. */
export function platformMismatches(wanted: { service: string; platform: string }[], engine: { os: string; arch: string }): { service: string; platform: string }[] {
  const here = `${engine.os.toLowerCase()}/${arch(engine.arch)}`;
  return wanted.filter((w) => {
    const [os, a] = w.platform.toLowerCase().split('/');
    return `${os}/${arch(a ?? '')}` !== here;
  });
}

/**
 * Refuses `up` when a service asks for a platform the engine does not run: Labdeck runs images on the engine's own
 * OS and architecture (an emulated one would be slow and is often not installed), and would rather say so than
 * let the engine pull or run another platform's image.
 */
export async function checkPlatforms(docker: Docker, wanted: { service: string; platform: string }[]): Promise<void> {
  if (!wanted.length) return;
  const v = await docker.version();
  const engine = { os: String(v.Os ?? 'linux'), arch: String(v.Arch ?? '') };
  const bad = platformMismatches(wanted, engine);
  if (!bad.length) return;
  const native = `${engine.os}/${arch(engine.arch)}`;
  throw new LabdeckError('PLATFORM_MISMATCH', `${bad.map((b) => `service ${b.service} asks for platform ${b.platform}`).join('; ')}, but the engine runs ${native}`, {
    hint: `Remove \`platform:\` or set it to ${native}: Labdeck runs images on the engine's own platform`,
    path: `services.${bad[0].service}.platform`,
  });
}
