import fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listContacts } from '../store/contacts.ts';
import { numberDiscrepancies } from '../store/numbers.ts';
import { openStore, type Db } from '../store/open.ts';
import { tempDir } from '../testing/tmp.ts';
import { parseCsvContacts } from './csv/index.ts';
import { ImportFileError, importFile, type FileReport } from './importer.ts';
import { RecordError } from './types.ts';
import { parseVcardChunk, splitVcards } from './vcard/index.ts';

/**
 * Seeded fuzzing of whole files through `importFile` into a real SQLite store. Each file holds a few hundred
 * damaged records between two untouched marker records, so one run checks the error reports, the survival of
 * good records next to bad ones, the per-record cost and the store's consistency all at once.
 */

const SEED = 0x6b174;
const FILES = 20;
const RECORDS_PER_FILE = 500;
/** Whole-import cost per record; these files take about 1 ms per record at worst, so only a blow-up trips this. */
const MAX_MS_PER_RECORD = 5;
/** One record read on its own. Linear code takes microseconds; catastrophic backtracking takes seconds. */
const MAX_MS_PER_SINGLE_RECORD = 50;
const REGION = 'GB' as const;

const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus');

function corpusFiles(ext: string): string[] {
  return readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(CORPUS, f));
}

/** Lines with their terminators (a line ends after each LF). */
function splitLines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = b.indexOf(0x0a); i !== -1; i = b.indexOf(0x0a, start)) {
    out.push(b.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < b.length) out.push(b.subarray(start));
  return out;
}

/** Cards of every corpus vCard file, byte for byte, without the line break after END:VCARD. */
function corpusCards(): Buffer[] {
  const cards: Buffer[] = [];
  for (const file of corpusFiles('.vcf')) {
    const lines = splitLines(readFileSync(file));
    let start = -1;
    lines.forEach((line, i) => {
      const t = line
        .toString('latin1')
        .replace(/^\xef\xbb\xbf/, '')
        .trim()
        .toUpperCase();
      if (t === 'BEGIN:VCARD' && start === -1) start = i;
      else if (t === 'END:VCARD' && start !== -1) {
        const card = Buffer.concat(lines.slice(start, i + 1)).toString('latin1');
        cards.push(Buffer.from(card.replace(/\r*\n$/, ''), 'latin1'));
        start = -1;
      }
    });
  }
  return cards;
}

/** Data records (header skipped) of every corpus CSV file, in their own bytes, without the line break. */
function corpusRows(): Buffer[] {
  const rows: Buffer[] = [];
  for (const file of corpusFiles('.csv')) {
    const bytes = readFileSync(file);
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    const text = utf16 ? new TextDecoder('utf-16le').decode(bytes) : bytes.toString('latin1');
    const records: string[] = [];
    let quoted = false;
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      else if (i === text.length || (!quoted && (c === '\n' || c === '\r'))) {
        records.push(text.slice(start, i));
        if (c === '\r' && text[i + 1] === '\n') i++;
        start = i + 1;
      }
    }
    for (const r of records.slice(1)) {
      if (r.trim() !== '') rows.push(Buffer.from(r, utf16 ? 'utf8' : 'latin1'));
    }
  }
  return rows;
}

const CARD_SEEDS = corpusCards();
const ROW_SEEDS = corpusRows();

// ---------------------------------------------------------------------------------------------------------------
// Generated seeds

const PHONE_SAMPLES = [
  '+44 7400 123456',
  '07400 123457',
  '(0221) 9999123',
  '+1 (201) 555-0123',
  'tel:+49-221-1234567',
  'tel:+33-6-12-34-56-78;ext=12',
  '+33 6 12 34 56 78 ext. 12',
  '0049 151 23456789',
  '+81-3-1234-5678',
  '555-0100,,7',
  '112',
  '*121#',
  '1-800-FLOWERS',
  '＋４４ ７４００ １２３４５６',
  '٠٧٤٠٠١٢٣٤٥٦',
  'sip:ann@example.com',
  '',
];
const phoneText = fc.oneof(
  fc.constantFrom(...PHONE_SAMPLES),
  fc
    .array(fc.constantFrom('0', '1', '4', '7', '9', ' ', '+', '-', '(', ')', '.', 'p', 'w', ';', 'x'), {
      maxLength: 24,
    })
    .map((cs) => cs.join('')),
);
const shortText = fc.string({ unit: 'grapheme', maxLength: 24 });
const noteText = fc
  .array(fc.oneof(shortText, fc.constantFrom('"', ',', ';', '\t', '\n', '\r\n', '\\', '=', ':', '""')), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

function vcardEscape(s: string): string {
  return s.replace(/[\\;,]/g, (c) => '\\' + c).replace(/\r?\n/g, '\\n');
}

function quotedPrintable(s: string, eol: string): string {
  let out = '';
  let width = 0;
  for (const b of Buffer.from(s, 'utf8')) {
    const piece = /[A-Za-z0-9 ]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : '=' + b.toString(16).toUpperCase().padStart(2, '0');
    if (width + piece.length > 72) {
      out += '=' + eol;
      width = 0;
    }
    out += piece;
    width += piece.length;
  }
  return out;
}

function fold(line: string, eol: string): string {
  const parts: string[] = [];
  for (let i = 0; i < line.length; i += 74) parts.push(line.slice(i, i + 74));
  return parts.join(eol + ' ');
}

const TEL_TYPES = ['cell', 'home', 'work', 'fax', 'voice', 'pref', 'pager', 'main', 'iphone', 'x-custom', 'other'];

const genCard = fc.record({
  version: fc.constantFrom('2.1', '3.0', '4.0'),
  eol: fc.constantFrom('\r\n', '\n'),
  uid: fc.option(fc.uuid(), { nil: null }),
  fn: shortText,
  family: shortText,
  given: shortText,
  org: fc.option(shortText, { nil: null }),
  qpName: fc.boolean(),
  tels: fc.array(
    fc.record({
      value: phoneText,
      types: fc.subarray(TEL_TYPES, { maxLength: 3 }),
      label: fc.option(fc.constantFrom('_$!<Mobile>!$_', 'Grandma', '_$!<HomeFAX>!$_', ''), { nil: null }),
    }),
    { maxLength: 4 },
  ),
  note: fc.option(noteText, { nil: null }),
});
type GenCard = typeof genCard extends fc.Arbitrary<infer T> ? T : never;

function renderCard(c: GenCard): Buffer {
  const v21 = c.version === '2.1';
  const lines = ['BEGIN:VCARD', `VERSION:${c.version}`];
  if (c.uid !== null) lines.push(`UID:${c.uid}`);
  if (c.qpName && v21) lines.push(`FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${quotedPrintable(c.fn, c.eol)}`);
  else lines.push(fold(`FN:${vcardEscape(c.fn)}`, c.eol));
  lines.push(`N:${vcardEscape(c.family)};${vcardEscape(c.given)};;;`);
  if (c.org !== null) lines.push(`ORG:${vcardEscape(c.org)}`);
  c.tels.forEach((t, i) => {
    const types = v21
      ? t.types.map((x) => ';' + x.toUpperCase()).join('')
      : t.types.length > 0
        ? `;TYPE=${t.types.join(',')}`
        : '';
    const group = t.label === null ? '' : `item${i + 1}.`;
    lines.push(`${group}TEL${types}:${t.value}`);
    if (t.label !== null) lines.push(`${group}X-ABLabel:${t.label}`);
  });
  if (c.note !== null) lines.push(fold(`NOTE:${vcardEscape(c.note)}`, c.eol));
  lines.push('END:VCARD');
  return Buffer.from(lines.join(c.eol), 'utf8');
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations: plain descriptions (so a failing case prints readably), applied to bytes.

/** Bytes worth inserting: line breaks, NUL, 0xFF, broken UTF-8, BOMs, and the characters both formats split on. */
const SPECIAL_BYTES: number[][] = [
  [0x00],
  [0xff],
  [0x0d],
  [0x0a],
  [0x0d, 0x0a],
  [0x0d, 0x0d, 0x0a],
  [0x22],
  [0x2c],
  [0x3b],
  [0x09],
  [0x3a],
  [0x3d],
  [0x5c],
  [0x5e],
  [0x20],
  [0xc3],
  [0xe2, 0x82],
  [0xef, 0xbb, 0xbf],
  [0xfe, 0xff],
  [0x80],
  [0x1b],
  [0xed, 0xa0, 0x80],
  [0x20, 0x3a, 0x3a, 0x3a, 0x20],
];
const insertedBytes = fc.oneof(
  fc.constantFrom(...SPECIAL_BYTES),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((a) => [...a]),
);
const bigLength = fc.integer({ min: 1_000, max: 16_000 });

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; line: number }
  | { kind: 'truncateLine'; line: number; keep: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'dropEnd' }
  | { kind: 'strayBegin'; line: number }
  | { kind: 'qpSoftBreak'; line: number; atEnd: boolean }
  | { kind: 'charset'; line: number; charset: string; bytes: number[] }
  | { kind: 'longLine'; line: number; shape: number; length: number }
  | { kind: 'folded'; line: number; shape: number; length: number }
  | { kind: 'longField'; at: number; shape: number; length: number };

const flip = fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) });
const insert = fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: insertedBytes });
const lineOp = fc.record({
  kind: fc.constantFrom('deleteLine' as const, 'duplicateLine' as const, 'swapLines' as const),
  line: fc.nat(),
});
const truncateLine = fc.record({ kind: fc.constant('truncateLine' as const), line: fc.nat(), keep: fc.nat(40) });
const truncate = fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() });

const CHARSETS = [
  'UTF-8',
  'SHIFT_JIS',
  'ISO-8859-1',
  'windows-1252',
  'UTF-16',
  'utf-7',
  'GB18030',
  'EUC-KR',
  'Big5',
  'KOI8-R',
  'x-unknown-charset',
  '',
  '"utf-8"',
  'ＵＴＦ８',
];
/** Long single lines that could make a careless scanner quadratic or a regex backtrack. */
const LONG_LINE_SHAPES = 10;
/** Huge values spread over continuation lines, in the ways 2.1, 3.0 and sloppy exporters continue them. */
const FOLDED_SHAPES = 5;

const vcardMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: flip },
  { weight: 5, arbitrary: insert },
  { weight: 3, arbitrary: lineOp },
  { weight: 2, arbitrary: truncateLine },
  { weight: 1, arbitrary: truncate },
  { weight: 2, arbitrary: fc.constant({ kind: 'dropEnd' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('strayBegin' as const), line: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('qpSoftBreak' as const), line: fc.nat(), atEnd: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('charset' as const),
      line: fc.nat(),
      charset: fc.constantFrom(...CHARSETS),
      bytes: fc.uint8Array({ maxLength: 8 }).map((a) => [...a]),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('longLine' as const),
      line: fc.nat(),
      shape: fc.nat(LONG_LINE_SHAPES - 1),
      length: bigLength,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('folded' as const),
      line: fc.nat(),
      shape: fc.nat(FOLDED_SHAPES - 1),
      length: bigLength,
    }),
  },
);

/** CSV damage: the byte-level kinds plus quotes, delimiters and huge fields placed anywhere in the row. */
const CSV_FIELD_SHAPES = 6;
const csvMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: flip },
  { weight: 6, arbitrary: insert },
  { weight: 2, arbitrary: lineOp },
  { weight: 2, arbitrary: truncateLine },
  { weight: 2, arbitrary: truncate },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('longField' as const),
      at: fc.nat(),
      shape: fc.nat(CSV_FIELD_SHAPES - 1),
      length: bigLength,
    }),
  },
);

function eolOf(b: Buffer): string {
  return b.includes('\r\n') ? '\r\n' : '\n';
}

function longLine(shape: number, n: number): string {
  switch (shape) {
    case 0:
      return 'NOTE:' + 'a'.repeat(n);
    case 1:
      return 'TEL;' + 'TYPE=cell;'.repeat(n / 10) + ':+44 7400 123456';
    case 2:
      return 'TEL;TYPE="' + ';,:'.repeat(n / 3) + ':+44 7400 123456'; // quote never closed
    case 3:
      return 'TEL;' + 'a;'.repeat(n / 2) + ':1';
    case 4:
      return 'x'.repeat(n); // no colon at all
    case 5:
      return '"'.repeat(n) + ':v';
    case 6:
      return 'PHOTO;ENCODING=b:' + '!@'.repeat(n / 2);
    case 7:
      return 'TEL;TYPE=cell:' + '1'.repeat(n);
    case 8:
      return 'N:' + ';\\'.repeat(n / 2);
    default:
      return 'X-P;' + '^'.repeat(n) + '=' + '"a",'.repeat(n / 4) + ':' + '=4'.repeat(n / 2);
  }
}

function foldedValue(shape: number, n: number, eol: string): string {
  const chunk = (s: string, width: number, sep: string): string => {
    const parts: string[] = [];
    for (let i = 0; i < s.length; i += width) parts.push(s.slice(i, i + width));
    return parts.join(sep);
  };
  switch (shape) {
    case 0:
      return chunk('NOTE:' + 'lorem ipsum '.repeat(n / 12), 75, eol + ' ');
    case 1:
      return chunk('NOTE;ENCODING=QUOTED-PRINTABLE:' + '=C3=A9'.repeat(n / 6), 75, '=' + eol);
    case 2:
      return 'PHOTO;ENCODING=BASE64;TYPE=JPEG:' + eol + chunk('QUJD'.repeat(n / 4), 76, eol) + eol;
    case 3:
      return chunk('TEL;TYPE=cell:' + '+44 7400 123456 '.repeat(n / 16), 75, eol + '\t');
    default:
      return chunk('ADR:' + 'street'.repeat(n / 6), 60, '\\' + eol);
  }
}

function longField(shape: number, n: number): string {
  switch (shape) {
    case 0:
      return 'x'.repeat(n);
    case 1:
      return '"' + 'x'.repeat(n); // a quote that never closes
    case 2:
      return ','.repeat(n);
    case 3:
      return '"' + '""'.repeat(n / 2) + '"';
    case 4:
      return ' ::: '.repeat(n / 5);
    default:
      return '"' + 'a\nb,'.repeat(n / 64) + '"'; // a few hundred short lines
  }
}

/** Index of the colon on a property line, or -1 for BEGIN/END and lines without one. */
function propertyColon(line: Buffer): number {
  const text = line.toString('latin1').trim().toUpperCase();
  if (text === 'BEGIN:VCARD' || text === 'END:VCARD') return -1;
  return line.indexOf(0x3a);
}

function mutate(b: Buffer, m: Mutation): Buffer {
  const eol = eolOf(b);
  const lines = splitLines(b);
  const pick = (n: number): number => (lines.length === 0 ? 0 : n % lines.length);
  const withLines = (ls: Buffer[]): Buffer => Buffer.concat(ls);
  const lineBody = (l: Buffer): Buffer => {
    let end = l.length;
    while (end > 0 && (l[end - 1] === 0x0a || l[end - 1] === 0x0d)) end--;
    return l.subarray(0, end);
  };
  switch (m.kind) {
    case 'flip': {
      if (b.length === 0) return b;
      const out = Buffer.from(b);
      const at = m.at % b.length;
      out[at] = (out[at] ?? 0) ^ (1 << m.bit);
      return out;
    }
    case 'insert': {
      const at = m.at % (b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    }
    case 'deleteLine': {
      const i = pick(m.line);
      return withLines(lines.filter((_, k) => k !== i));
    }
    case 'duplicateLine': {
      const i = pick(m.line);
      return withLines(lines.flatMap((l, k) => (k === i ? [l, l] : [l])));
    }
    case 'swapLines': {
      const i = pick(m.line);
      const a = lines[i];
      const c = lines[i + 1];
      if (a === undefined || c === undefined) return b;
      lines[i] = c;
      lines[i + 1] = a;
      return withLines(lines);
    }
    case 'truncateLine': {
      const i = pick(m.line);
      const l = lines[i];
      if (l === undefined) return b;
      const body = lineBody(l);
      lines[i] = Buffer.concat([body.subarray(0, Math.min(m.keep, body.length)), l.subarray(body.length)]);
      return withLines(lines);
    }
    case 'truncate':
      return b.subarray(0, m.at % (b.length + 1));
    case 'dropEnd':
      return withLines(lines.filter((l) => l.toString('latin1').trim().toUpperCase() !== 'END:VCARD'));
    case 'strayBegin': {
      const i = pick(m.line);
      lines.splice(i, 0, Buffer.from('BEGIN:VCARD' + eol));
      return withLines(lines);
    }
    case 'qpSoftBreak': {
      const props = lines.map((l, i) => [i, propertyColon(l)] as const).filter(([, c]) => c > 0);
      const target = m.atEnd ? props[props.length - 1] : props[m.line % Math.max(1, props.length)];
      if (target === undefined) return b;
      const [i, colon] = target;
      const l = lines[i]!;
      const body = lineBody(l);
      lines[i] = Buffer.concat([
        l.subarray(0, colon),
        Buffer.from(';ENCODING=QUOTED-PRINTABLE'),
        body.subarray(colon),
        Buffer.from('='),
        l.subarray(body.length),
      ]);
      return withLines(lines);
    }
    case 'charset': {
      const props = lines.map((l, i) => [i, propertyColon(l)] as const).filter(([, c]) => c > 0);
      const target = props[m.line % Math.max(1, props.length)];
      if (target === undefined) return b;
      const [i, colon] = target;
      const l = lines[i]!;
      const body = lineBody(l);
      lines[i] = Buffer.concat([
        l.subarray(0, colon),
        Buffer.from(`;CHARSET=${m.charset}`, 'utf8'),
        body.subarray(colon),
        Buffer.from(m.bytes),
        l.subarray(body.length),
      ]);
      return withLines(lines);
    }
    case 'longLine':
    case 'folded': {
      const text = m.kind === 'longLine' ? longLine(m.shape, m.length) : foldedValue(m.shape, m.length, eol);
      lines.splice(Math.max(1, pick(m.line)), 0, Buffer.from(text + eol, 'latin1'));
      return withLines(lines);
    }
    case 'longField': {
      const at = m.at % (b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from(longField(m.shape, m.length)), b.subarray(at)]);
    }
  }
}

function applyAll(seed: Buffer, mutations: readonly Mutation[]): Buffer {
  return mutations.reduce(mutate, seed);
}

// ---------------------------------------------------------------------------------------------------------------
// Checks shared by both formats

/** Lines in a file, counted the way the readers count them: `lone CR` also ends a line for CSV. */
function lineCount(bytes: Buffer, loneCrBreaks: boolean): number {
  let breaks = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x0a || (loneCrBreaks && c === 0x0d && bytes[i + 1] !== 0x0a)) breaks++;
  }
  const last = bytes[bytes.length - 1];
  const endsWithBreak = last === 0x0a || (loneCrBreaks && last === 0x0d);
  return breaks + (endsWithBreak ? 0 : 1);
}

async function importOrExplain(db: Db, path: string): Promise<FileReport> {
  try {
    return await importFile(db, path, { region: REGION });
  } catch (err) {
    // Every file holds two readable marker records, so not even ImportFileError is allowed here.
    const kind = err instanceof ImportFileError ? 'ImportFileError' : 'unexpected error';
    throw new Error(`${kind} for a file with readable records: ${String(err)}`, { cause: err });
  }
}

function expectErrorsInRange(report: FileReport, path: string, lines: number): void {
  for (const e of report.errors) {
    const where = `${e.file}:${e.line}: ${e.message}`;
    expect(e.file, where).toBe(path);
    expect(Number.isInteger(e.line), where).toBe(true);
    expect(e.line, where).toBeGreaterThanOrEqual(1);
    expect(e.line, where).toBeLessThanOrEqual(lines);
    expect(typeof e.message === 'string' && e.message.length > 0, where).toBe(true);
  }
}

interface Marker {
  name: string;
  raw: string;
  e164: string;
}

function markers(n: number): [Marker, Marker] {
  const make = (k: number, which: string): Marker => {
    const digits = String(200_000 + 2 * n + k);
    return { name: `Kith Marker ${n} ${which}`, raw: `+44 7400 ${digits}`, e164: `+447400${digits}` };
  };
  return [make(0, 'first'), make(1, 'last')];
}

/**
 * Every marker is one contact with exactly its own number, whatever damage surrounded it in its file. Checked once
 * after all runs (each file keeps its contacts); a marker's name carries the number of the run that placed it.
 */
function expectMarkersImported(db: Db, placed: ReadonlyArray<{ path: string; marker: Marker }>): void {
  const contacts = listContacts(db);
  for (const { path, marker: m } of placed) {
    const found = contacts.filter((c) => c.name === m.name);
    expect(found, `${m.name} in ${path}`).toHaveLength(1);
    expect(found[0]!.phones, `${m.name} in ${path}`).toEqual([
      expect.objectContaining({ raw: m.raw, label: 'Mobile', e164: m.e164, status: 'valid' }),
    ]);
  }
}

function expectStoreConsistent(db: Db): void {
  expect(numberDiscrepancies(db)).toEqual([]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

/** What both fuzz runs check once all their files are in: every file ran, markers kept, bounded time, sound store. */
function expectRunComplete(
  db: Db,
  placed: ReadonlyArray<{ path: string; marker: Marker }>,
  slowest: { ms: number; sample: string },
  what: string,
): void {
  expect(placed.length / 2).toBe(FILES);
  expectMarkersImported(db, placed);
  expect(slowest.ms, `slowest single ${what}, starting ${JSON.stringify(slowest.sample)}`).toBeLessThan(
    MAX_MS_PER_SINGLE_RECORD,
  );
  expectStoreConsistent(db);
}

/**
 * Milliseconds per record for reading one mutated record in a file of its own (damage can split it into several).
 * A slow reading is retried and the best one kept, so a GC pause or a busy core cannot fail the test on its own.
 */
function msPerRecord(read: () => number): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= MAX_MS_PER_SINGLE_RECORD; attempt++) {
    const started = performance.now();
    const records = read();
    best = Math.min(best, (performance.now() - started) / Math.max(1, records));
  }
  return best;
}

/** A file as a property builds it: its bytes and how many records it was built from. */
interface FuzzFile {
  path: string;
  bytes: Buffer;
  records: number;
  format: 'vcard' | 'csv';
}

/**
 * Import the file, check the report and the store, then import it again: an unchanged file must come back as
 * unchanged, with the same report. Both imports are timed per record.
 */
async function importAndCheck(db: Db, f: FuzzFile): Promise<void> {
  writeFileSync(f.path, f.bytes);
  const timed = async (): Promise<FileReport> => {
    const started = performance.now();
    const report = await importOrExplain(db, f.path);
    const perRecord = (performance.now() - started) / f.records;
    expect(perRecord, `ms per record importing ${f.path}`).toBeLessThan(MAX_MS_PER_RECORD);
    return report;
  };

  const report = await timed();
  expect(report.file).toBe(f.path);
  expect(report.format).toBe(f.format);
  expectErrorsInRange(report, f.path, lineCount(f.bytes, f.format === 'csv'));
  expect(numberDiscrepancies(db)).toEqual([]);

  const again = await timed();
  expect(again).toEqual({ ...report, added: 0, updated: 0, unchanged: report.contacts, removed: 0 });
  expect(numberDiscrepancies(db)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------

const cardSeed = fc.oneof(
  fc.nat(CARD_SEEDS.length - 1).map((i) => ({ corpus: i })),
  genCard.map((card) => ({ card })),
);
const mutatedCard = fc.record({ seed: cardSeed, mutations: fc.array(vcardMutation, { maxLength: 4 }) });
type MutatedCard = typeof mutatedCard extends fc.Arbitrary<infer T> ? T : never;

function cardBytes(c: MutatedCard): Buffer {
  const seed = 'corpus' in c.seed ? CARD_SEEDS[c.seed.corpus]! : renderCard(c.seed.card);
  return applyAll(seed, c.mutations);
}

function markerCard(m: Marker, eol: string): Buffer {
  return Buffer.from(
    ['BEGIN:VCARD', 'VERSION:3.0', `FN:${m.name}`, `TEL;TYPE=CELL:${m.raw}`, 'END:VCARD', ''].join(eol),
  );
}

/** What the importer does with one card file: split, then read each card; only RecordError may come out. */
function readCardAlone(bytes: Buffer): number {
  const { cards } = splitVcards(bytes, 'one.vcf');
  for (const chunk of cards) {
    try {
      parseVcardChunk(chunk);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
    }
  }
  return cards.length;
}

describe('fuzz seeds', () => {
  it('come from every corpus file', () => {
    // At least one card per vCard file (some hold several) and one data row per CSV file.
    expect(CARD_SEEDS.length).toBeGreaterThanOrEqual(corpusFiles('.vcf').length);
    expect(ROW_SEEDS.length).toBeGreaterThanOrEqual(corpusFiles('.csv').length);
  });
});

describe('fuzzed vCard files through importFile', () => {
  it(`imports ${FILES * RECORDS_PER_FILE} mutated cards without losing the good ones`, async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'fuzz.db'));
    const placed: Array<{ path: string; marker: Marker }> = [];
    let slowest = { ms: 0, sample: '' };
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutatedCard, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE }),
          fc.constantFrom('\r\n', '\n'),
          async (cards, eol) => {
            const n = placed.length / 2;
            const bodies = cards.map(cardBytes);
            for (const body of bodies) {
              const ms = msPerRecord(() => readCardAlone(body));
              if (ms > slowest.ms) slowest = { ms, sample: body.toString('latin1').slice(0, 200) };
            }

            const [first, last] = markers(n);
            const sep = Buffer.from(eol);
            const bytes = Buffer.concat([
              markerCard(first, eol),
              ...bodies.flatMap((body) => [body, sep]),
              markerCard(last, eol),
            ]);
            const path = join(dir, `fuzz-${n}.vcf`);
            placed.push({ path, marker: first }, { path, marker: last });
            await importAndCheck(db, { path, bytes, records: bodies.length + 2, format: 'vcard' });
          },
        ),
        { seed: SEED, numRuns: FILES, endOnFailure: true },
      );
      expectRunComplete(db, placed, slowest, 'card');
    } finally {
      db.close();
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------------------

type Role = 'name' | 'given' | 'family' | 'phone' | 'multiPhone' | 'phoneType' | 'email' | 'note' | 'other';

interface CsvLayout {
  delimiter: ',' | ';' | '\t';
  header: string[];
  roles: Role[];
  /** Where the marker row puts its name, number and (Google) the number's label. */
  marker: { name: number; phone: number; type?: number };
}

function layout(delimiter: CsvLayout['delimiter'], columns: Array<[string, Role]>, nameCol: string, phoneCol: string) {
  const header = columns.map(([h]) => h);
  const type = header.indexOf('Phone 1 - Type');
  return {
    delimiter,
    header,
    roles: columns.map(([, r]) => r),
    marker: { name: header.indexOf(nameCol), phone: header.indexOf(phoneCol), ...(type === -1 ? {} : { type }) },
  } satisfies CsvLayout;
}

const THUNDERBIRD_HEADER = readFileSync(join(CORPUS, 'thunderbird', 'export.csv'), 'utf8').split('\r\n')[0]!;

function thunderbirdRole(h: string): Role {
  if (h === 'Display Name') return 'name';
  if (h === 'First Name') return 'given';
  if (h === 'Last Name') return 'family';
  if (/Phone|Number/.test(h)) return 'phone';
  if (/Email/.test(h)) return 'email';
  if (h === 'Notes' || h.startsWith('Custom')) return 'note';
  return 'other';
}

const GOOGLE: Array<[string, Role]> = [
  ['Name', 'name'],
  ['Given Name', 'given'],
  ['Family Name', 'family'],
  ['Nickname', 'other'],
  ['Organization 1 - Name', 'other'],
  ['E-mail 1 - Value', 'email'],
  ['Phone 1 - Type', 'phoneType'],
  ['Phone 1 - Value', 'multiPhone'],
  ['Phone 2 - Type', 'phoneType'],
  ['Phone 2 - Value', 'multiPhone'],
  ['Notes', 'note'],
];

const LAYOUTS: CsvLayout[] = [
  layout(
    ',',
    THUNDERBIRD_HEADER.split(',').map((h) => [h, thunderbirdRole(h)]),
    'Display Name',
    'Mobile Number',
  ),
  layout(',', GOOGLE, 'Name', 'Phone 1 - Value'),
  layout('\t', GOOGLE, 'Name', 'Phone 1 - Value'),
  layout(
    ';',
    [
      ['Display Name', 'name'],
      ['First Name', 'given'],
      ['Last Name', 'family'],
      ['Primary Email', 'email'],
      ['Mobile Phone', 'phone'],
      ['Notes', 'note'],
    ],
    'Display Name',
    'Mobile Phone',
  ),
];

function csvField(value: string, delimiter: string, force = false): string {
  const needs = force || value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value);
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

function cellFor(role: Role): fc.Arbitrary<string> {
  switch (role) {
    case 'name':
    case 'given':
    case 'family':
      return shortText;
    case 'phone':
      return phoneText;
    case 'multiPhone':
      return fc.array(phoneText, { maxLength: 3 }).map((ps) => ps.join(' ::: '));
    case 'phoneType':
      return fc.constantFrom('* Mobile', 'Mobile', 'Home', 'Work', 'Custom label', '');
    case 'email':
      return fc.constantFrom('', 'ann@example.com', 'bob@example.org');
    case 'note':
      return noteText;
    default:
      return fc.oneof(fc.constant(''), shortText);
  }
}

/** A generated row: its cells, and whether every cell is quoted (as some exporters do) or only where needed. */
function genRow(l: CsvLayout) {
  return fc.record({ cells: fc.tuple(...l.roles.map(cellFor)), quoteAll: fc.boolean() });
}

type RowSeed = { corpus: number } | { cells: string[]; quoteAll: boolean };

function rowBytes(l: CsvLayout, seed: RowSeed): Buffer {
  if ('corpus' in seed) return ROW_SEEDS[seed.corpus]!;
  return Buffer.from(seed.cells.map((c) => csvField(c, l.delimiter, seed.quoteAll)).join(l.delimiter), 'utf8');
}

function markerRow(l: CsvLayout, m: Marker): Buffer {
  const cells = l.header.map(() => '');
  cells[l.marker.name] = m.name;
  cells[l.marker.phone] = m.raw;
  if (l.marker.type !== undefined) cells[l.marker.type] = 'Mobile';
  // Quoted from its first character, so a quote left open by the row before cannot swallow it.
  return Buffer.from(cells.map((c) => csvField(c, l.delimiter, true)).join(l.delimiter));
}

const csvFile = fc.nat(LAYOUTS.length - 1).chain((which) => {
  const l = LAYOUTS[which]!;
  const rowSeed: fc.Arbitrary<RowSeed> = fc.oneof(
    fc.nat(ROW_SEEDS.length - 1).map((i) => ({ corpus: i })),
    genRow(l),
  );
  return fc.record({
    layout: fc.constant(which),
    eol: fc.constantFrom('\r\n', '\n'),
    rows: fc.array(fc.record({ seed: rowSeed, mutations: fc.array(csvMutation, { maxLength: 4 }) }), {
      minLength: RECORDS_PER_FILE,
      maxLength: RECORDS_PER_FILE,
    }),
  });
});

describe('fuzzed CSV files through importFile', () => {
  it(`imports ${FILES * RECORDS_PER_FILE} mutated rows without losing the good ones`, async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'fuzz.db'));
    const placed: Array<{ path: string; marker: Marker }> = [];
    let slowest = { ms: 0, sample: '' };
    try {
      await fc.assert(
        fc.asyncProperty(csvFile, async ({ layout: which, eol, rows }) => {
          const n = placed.length / 2;
          const l = LAYOUTS[which]!;
          const header = Buffer.from(l.header.join(l.delimiter) + eol);
          const sep = Buffer.from(eol);
          const bodies = rows.map((r) => applyAll(rowBytes(l, r.seed), r.mutations));
          for (const [i, body] of bodies.entries()) {
            // Every row over 1 KB, where a super-linear path would show, is timed alone; of the shorter ones, which
            // cost mostly the reader's fixed setup, one in three (all are still timed in the whole-file imports).
            if (body.length <= 1024 && i % 3 !== 0) continue;
            const alone = Buffer.concat([header, body, sep]);
            const ms = msPerRecord(() => parseCsvContacts(alone, 'one.csv').rows);
            if (ms > slowest.ms) slowest = { ms, sample: body.toString('latin1').slice(0, 200) };
          }

          const [first, last] = markers(n);
          const bytes = Buffer.concat([
            header,
            markerRow(l, first),
            sep,
            ...bodies.flatMap((body) => [body, sep]),
            markerRow(l, last),
            sep,
          ]);
          const path = join(dir, `fuzz-${n}.csv`);
          placed.push({ path, marker: first }, { path, marker: last });
          await importAndCheck(db, { path, bytes, records: bodies.length + 2, format: 'csv' });
        }),
        { seed: SEED, numRuns: FILES, endOnFailure: true },
      );
      expectRunComplete(db, placed, slowest, 'row');
    } finally {
      db.close();
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------------------

describe('importFile on damaged but readable files', () => {
  it('a stray NUL or burst of control bytes in one CSV row costs at most that row', async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'kith.db'));
    try {
      const rows = Array.from({ length: 20 }, (_, i) => `Person ${i},07400 ${100_000 + i}`);
      rows[3] = `Person 3\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f,07400 100003`;
      rows[10] += '\0';
      const path = join(dir, 'damaged.csv');
      writeFileSync(path, ['Name,Mobile Phone', ...rows].join('\r\n') + '\r\n');
      const report = await importFile(db, path, { region: REGION });
      expect(report).toMatchObject({ format: 'csv', recordsRead: 20, contacts: 20, errors: [] });
      // The NUL stays in the raw text, which then is no phone number; every other number is valid.
      expect(report.phones).toEqual({ valid: 19, possible: 0, invalid: 1 });
      expect(listContacts(db).find((c) => c.name === 'Person 10')?.phones[0]).toMatchObject({
        raw: '07400 100010\0',
        status: 'invalid',
      });
    } finally {
      db.close();
    }
  });

  it('20,000 identical rows import and re-import in linear time, as 20,000 contacts', async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'kith.db'));
    try {
      const copies = 20_000;
      const path = join(dir, 'same.csv');
      writeFileSync(path, 'Name,Mobile Phone\r\n' + 'Ann,07400 123456\r\n'.repeat(copies));
      let started = performance.now();
      const first = await importFile(db, path, { region: REGION });
      const importMs = performance.now() - started;
      started = performance.now();
      const again = await importFile(db, path, { region: REGION });
      const reimportMs = performance.now() - started;

      expect(first).toMatchObject({ added: copies, contacts: copies, errors: [] });
      expect(again).toMatchObject({ added: 0, updated: 0, unchanged: copies, removed: 0, contacts: copies });
      expect(db.prepare('SELECT count(DISTINCT key) FROM contacts').pluck().get()).toBe(copies);
      expect(db.prepare("SELECT refs FROM numbers WHERE e164 = '+447400123456'").pluck().get()).toBe(copies);
      expectStoreConsistent(db);
      // Each takes well under a second; giving every copy a key or a match by scanning the earlier ones takes a minute.
      expect(importMs).toBeLessThan(10_000);
      expect(reimportMs).toBeLessThan(2_000);
    } finally {
      db.close();
    }
  });
});
