import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
/** Source lines that import Electron, built here so this test file itself imports nothing of it. */
const ELECTRON = ['electron'].join('');
const importsElectron = (name: string): string => `import { ${name} } from '${ELECTRON}';\nexport const a = ${name};\n`;

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint', () => {
  it('refuses electron outside main/electron and preload', async () => {
    expect(await restricted('main/core/x.ts', importsElectron('app'))).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', importsElectron('ipcRenderer'))).toHaveLength(1);
    expect(await restricted('main/electron/x.ts', importsElectron('app'))).toHaveLength(0);
    expect(await restricted('preload/x.ts', importsElectron('ipcRenderer'))).toHaveLength(0);
  });

  it('lets the renderer import main/api only', async () => {
    expect(await restricted('renderer/src/x.ts', "import { methods } from '../../main/api/contract';\nexport const a = methods;\n")).toHaveLength(0);
    expect(await restricted('renderer/src/x.ts', "import { createCore } from '../../main/core/app-core';\nexport const a = createCore;\n")).not.toHaveLength(0);
    expect(await restricted('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
  });

  it('keeps main/api free of Node and of the rest of main', async () => {
    expect(await restricted('main/api/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await restricted('main/api/x.ts', "import { EventBus } from '../core/events/event-bus';\nexport const a = EventBus;\n")).toHaveLength(1);
  });

  it('keeps core off the Electron edge', async () => {
    expect(await restricted('main/core/x.ts', "import { bridgeIpc } from '../electron/ipc-bridge';\nexport const a = bridgeIpc;\n")).toHaveLength(1);
  });
});
