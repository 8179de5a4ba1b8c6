import { createServer } from 'node:net';

/** A port free on 127.0.0.1 now (the engine binds it a moment later; a race lost shows as k3d's port error). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
