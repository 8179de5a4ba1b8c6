import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { LabdeckError } from '../../api/errors';
import type { HubAddress } from './hub-address';

/**
 * A connection to the hub, open and checked before anything is written to it: over HTTPS the
 * certificate must have the pinned fingerprint (the hub's is self-signed, so no CA can vouch for
 * it), and a mismatch is refused before a code or token is sent.
 */
export function hubSocket(a: HubAddress, timeoutMs = 10_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const fail = (err: Error): void => {
      sock.destroy();
      reject(err instanceof LabdeckError ? err : new LabdeckError('HUB_UNREACHABLE', `cannot reach the hub ${a.origin}: ${err.message}`, { hint: 'Is the trainer’s `labdeck serve --class` running, and this machine on its network?' }));
    };
    const timer = setTimeout(() => fail(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      sock.off('error', fail);
      resolve(sock);
    };
    const sock: Socket = a.secure
      ? tlsConnect({ host: a.host, port: a.port, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] }, () => {
          const seen = (sock as ReturnType<typeof tlsConnect>).getPeerCertificate().fingerprint256;
          if (seen !== a.fingerprint) {
            clearTimeout(timer);
            return fail(new LabdeckError('HUB_CERTIFICATE', `the hub ${a.origin} presents certificate ${seen}, not the pinned ${a.fingerprint}: nothing was sent to it`, { hint: 'Compare with the fingerprint `labdeck serve` printed on the trainer’s screen; another machine may be answering.' }));
          }
          done();
        })
      : netConnect({ host: a.host, port: a.port }, done);
    sock.once('error', fail);
  });
}
