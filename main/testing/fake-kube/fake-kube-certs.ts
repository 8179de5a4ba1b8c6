import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A CA, a server certificate for 127.0.0.1 and an admin client certificate, as k3s makes them (k3d's kubeconfig carries the CA and the client pair). */
export interface FakeKubeCerts {
  ca: string;
  serverKey: string;
  serverCert: string;
  clientKey: string;
  clientCert: string;
}

/** Made with the openssl CLI (EC P-256, valid one day), in a temporary folder removed afterwards. */
export function makeFakeKubeCerts(): FakeKubeCerts {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-fake-kube-pki-'));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    ssl('req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=k3s-server-ca');
    const sign = (name: string, subject: string, ext: string): void => {
      writeFileSync(join(dir, `${name}.ext`), ext);
      ssl('req', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
      ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`);
    };
    sign('server', '/CN=k3s', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    sign('client', '/O=system:masters/CN=system:admin', 'extendedKeyUsage=clientAuth\n');
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    return { ca: read('ca.crt'), serverKey: read('server.key'), serverCert: read('server.crt'), clientKey: read('client.key'), clientCert: read('client.crt') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
