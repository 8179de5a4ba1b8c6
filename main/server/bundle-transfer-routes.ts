import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { BUNDLE_DOWNLOAD_PREFIX, BUNDLE_UPLOAD_PATH } from '../api/bundle-paths';
import { toErrorValue } from '../api/errors';
import type { Role } from '../api/permissions';
import { notForRole } from './access-errors';

/** What the routes need of core's bundle transfers (main/core/bundles/bundle-transfers.ts). */
export interface BundleTransferPort {
  receive(body: Readable, declared: number | undefined): Promise<{ upload: string; bytes: number }>;
  redeem(ticket: string): { name: string; file: string } | null;
}

const STATUS: Record<string, number> = { PAYLOAD_TOO_LARGE: 413, DISK_FULL: 507, BAD_REQUEST: 400, READ_ONLY: 403, FORBIDDEN: 403 };

export const isBundleTransferPath = (path: string): boolean => path === BUNDLE_UPLOAD_PATH || path.startsWith(BUNDLE_DOWNLOAD_PREFIX);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (status >= 400) res.shouldKeepAlive = false; // the unread rest of a refused upload is not drained
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/**
 * `PUT /api/bundles/upload`: the owner's session only; the body streams to a staging file in the
 * data folder (size-limited there), never into memory. `GET /api/bundles/download/<ticket>`: the
 * ticket `bundles.download` made is the credential (an `<a download>` cannot send a header); it
 * works once, for five minutes, for one export.
 */
export async function serveBundleTransfer(req: IncomingMessage, res: ServerResponse, path: string, role: Role | null, port: BundleTransferPort, headers: Record<string, string>): Promise<void> {
  if (path === BUNDLE_UPLOAD_PATH) {
    if (req.method !== 'PUT') return void res.writeHead(405, { allow: 'PUT', ...headers }).end();
    if (role === null) return send(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'this needs a console session' } }, headers);
    if (role !== 'owner') return send(res, 403, { ok: false, error: toErrorValue(notForRole(role, 'uploading a bundle')) }, headers);
    const length = req.headers['content-length'];
    const declared = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
    try {
      const result = await port.receive(req, declared);
      return send(res, 200, { ok: true, result }, headers);
    } catch (err) {
      const error = toErrorValue(err);
      req.pause();
      return send(res, STATUS[error.code] ?? 500, { ok: false, error }, headers);
    }
  }
  if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET', ...headers }).end();
  const found = port.redeem(path.slice(BUNDLE_DOWNLOAD_PREFIX.length));
  if (!found) return void res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('This download link was used already or has expired: export again or ask for a new link.\n');
  res.writeHead(200, {
    ...headers,
    'content-type': 'application/octet-stream',
    'content-length': String(statSync(found.file).size),
    'content-disposition': `attachment; filename="${found.name}"`,
    'cache-control': 'no-store',
  });
  createReadStream(found.file).pipe(res);
}
