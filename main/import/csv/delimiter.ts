/** Work out whether a CSV file uses commas, semicolons or tabs. */

import { t } from '../../../i18n/index.ts';
import { hasNameOrPhone, mapHeader, type HeaderMap } from './header.ts';
import { readRecords, type Delimiter } from './records.ts';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** How far into the file to look; enough for a header and a dozen rows. */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_LINES = 20;

/** Per-line counts of each delimiter outside quotes, for the first non-blank lines. */
export function delimiterCounts(text: string): Record<Delimiter, number[]> {
  const counts: Record<Delimiter, number[]> = { ',': [], ';': [], '\t': [] };
  const line: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let blank = true;
  let lines = 0;
  const end = Math.min(text.length, SAMPLE_CHARS);
  const flush = (): void => {
    if (!blank) {
      for (const d of DELIMITERS) counts[d].push(line[d]);
      lines++;
    }
    line[','] = line[';'] = line['\t'] = 0;
    blank = true;
  };
  for (let i = 0; i < end && lines < SAMPLE_LINES; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes; // a doubled "" toggles twice, which is what we want
    if (inQuotes) {
      blank = false;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      flush();
    } else if (c === ',' || c === ';' || c === '\t') {
      line[c]++;
      blank = false;
    } else if (c !== ' ') {
      blank = false;
    }
  }
  if (lines < SAMPLE_LINES) flush();
  return counts;
}

/** The most common non-zero count and how many lines have it. */
export function consistency(counts: readonly number[]): { mode: number; lines: number } {
  const freq = new Map<number, number>();
  for (const n of counts) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
  let best = { mode: 0, lines: 0 };
  for (const [mode, lines] of freq) {
    if (lines > best.lines || (lines === best.lines && mode > best.mode)) best = { mode, lines };
  }
  return best;
}

/** The delimiter that splits the most lines into the same number of fields; comma when nothing does. */
export function mostConsistent(counts: Record<Delimiter, number[]>): Delimiter {
  let best: Delimiter = ',';
  let score = { mode: 0, lines: 0 };
  for (const d of DELIMITERS) {
    const s = consistency(counts[d]);
    if (s.lines > score.lines || (s.lines === score.lines && s.mode > score.mode)) {
      best = d;
      score = s;
    }
  }
  return best;
}

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** The header read with that delimiter, when it names a name or phone column. */
  header: HeaderMap | null;
  /** Set when the first line and the lines after it disagree, e.g. 'the first line is comma-separated …'. */
  mixed: string | null;
}

/**
 * Prefer the delimiter under which the first row reads as a header we understand (most recognised columns); this
 * settles files whose names contain commas but whose fields are split by semicolons. Without such a header, take
 * the delimiter that is most consistent across lines.
 */
export function guessDelimiter(text: string): DelimiterGuess {
  const counts = delimiterCounts(text);
  const consistent = mostConsistent(counts);
  const sample = text.slice(0, SAMPLE_CHARS);
  let best: { delimiter: Delimiter; header: HeaderMap } | null = null;
  for (const d of DELIMITERS) {
    const first = readRecords(sample, d, 8).find((item) => item.kind === 'record');
    if (first?.kind !== 'record') continue;
    const header = mapHeader(first.fields);
    if (!hasNameOrPhone(header)) continue;
    if (
      best === null ||
      header.recognised > best.header.recognised ||
      (header.recognised === best.header.recognised && d === consistent)
    ) {
      best = { delimiter: d, header };
    }
  }
  const delimiter = best?.delimiter ?? consistent;
  return { delimiter, header: best?.header ?? null, mixed: mixedNote(counts) };
}

function mixedNote(counts: Record<Delimiter, number[]>): string | null {
  const firstLine = DELIMITERS.reduce((a, b) => ((counts[b][0] ?? 0) > (counts[a][0] ?? 0) ? b : a));
  const rest = { ',': counts[','].slice(1), ';': counts[';'].slice(1), '\t': counts['\t'].slice(1) };
  const later = mostConsistent(rest);
  if ((counts[firstLine][0] ?? 0) === 0 || consistency(rest[later]).lines === 0 || firstLine === later) return null;
  if (rest[firstLine].some((n) => n > 0)) return null; // later lines use it too, so it is not a different format
  return t('import.csv.mixedDelimiters', { first: DELIMITER_NAMES[firstLine], later: DELIMITER_NAMES[later] });
}
