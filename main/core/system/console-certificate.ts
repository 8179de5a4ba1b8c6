import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { LabdeckError } from '../../api/errors';
import type { ProcessRunner } from './process-runner';

export interface ConsoleCertificate {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, as browsers show it (AA:BB:…). */
  fingerprint: string;
  /** Whether it was made just now (first use, or for a new address). */
  made: boolean;
}

const covers = (pem: string, host: string): boolean => {
  try {
    const c = new X509Certificate(pem);
    return new Date(c.validTo).getTime() > Date.now() + 86_400_000 && c.checkIP(host) !== undefined;
  } catch {
    return false;
  }
};

/**
 * The certificate a classroom console serves over HTTPS: the trainer's own (`--tls-cert/--tls-key`),
 * or a self-signed one made with the `openssl` command on first use and kept in the data folder
 * (node:crypto cannot make X.509 certificates). It names the address served and 127.0.0.1, so a
 * trainee's browser that accepted it once is not asked again until the address changes.
 */
export async function consoleCertificate(opts: { dataDir: string; host: string; run: ProcessRunner; given?: { cert: string; key: string } }): Promise<ConsoleCertificate> {
  if (opts.given) {
    const cert = readFileSync(opts.given.cert, 'utf8');
    const key = readFileSync(opts.given.key, 'utf8');
    let fingerprint: string;
    try {
      fingerprint = new X509Certificate(cert).fingerprint256;
    } catch (err) {
      throw new LabdeckError('BAD_REQUEST', `${opts.given.cert} is not a PEM certificate: ${(err as Error).message}`, { path: '--tls-cert' });
    }
    return { cert, key, fingerprint, made: false };
  }
  const dir = join(opts.dataDir, 'tls');
  const certFile = join(dir, 'console-cert.pem');
  const keyFile = join(dir, 'console-key.pem');
  const host = isIP(opts.host) ? opts.host : '127.0.0.1';
  let made = false;
  if (!existsSync(certFile) || !existsSync(keyFile) || !covers(readFileSync(certFile, 'utf8'), host)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const san = [...new Set([host, '127.0.0.1'])].map((ip) => `IP:${ip}`).join(',');
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256', '-days', '397', '-subj', '/CN=Labdeck classroom', '-addext', `subjectAltName=${san},DNS:localhost`, '-keyout', keyFile, '-out', certFile];
    const r = await opts.run('openssl', args, { timeoutMs: 30_000 }).catch((err: Error) => ({ code: 1, stdout: '', stderr: err.message }));
    if (r.code !== 0) {
      throw new LabdeckError('BAD_REQUEST', `could not make a self-signed certificate with openssl: ${r.stderr.trim().split('\n').at(-1) ?? ''}`, {
        hint: 'Install openssl (Debian: apt-get install openssl), or give your own with --tls-cert FILE --tls-key FILE.',
      });
    }
    chmodSync(keyFile, 0o600);
    made = true;
  }
  const cert = readFileSync(certFile, 'utf8');
  return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint: new X509Certificate(cert).fingerprint256, made };
}
