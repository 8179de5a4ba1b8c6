import { fileURLToPath } from 'node:url';

/** The built renderer that `labdeck serve` serves: out/renderer in the checkout. */
export function rendererDir(): string {
  return process.env.LABDECK_RENDERER_DIR ?? fileURLToPath(new URL('../../out/renderer', import.meta.url));
}
