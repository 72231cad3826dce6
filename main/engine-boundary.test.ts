import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The engine under main/ must run under plain Node; only the shell may import electron.
describe('the electron import boundary', () => {
  const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });
  const lint = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('rejects electron in the engine', async () => {
    expect(await lint('main/import/example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringMatching(/only main\/index\.ts and main\/shell\/ may import electron/),
    ]);
    expect(
      await lint('main/store/example.ts', "import { ipcMain } from 'electron/main';\nexport const i = ipcMain;\n"),
    ).toHaveLength(1);
  });

  it('allows it in main/index.ts and main/shell/', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await lint('main/index.ts', code)).toEqual([]);
    expect(await lint('main/shell/example.ts', code)).toEqual([]);
  });
});
