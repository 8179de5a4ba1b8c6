import { createServer } from 'node:net';
import { LabdeckError } from '../../../api/errors';

function free(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Every fixed host port is free on 127.0.0.1, or PORT_IN_USE naming each taken one and its service. */
export async function checkPortsFree(ports: { service: string; host: number; protocol: string }[]): Promise<void> {
  const taken: string[] = [];
  for (const p of ports) {
    if (p.protocol !== 'tcp') continue;
    if (!(await free(p.host, '127.0.0.1'))) taken.push(`127.0.0.1:${p.host} (service ${p.service})`);
  }
  if (taken.length) {
    throw new LabdeckError('PORT_IN_USE', `host port already in use: ${taken.join(', ')}`, {
      hint: 'Stop what listens there (`ss -ltnp` shows it), or remove the host port from the template so Labdeck picks a free one.',
    });
  }
}
