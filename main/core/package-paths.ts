import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/*
 * Paths inside the Labdeck package. This file sits two folders below the package root, as does the
 * compiled CLI (out/cli/*.mjs, bundled by scripts/build-cli.mjs), so the same relative URLs hold in
 * both: keep every `import.meta.url`-relative path of the core here.
 */

/** The package's resources folder (built-in labs, scenarios, dashboards, schemas). */
export function packageResourcesDir(): string {
  return fileURLToPath(new URL('../../resources', import.meta.url));
}

/** A JSON schema shipped in resources/schemas. */
export function schemaPath(file: string): string {
  return fileURLToPath(new URL(`../../resources/schemas/${file}`, import.meta.url));
}

export function labdeckVersion(): string {
  const require = createRequire(import.meta.url);
  try {
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
