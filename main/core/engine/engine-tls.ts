import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabdeckError } from '../../api/errors';
import { dockerConfigDir } from './docker-context';

/** A registered engine's own certificate files (else DOCKER_CERT_PATH's ca.pem, cert.pem, key.pem). */
export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

function read(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new LabdeckError('BAD_REQUEST', `cannot read the engine's TLS ${what} ${file}: ${(err as Error).message}`, {
      hint: 'Give the CA, client certificate and key the engine was set up with (labdeck engines add NAME tcp://host:2376 --tls-ca F --tls-cert F --tls-key F), or DOCKER_CERT_PATH holding ca.pem, cert.pem and key.pem.',
    });
  }
}

/**
 * Whether a tcp:// engine speaks TLS and with what, as the Docker CLI decides: per-engine files,
 * else DOCKER_TLS_VERIFY=1 with DOCKER_CERT_PATH (default ~/.docker). The server is always verified
 * against the CA (Node's default trust when no CA is given); there is no "skip verify" here.
 */
export function tlsMaterial(files: TlsFiles | undefined, env: NodeJS.ProcessEnv, home: string): TlsMaterial | null {
  if (files && (files.ca || files.cert || files.key)) {
    if (!!files.cert !== !!files.key) throw new LabdeckError('BAD_REQUEST', 'a client certificate needs its key, and a key its certificate', { hint: 'Give both --tls-cert and --tls-key, or neither.' });
    return {
      ...(files.ca ? { ca: read(files.ca, 'CA') } : {}),
      ...(files.cert ? { cert: read(files.cert, 'client certificate') } : {}),
      ...(files.key ? { key: read(files.key, 'client key') } : {}),
    };
  }
  if (env.DOCKER_TLS_VERIFY !== '1') return null;
  const dir = env.DOCKER_CERT_PATH || dockerConfigDir(env, home);
  return { ca: read(join(dir, 'ca.pem'), 'CA'), cert: read(join(dir, 'cert.pem'), 'client certificate'), key: read(join(dir, 'key.pem'), 'client key') };
}

const VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * ENGINE_TLS for a TLS failure talking to `endpoint` (its certificate, or ours refused), else null.
 * `overTls`: the connection was TLS; with TLS 1.3 a server refusing our client certificate does so
 * after the client's side of the handshake, and Node sees only a reset (seen against a server with
 * requestCert): a reset on a TLS connection at a ping is taken for that.
 */
export function engineTlsError(err: unknown, endpoint: string, overTls = false): LabdeckError | null {
  const e = err as { code?: string; message?: string; statusCode?: number } | undefined;
  if (!e) return null;
  const msg = e.message ?? '';
  if (e.code && VERIFY_CODES.has(e.code)) {
    const name = e.code === 'ERR_TLS_CERT_ALTNAME_INVALID';
    return new LabdeckError('ENGINE_TLS', `the engine at ${endpoint} presented a certificate that does not verify: ${msg} (${e.code})`, {
      hint: name
        ? "The certificate is for another name: connect with a name or IP in its subjectAltName, or have the engine's certificate reissued for this one."
        : "Give the CA that signed the engine's certificate (--tls-ca, or ca.pem in DOCKER_CERT_PATH); nothing was sent to this engine.",
      cause: err,
    });
  }
  if (/alert (certificate required|bad certificate|unknown ca|handshake failure)|SSL alert number (40|42|48|116)|wrong version number/i.test(msg) || e.code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED') {
    return new LabdeckError('ENGINE_TLS', `the engine at ${endpoint} refused the TLS handshake: ${msg}`, {
      hint: /wrong version number/.test(msg)
        ? 'The engine does not speak TLS on this port: use tcp:// without TLS certificates, or the TLS port (2376).'
        : "The engine wants a client certificate signed by its CA: give --tls-cert and --tls-key (or cert.pem and key.pem in DOCKER_CERT_PATH).",
      cause: err,
    });
  }
  if (overTls && (e.code === 'ECONNRESET' || /socket hang up/.test(msg))) {
    return new LabdeckError('ENGINE_TLS', `the engine at ${endpoint} closed the TLS connection before answering (${e.code ?? msg})`, {
      hint: "The engine most likely refused our client certificate: give --tls-cert and --tls-key signed by the engine's CA (or cert.pem and key.pem in DOCKER_CERT_PATH).",
      cause: err,
    });
  }
  if (e.statusCode === 400 && /HTTP request to an HTTPS server/i.test(msg)) {
    return new LabdeckError('ENGINE_TLS', `the engine at ${endpoint} speaks TLS, and Labdeck connected without it`, {
      hint: 'Register it with its certificates: labdeck engines add NAME tcp://host:2376 --tls-ca ca.pem --tls-cert cert.pem --tls-key key.pem (or set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH).',
      cause: err,
    });
  }
  return null;
}
