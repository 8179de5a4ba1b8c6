import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FakeKubeCerts } from './fake-kube-certs';
import { WebSocketServer } from 'ws';
import { runExec, type ExecRecord } from './fake-exec';

/**
 * A FAKE of the few Kubernetes API endpoints pod terminals and pod logs use, built from the
 * Kubernetes API documentation because no k3s can run where Labdeck is tested. It is not a
 * Kubernetes: it serves pods from a table, lets in a client certificate signed by its CA (over
 * TLS, as k3s does for k3d's kubeconfig) or a bearer token, and runs exec commands as local
 * processes. Endpoints:
 *   GET  /api/v1/pods, /api/v1/namespaces/N/pods, /api/v1/namespaces/N/pods/P
 *   GET  /api/v1/namespaces/N/pods/P/log?container&follow&timestamps&tailLines (chunked while following)
 *   WS   /api/v1/namespaces/N/pods/P/exec?command…&container&stdin&stdout&stderr&tty (see fake-exec.ts)
 */
export interface FakePod {
  namespace: string;
  name: string;
  containers: string[];
  phase?: string;
  annotations?: Record<string, string>;
  /** Log lines per container: RFC 3339 time and text. */
  logs?: Record<string, { time: string; text: string }[]>;
}

type Status = { code: number; reason: string; message: string };

export class FakeKubeApi {
  readonly execs: ExecRecord[] = [];
  /** Log requests as received (path and query). */
  readonly logRequests: URL[] = [];
  private readonly processes = new Set<{ kill(): void }>();
  private readonly followers = new Map<string, Set<ServerResponse>>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;

  constructor(
    private readonly pods: FakePod[],
    private readonly token: string,
    /** Subprotocols this API server speaks, in its order of preference. */
    private readonly protocols: string[] = ['v4.channel.k8s.io', 'channel.k8s.io'],
    /** Serve HTTPS with these, asking for client certificates (otherwise plain HTTP). */
    private readonly tls?: FakeKubeCerts,
  ) {
    this.wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => this.protocols.find((p) => offered.has(p)) ?? false });
    const handle = (req: IncomingMessage, res: ServerResponse): void => this.request(req, res);
    this.server = tls ? createTlsServer({ key: tls.serverKey, cert: tls.serverCert, ca: tls.ca, requestCert: true, rejectUnauthorized: false }, handle) : createServer(handle);
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
      const refuse = (s: Status): void => void socket.end(`HTTP/1.1 ${s.code} ${s.reason}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify({ kind: 'Status', status: 'Failure', ...s })}`);
      if (!this.authorized(req)) return refuse({ code: 401, reason: 'Unauthorized', message: 'Unauthorized' });
      const pod = m && this.pod(m[1], m[2]);
      if (!pod) return refuse({ code: 404, reason: 'NotFound', message: `pods "${m?.[2]}" not found` });
      const container = url.searchParams.get('container') ?? '';
      if (!pod.containers.includes(container)) return refuse({ code: 400, reason: 'BadRequest', message: `container ${container} is not valid for pod ${pod.name}` });
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const flag = (k: string) => url.searchParams.get(k) === 'true';
        const record: ExecRecord = { command: url.searchParams.getAll('command'), container, tty: flag('tty'), stdin: flag('stdin'), stderr: flag('stderr') && !flag('tty'), protocol: ws.protocol, sizes: [] };
        this.execs.push(record);
        runExec(ws, record, record, this.processes);
      });
    });
  }

  /** Requests carrying a client certificate the CA signed, or the bearer token. */
  readonly authenticatedBy: ('certificate' | 'token')[] = [];

  private authorized(req: IncomingMessage): boolean {
    const by = (req.socket as TLSSocket).authorized ? 'certificate' : req.headers.authorization === `Bearer ${this.token}` ? 'token' : undefined;
    if (by) this.authenticatedBy.push(by);
    return by !== undefined;
  }

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * A kubeconfig for this API, current context set. Over TLS it is shaped like k3d's: the
   * cluster's CA and a client certificate and key, inline. Over plain HTTP it has a token, and
   * insecure-skip-tls-verify, without which client-node refuses http:// servers.
   */
  kubeconfig(server: string, token = this.token): string {
    const b64 = (pem: string) => Buffer.from(pem).toString('base64');
    const cluster = this.tls ? `certificate-authority-data: ${b64(this.tls.ca)}` : 'insecure-skip-tls-verify: true';
    const user = this.tls && token === this.token ? `client-certificate-data: ${b64(this.tls.clientCert)}, client-key-data: ${b64(this.tls.clientKey)}` : `token: "${token}"`;
    return [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{ name: fake, cluster: { server: "${server}", ${cluster} } }]`,
      `users: [{ name: fake, user: { ${user} } }]`,
      'contexts: [{ name: fake, context: { cluster: fake, user: fake } }]',
      'current-context: fake',
      '',
    ].join('\n');
  }

  /** Appends a line to a container's log and writes it to every request following it. */
  appendLog(namespace: string, pod: string, container: string, text: string, time = new Date().toISOString()): void {
    const p = this.pod(namespace, pod)!;
    ((p.logs ??= {})[container] ??= []).push({ time, text });
    for (const res of this.followers.get(`${namespace}/${pod}/${container}`) ?? []) res.write(`${time} ${text}\n`);
  }

  /** How many log requests are following now. */
  get following(): number {
    return [...this.followers.values()].reduce((n, s) => n + s.size, 0);
  }

  async close(): Promise<void> {
    for (const p of this.processes) p.kill();
    for (const s of this.followers.values()) for (const r of s) r.destroy();
    for (const c of this.wss.clients) c.terminate();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private pod(namespace: string, name: string): FakePod | undefined {
    return this.pods.find((p) => p.namespace === namespace && p.name === name);
  }

  private request(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const json = (code: number, body: unknown): void => void res.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    const fail = (s: Status): void => json(s.code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...s });
    if (!this.authorized(req)) return fail({ code: 401, reason: 'Unauthorized', message: 'Unauthorized' });
    const list = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/pods$/.exec(url.pathname);
    if (list) return json(200, { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: this.pods.filter((p) => !list[1] || p.namespace === list[1]).map(podObject) });
    const one = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)(\/log)?$/.exec(url.pathname);
    const pod = one && this.pod(one[1], one[2]);
    if (!pod) return fail({ code: 404, reason: 'NotFound', message: `pods "${one?.[2] ?? ''}" not found` });
    if (!one[3]) return json(200, podObject(pod));
    this.logRequests.push(url);
    const container = url.searchParams.get('container') ?? '';
    if (!pod.containers.includes(container)) return fail({ code: 400, reason: 'BadRequest', message: `container ${container} is not valid for pod ${pod.name}` });
    const tail = Number(url.searchParams.get('tailLines') ?? 0);
    const stamp = url.searchParams.get('timestamps') === 'true';
    const lines = pod.logs?.[container] ?? [];
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    for (const l of tail > 0 ? lines.slice(-tail) : lines) res.write(`${stamp ? `${l.time} ` : ''}${l.text}\n`);
    if (url.searchParams.get('follow') !== 'true') return void res.end();
    const key = `${pod.namespace}/${pod.name}/${container}`;
    const set = this.followers.get(key) ?? new Set<ServerResponse>();
    this.followers.set(key, set.add(res));
    res.on('close', () => set.delete(res));
  }
}

function podObject(p: FakePod): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.namespace, annotations: p.annotations ?? {} },
    spec: { nodeName: 'k3d-fake-server-0', containers: p.containers.map((name) => ({ name, image: 'fake' })) },
    status: {
      phase: p.phase ?? 'Running',
      startTime: '2025-01-01T00:00:00Z',
      containerStatuses: p.containers.map((name) => ({ name, ready: (p.phase ?? 'Running') === 'Running', restartCount: 0, image: 'fake', imageID: '', state: { running: {} } })),
    },
  };
}
