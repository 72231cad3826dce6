import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The engine under main/ must run under plain Node; only the shell may import electron.
// The module name is spliced in so that this file does not itself read as an electron import.
const ELECTRON = ['elec', 'tron'].join('');
const importing = (spec: string, name: string) => `import { ${name} } from '${spec}';\nexport const x = ${name};\n`;

describe('the electron import boundary', () => {
  const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });
  const lint = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('rejects electron in the engine', async () => {
    expect(await lint('main/import/example.ts', importing(ELECTRON, 'app'))).toEqual([
      expect.stringMatching(/only main\/index\.ts and main\/shell\/ may import electron/),
    ]);
    expect(await lint('main/store/example.ts', importing(`${ELECTRON}/main`, 'ipcMain'))).toHaveLength(1);
  });

  it('allows it in main/index.ts and main/shell/', async () => {
    const code = importing(ELECTRON, 'app');
    expect(await lint('main/index.ts', code)).toEqual([]);
    expect(await lint('main/shell/example.ts', code)).toEqual([]);
  });
});
