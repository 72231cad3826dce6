// `npm run audit:electron`: @doyensec/electronegativity over the desktop shell's sources, offline and in a few
// seconds. Prints every finding and fails on any HIGH one, or on a file it could not parse (a file it could not
// read is a file it did not check).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** What is audited: the main process (shell and engine), the preload, the page's HTML, and package.json. */
const SOURCES = ['main', 'preload'];
const EXTRA_FILES = ['package.json', 'renderer/index.html'];
const isAudited = (file: string): boolean =>
  /\.(ts|js|cjs|mjs)$/.test(file) && !/\.test\.ts$/.test(file) && !file.split(path.sep).includes('testing');

/**
 * Checks switched off, each for a reason:
 * - AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub on every run. The audit must
 *   run offline; keeping Electron current is the dependency updates' job, not a static check's.
 * - ElectronVersionJSONCheck only feeds the check above.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];

/**
 * Lower findings that were looked at, with why they stand. They are still printed on every run; a finding at a
 * new place, or a new check, shows up without a note and asks for the same review.
 */
const REVIEWED: Record<string, string> = {
  'AUXCLICK_JS_CHECK main/shell/window.ts':
    'a middle-click can only ask for a new window, which setWindowOpenHandler denies, handing https:/mailto: ' +
    'links to the browser (main/shell/guards.ts)',
  'OPEN_EXTERNAL_JS_CHECK main/shell/external.ts':
    'the one openExternal call, behind the https:/mailto: allowlist (isSafeExternalUrl, tested)',
  'PRELOAD_JS_CHECK main/shell/window.ts':
    'the sandboxed preload exposes one named function per contract channel and nothing else (preload/index.ts)',
  'CSP_GLOBAL_CHECK renderer/index.html':
    "script-src 'self' is flagged as possibly weak for sites that host JSONP or user uploads; the app's origin " +
    'serves only the built renderer (main/shell/protocol.ts), which sends the same policy as a header',
};

interface Level {
  readonly value: number;
  readonly name: string;
}

interface Issue {
  readonly id: string;
  readonly file: string;
  readonly location: { line: number; column: number };
  readonly severity: Level;
  readonly confidence: Level;
  readonly description: string;
  readonly manualReview: boolean;
}

interface RunResult {
  readonly globalChecks: number;
  readonly atomicChecks: number;
  readonly errors: Array<{ file: string; message: string; tolerable: boolean }>;
  readonly issues: Issue[];
}

type Runner = (options: Record<string, unknown>) => Promise<RunResult>;

const requireHere = createRequire(import.meta.url);
const runnerPath = requireHere.resolve('@doyensec/electronegativity');
const requireFromTool = createRequire(runnerPath);

/** Puts `exports` in the module cache where `from` would find `specifier`, so the real module never loads. */
function preload(from: string, specifier: string, exports: unknown): void {
  const resolved = createRequire(path.join(path.dirname(runnerPath), from)).resolve(specifier);
  requireFromTool.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports } as NodeJS.Module;
}

/**
 * Two stand-ins keep the run offline and short:
 * - `got`: the tool fetches translations (and, in an excluded check, releases) before it starts, waiting on the
 *   network each time. Answering "not found" at once leaves it on its bundled English.
 * - `@typescript-eslint/typescript-estree`: a second TypeScript parser, tried only when Babel fails on a file,
 *   that loads a whole TypeScript compiler (about four seconds). Without it a file Babel cannot read is reported
 *   with Babel's error, and fails the audit as before.
 */
function stubSlowDependencies(): void {
  preload('locales/i18n.js', 'got', () => Promise.resolve({ statusCode: 404, body: '' }));
  preload('parser/parser.js', '@typescript-eslint/typescript-estree', {
    parse: () => {
      throw new Error('typescript-estree is not loaded by scripts/electron-audit.ts');
    },
  });
}

/** A copy of just the audited files, so that tests and their fake BrowserWindows stay out of the report. */
function stage(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kith-audit-'));
  for (const source of SOURCES) {
    for (const file of readdirSync(path.join(root, source), { recursive: true, encoding: 'utf8' })) {
      if (isAudited(file)) cpSync(path.join(root, source, file), path.join(dir, source, file));
    }
  }
  for (const file of EXTRA_FILES) cpSync(path.join(root, file), path.join(dir, file));
  return dir;
}

function electronVersion(): string {
  const manifest = JSON.parse(readFileSync(requireHere.resolve('electron/package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function table(issues: readonly Issue[]): string {
  const rows = issues.map((i) => [
    i.severity.name,
    i.confidence.name,
    i.id + (i.manualReview ? ' (review)' : ''),
    `${i.file}:${i.location.line}:${i.location.column}`,
    i.description,
  ]);
  const head = ['SEVERITY', 'CONFIDENCE', 'CHECK', 'WHERE', 'DESCRIPTION'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  stubSlowDependencies();
  const run = (requireFromTool(runnerPath) as { default?: Runner }).default ?? (requireFromTool(runnerPath) as Runner);
  const input = stage();
  try {
    const result = await run({
      input,
      isRelative: true,
      isSarif: false,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((check) => check.toLowerCase()),
      isVerbose: false,
      parserPlugins: [],
      // The installed version, so the tool judges defaults (nodeIntegration, contextIsolation, …) as they are.
      electronVersionOverride: electronVersion(),
    });
    const issues = [...result.issues].sort(
      (a, b) => b.severity.value - a.severity.value || a.id.localeCompare(b.id) || a.file.localeCompare(b.file),
    );
    const high = issues.filter((issue) => issue.severity.name === 'HIGH');
    const unreadable = result.errors.filter((error) => !error.tolerable);
    console.log(
      `electronegativity: ${result.atomicChecks} atomic and ${result.globalChecks} global checks` +
        ` over ${SOURCES.join('/, ')}/ and ${EXTRA_FILES.join(', ')} (excluded: ${EXCLUDED_CHECKS.join(', ')})`,
    );
    console.log(issues.length > 0 ? table(issues) : 'no findings');
    for (const issue of issues) {
      const note = REVIEWED[`${issue.id} ${issue.file}`];
      if (note) console.log(`reviewed ${issue.id} at ${issue.file}: ${note}`);
    }
    for (const error of result.errors) {
      console.log(`${error.tolerable ? 'warning' : 'error'}: ${path.relative(input, error.file)}: ${error.message}`);
    }
    if (high.length > 0 || unreadable.length > 0) {
      console.error(
        `audit:electron failed: ${high.length} HIGH finding(s), ${unreadable.length} file(s) that could not be parsed`,
      );
      return 1;
    }
    console.log(`audit:electron passed: no HIGH findings (${issues.length} lower, listed above for review)`);
    return 0;
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}

process.exitCode = await main();
