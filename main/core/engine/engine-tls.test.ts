import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabdeckError } from '../../api/errors';
import { makeTestCerts } from '../../testing/test-certs';
import { dockerodeConnector } from './engine-client';
import type { TlsFiles } from './engine-tls';

/**
 * tcp:// with TLS against a real TLS server that behaves like `dockerd --tlsverify` (client
 * certificates required, signed by its CA) and answers /_ping. Each bad certificate is refused
 * with ENGINE_TLS and a hint, never taken as "the engine is down" and never skipped.
 */
describe('tcp:// engines with TLS', () => {
  let dir: string;
  const servers: Server[] = [];
  const ports: Record<string, number> = {};
  const file = (n: string): string => join(dir, n);

  async function serve(name: string, cert: string): Promise<void> {
    const s = createServer(
      { ca: readFileSync(file('ca.pem')), cert: readFileSync(file(`${cert}.pem`)), key: readFileSync(file(`${cert}-key.pem`)), requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'api-version': '1.41' });
        res.end(req.url?.endsWith('/_ping') ? 'OK' : '{}');
      },
    );
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    servers.push(s);
    ports[name] = (s.address() as { port: number }).port;
  }

  beforeAll(async () => {
    dir = makeTestCerts();
    await serve('good', 'server');
    await serve('elsewhere', 'server-elsewhere');
  });
  afterAll(() => {
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ping = async (name: string, tls: TlsFiles): Promise<LabdeckError | 'ok'> => {
    const client = dockerodeConnector(5000, () => ({ tls }))(`tcp://127.0.0.1:${ports[name]}`);
    return client.ping().then(
      () => 'ok' as const,
      (e: unknown) => e as LabdeckError,
    );
  };
  const mine = (): TlsFiles => ({ ca: file('ca.pem'), cert: file('client.pem'), key: file('client-key.pem') });

  it('pings an engine whose certificate verifies against the given CA, with our client certificate', async () => {
    expect(await ping('good', mine())).toBe('ok');
  });

  it('refuses a server certificate from another CA with ENGINE_TLS', async () => {
    const err = await ping('good', { ...mine(), ca: file('other-ca.pem') });
    expect(err).toBeInstanceOf(LabdeckError);
    expect((err as LabdeckError).code).toBe('ENGINE_TLS');
    expect((err as LabdeckError).hint).toMatch(/--tls-ca/);
  });

  it('refuses a server certificate for another name with ENGINE_TLS', async () => {
    const err = (await ping('elsewhere', mine())) as LabdeckError;
    expect(err.code).toBe('ENGINE_TLS');
    expect(err.message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
    expect(err.hint).toMatch(/subjectAltName/);
  });

  it('says so when the engine refuses our client certificate, or we gave none', async () => {
    const foreign = (await ping('good', { ca: file('ca.pem'), cert: file('other-client.pem'), key: file('other-client-key.pem') })) as LabdeckError;
    expect(foreign.code).toBe('ENGINE_TLS');
    const none = (await ping('good', { ca: file('ca.pem') })) as LabdeckError;
    expect(none.code).toBe('ENGINE_TLS');
    expect(none.hint).toMatch(/--tls-cert/);
  });
});
