import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parseVcardChunk, splitVcards } from '../main/import/vcard/index.ts';
import type { ParsedContact } from '../main/import/types.ts';
import { generateVcards } from './generate.ts';

const CARDS = Number(process.env.KITH_BENCH_CARDS ?? 100_000);
/** Each figure is the median of this many runs: on a small shared machine single runs vary by ±30%. */
const ROUNDS = Number(process.env.KITH_BENCH_ROUNDS ?? 3);

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface ChildResult {
  ms: number;
  peak_rss_mb: number;
  contacts: number;
  added: number;
  unchanged: number;
}

/** One import in its own process, so its time and peak RSS are its own. */
function child(file: string, db: string): ChildResult {
  const out = execFileSync(process.execPath, [join(import.meta.dirname, 'import-child.ts'), file, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as ChildResult;
}

function freshDb(path: string): string {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return path;
}

/** Floor 3: a bare better-sqlite3 bulk insert of the same rows (same columns, no indexes or constraints). */
function bareInsert(path: string, parsed: ParsedContact[]): void {
  const db = new Database(freshDb(path));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE c (id INTEGER PRIMARY KEY, source_id, key, digest, line, name, created_at, updated_at);
           CREATE TABLE p (contact_id, position, raw, label, e164, candidate, ext, status, reason)`);
  const ic = db.prepare(
    'INSERT INTO c (source_id, key, digest, line, name, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
  );
  const ip = db.prepare('INSERT INTO p VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const c of parsed) {
      const id = ic.run(1, c.uid ?? c.name, c.name, c.line, c.name, 0, 0).lastInsertRowid;
      c.phones.forEach((p, i) => ip.run(id, i, p.raw, p.label, p.raw, null, null, 'valid', 'valid mobile number (GB)'));
    }
  })();
  db.close();
}

/** Full import against the floor of the stack it is built on, all measured in this run. */
export function benchImport(workDir: string): Record<string, unknown> {
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, 'contacts-100k.vcf');
  const { text, numbers } = generateVcards(CARDS);
  const bytes = Buffer.from(text, 'utf8');
  writeFileSync(file, bytes);

  const floors = { parse: [] as number[], libphonenumber: [] as number[], sqlite_insert: [] as number[] };
  const fulls: ChildResult[] = [];
  const again: ChildResult[] = [];
  let validCount = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Floor 1: the tolerant parse alone.
    const [parsed, parseMs] = time(() => splitVcards(bytes, file).cards.map((c) => parseVcardChunk(c)));
    // Floor 2: libphonenumber-js/max alone over the same numbers.
    const [valid, phoneMs] = time(() => numbers.filter((raw) => parsePhoneNumberFromString(raw, 'GB')?.isValid()));
    const [, insertMs] = time(() => bareInsert(join(workDir, 'floor.db'), parsed));
    floors.parse.push(parseMs);
    floors.libphonenumber.push(phoneMs);
    floors.sqlite_insert.push(insertMs);
    validCount = valid.length;
    // The full import into a fresh store, then the same file again, unchanged.
    const dbPath = freshDb(join(workDir, 'kith.db'));
    fulls.push(child(file, dbPath));
    again.push(child(file, dbPath));
  }

  const fullMs = median(fulls.map((r) => r.ms));
  const floorMs = median(floors.parse) + median(floors.libphonenumber) + median(floors.sqlite_insert);
  const ratio = fullMs / floorMs;
  const rss = Math.max(...fulls.map((r) => r.peak_rss_mb));
  const reimportMs = median(again.map((r) => r.ms));
  return {
    bench: 'import',
    cards: CARDS,
    numbers: numbers.length,
    valid_numbers: validCount,
    rounds: ROUNDS,
    full_import_ms: Math.round(fullMs),
    full_import_ms_runs: fulls.map((r) => Math.round(r.ms)),
    cards_per_s: Math.round(CARDS / (fullMs / 1000)),
    peak_rss_mb: rss,
    floor_ms: {
      parse: Math.round(median(floors.parse)),
      libphonenumber: Math.round(median(floors.libphonenumber)),
      sqlite_insert: Math.round(median(floors.sqlite_insert)),
    },
    ratio_to_floor: Number(ratio.toFixed(3)),
    reimport_unchanged_ms: Math.round(reimportMs),
    reimport_unchanged_cards: again[0]!.unchanged,
    targets: { full_import_ms: 4000, peak_rss_mb: 400, ratio_to_floor: 1.5, reimport_unchanged_ms: 1500 },
    met: {
      full_import_ms: fullMs <= 4000,
      peak_rss_mb: rss <= 400,
      ratio_to_floor: ratio <= 1.5,
      reimport_unchanged_ms: reimportMs <= 1500,
    },
  };
}
