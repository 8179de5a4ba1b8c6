import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const openssl = (dir: string, args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });

function ca(dir: string, name: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.pem`]);
}

/** A leaf certificate signed by `caName`, with the given subjectAltName and extended key usage. */
function leaf(dir: string, name: string, caName: string, san: string | null, usage: 'serverAuth' | 'clientAuth'): void {
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`]);
  writeFileSync(join(dir, `${name}.ext`), `${san ? `subjectAltName=${san}\n` : ''}extendedKeyUsage=${usage}\n`);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.pem`, '-CAkey', `${caName}-key.pem`, '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`]);
}

/**
 * Certificates for TLS engine tests, made with openssl: `ca` signs `server` (IP:127.0.0.1) and
 * `client`; `server-elsewhere` is signed by `ca` for another name; `other-ca` signs `other-client`.
 */
export function makeTestCerts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-tls-'));
  ca(dir, 'ca');
  ca(dir, 'other-ca');
  leaf(dir, 'server', 'ca', 'IP:127.0.0.1', 'serverAuth');
  leaf(dir, 'server-elsewhere', 'ca', 'DNS:engine.elsewhere.invalid', 'serverAuth');
  leaf(dir, 'client', 'ca', null, 'clientAuth');
  leaf(dir, 'other-client', 'other-ca', null, 'clientAuth');
  return dir;
}
