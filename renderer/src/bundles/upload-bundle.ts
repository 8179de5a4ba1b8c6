import { BUNDLE_UPLOAD_PATH } from '../../../main/api/bundle-paths';
import { currentSessionToken } from '../transport/connect';

export type Problem = { code: string; message: string; hint?: string };

/**
 * Sends a bundle file to the console's upload route as raw bytes (XMLHttpRequest: fetch reports
 * no upload progress). The browser streams the file from disk; the server streams it to a staging
 * file. Resolves with the upload's id, which the import then names.
 */
export function uploadBundle(file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<{ upload: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const token = currentSessionToken();
    if (!token) return reject({ code: 'UNAUTHORIZED', message: 'Uploading a bundle needs the browser console (`labdeck serve`); in the desktop app use `labdeck bundle import FILE`.' } satisfies Problem);
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', BUNDLE_UPLOAD_PATH);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      type Reply = { ok?: boolean; result?: { upload: string; bytes: number }; error?: Problem };
      let body: Reply | null;
      try {
        body = JSON.parse(xhr.responseText) as Reply;
      } catch {
        body = null;
      }
      if (body?.ok && body.result) resolve(body.result);
      else reject(body?.error ?? ({ code: 'INTERNAL', message: `the upload failed (HTTP ${xhr.status})` } satisfies Problem));
    };
    xhr.onerror = () => reject({ code: 'INTERNAL', message: 'the upload was cut off (connection lost)' } satisfies Problem);
    xhr.onabort = () => reject({ code: 'CANCELLED', message: 'the upload was cancelled: nothing was kept' } satisfies Problem);
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

/** Saves an export through the browser's own download (a one-time link from `bundles.download`). */
export function startDownload(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

export const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

export const problemOf = (err: unknown): Problem => {
  const e = err as Partial<Problem> & { message?: string };
  return { code: e.code ?? 'INTERNAL', message: e.message ?? String(err), hint: e.hint };
};
