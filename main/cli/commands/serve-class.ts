import QRCode from 'qrcode';
import type { Core } from '../../core/app-core';

/**
 * The links of a class's seats, printed when `serve --class` starts: a fresh code per open seat
 * (only their hashes are stored, so a new launch hands out new links), each as a URL and, with
 * `--qr`, as a QR code a phone can read off the terminal.
 */
export async function printSeatLinks(core: Core, name: string, base: string, qr: boolean, fingerprint?: string): Promise<void> {
  const codes = core.classes.issue(name);
  const c = core.classes.detail(name);
  process.stdout.write(`Class ${c.name} (${c.state}): ${c.course.map((s) => s.name).join(' → ')}; ${codes.length} open seat(s)\n`);
  for (const { seat, code } of codes) {
    // the fingerprint rides along so `labdeck class join LINK` (a spoke) can pin the certificate; a browser ignores it
    const link = `${base}join?code=${code}${fingerprint ? `&fp=${fingerprint.replace(/:/g, '')}` : ''}`;
    process.stdout.write(`Seat ${seat}: ${link}\n`);
    if (qr) process.stdout.write(await QRCode.toString(link, { type: 'terminal', small: true, errorCorrectionLevel: 'L' }));
  }
}
