import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const config = parse(readFileSync(fileURLToPath(new URL('../../electron-builder.yml', import.meta.url)), 'utf8')) as { electronFuses?: Record<string, unknown> };

describe('Electron fuses in the packaging config', () => {
  it('turns off run-as-node, NODE_OPTIONS and --inspect, and locks the app to its integrity-checked asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('uses the key names electron-builder knows (a misspelt one would only fail `npm run dist`, which cannot run here)', () => {
    const scheme = createRequire(import.meta.url)('app-builder-lib/scheme.json') as { definitions: Record<string, unknown> };
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile({ ...(scheme.definitions.FuseOptionsV1 as object), definitions: scheme.definitions });
    expect(validate(config.electronFuses), JSON.stringify(validate.errors)).toBe(true);
  });
});
