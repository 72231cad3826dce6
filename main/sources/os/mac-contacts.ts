/**
 * macOS Contacts, read through the OS: `osascript` runs mac-contacts.jxa, which asks the Contacts app for each
 * person's vCard. The first run makes macOS show its own permission prompt; show `macExplanation()` before it.
 * The process runner is a parameter so that everything but the OS itself is tested with made-up outputs.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { t } from '../../../i18n/index.ts';
import { OsContactsError, type OsCard, type OsReadResult } from './card.ts';
import { macPlace, parseMacBatch } from './mac-output.ts';

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when the process was killed or never started. */
  code: number | null;
  timedOut: boolean;
  /** Output went over `maxBuffer`; what was kept is in stdout. */
  tooLong: boolean;
  /** The program was not found. */
  missing: boolean;
}

export type Runner = (
  file: string,
  args: readonly string[],
  options: { timeoutMs: number; maxBuffer: number },
) => Promise<RunResult>;

export interface MacReadOptions {
  runner?: Runner;
  /** Defaults to process.platform; only darwin has Contacts. */
  platform?: NodeJS.Platform;
  /** People per osascript run. */
  batchSize?: number;
  /** Time limit for one run. */
  timeoutMs?: number;
  /** Largest stdout accepted from one run (cards with photos are large). */
  maxBuffer?: number;
}

export const MAC_SCRIPT = fileURLToPath(new URL('./mac-contacts.jxa', import.meta.url));
/** Times the read starts over because the book changed under it. */
const MAX_RESTARTS = 3;
const DEFAULTS = { batchSize: 200, timeoutMs: 120_000, maxBuffer: 256 * 1024 * 1024 };

/** The sentence the UI shows before the first read, when macOS is about to ask. */
export function macExplanation(): string {
  return t('osContacts.mac.explain');
}

export async function readMacContacts(options: MacReadOptions = {}): Promise<OsReadResult> {
  const platform = options.platform ?? process.platform;
  if (!options.runner && platform !== 'darwin') {
    throw new OsContactsError('unsupported', t('osContacts.mac.unsupported'));
  }
  const run = options.runner ?? runProcess;
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxBuffer = options.maxBuffer ?? DEFAULTS.maxBuffer;

  let cards: OsCard[] = [];
  let issues: OsReadResult['issues'] = [];
  let seenUids = new Set<string>();
  let offset = 0;
  let total: number | null = null;
  let restarts = 0;
  for (;;) {
    // i18n-ignore: osascript's language name
    const args = ['-l', 'JavaScript', MAC_SCRIPT, String(offset), String(batchSize)];
    const result = await run('osascript', args, { timeoutMs, maxBuffer });
    checkRun(result, timeoutMs, maxBuffer);
    const batch = parseMacBatch(result.stdout);
    if (total !== null && batch.total !== total) {
      // People were added or removed between runs, so the slices shifted and one could be missed: start again.
      if (restarts === MAX_RESTARTS) throw new OsContactsError('changing', t('osContacts.mac.changing'));
      restarts += 1;
      total = batch.total;
      [cards, issues, seenUids, offset] = [[], [], new Set(), 0];
      continue;
    }
    total = batch.total;
    for (const card of batch.cards) {
      // An edit that moves a person between runs may show it twice; it is kept once.
      if (seenUids.has(card.uid)) continue;
      seenUids.add(card.uid);
      cards.push(card);
    }
    issues.push(...batch.issues);
    offset += batch.seen;
    if (offset >= batch.total) break;
    if (batch.seen === 0) {
      issues.push({ file: macPlace(), line: 1, message: t('osContacts.mac.incomplete', { total, read: offset }) });
      break;
    }
  }
  return { cards, issues };
}

/** macOS says "not authorized" with error -1743 when the user said no, or has not been asked and cannot be. */
const DENIED = /-1743\b|not authori[sz]ed to send apple events|not allowed to send apple events/i;

function checkRun(result: RunResult, timeoutMs: number, maxBuffer: number): void {
  if (result.missing) throw new OsContactsError('missing', t('osContacts.mac.missing'));
  if (result.timedOut) {
    throw new OsContactsError('timeout', t('osContacts.mac.timeout', { seconds: Math.round(timeoutMs / 1000) }));
  }
  if (result.tooLong) throw new OsContactsError('tooLong', t('osContacts.mac.tooLong', { bytes: maxBuffer }));
  if (DENIED.test(result.stderr)) throw new OsContactsError('denied', t('osContacts.mac.denied'));
  if (result.code !== 0) {
    const reason = lastLine(result.stderr);
    const message = reason
      ? t('osContacts.mac.failed', { reason })
      : t('osContacts.mac.exitCode', { code: String(result.code) });
    throw new OsContactsError('failed', message);
  }
}

function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return (lines[lines.length - 1] ?? '').trim();
}

/** The real runner: execFile with a time limit and a bounded stdout. */
export const runProcess: Runner = (file, args, { timeoutMs, maxBuffer }) =>
  new Promise((resolve) => {
    execFile(file, [...args], { timeout: timeoutMs, maxBuffer, encoding: 'utf8' }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: string | number }) | null;
      resolve({
        stdout,
        stderr,
        code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
        timedOut: Boolean(e?.killed) && e?.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
        tooLong: e?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
        missing: e?.code === 'ENOENT',
      });
    });
  });
