import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parseVcardChunk, splitVcards } from '../main/import/vcard/index.ts';
import { generateVcards } from './generate.ts';

const CARDS = Number(process.env.KITH_BENCH_CARDS ?? 100_000);

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}

function child(file: string, db: string) {
  const out = execFileSync(process.execPath, [join(import.meta.dirname, 'import-child.ts'), file, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as { ms: number; peak_rss_mb: number; contacts: number; added: number; unchanged: number };
}

/** Full import against the floor of the stack it is built on, all measured in this run. */
export function benchImport(workDir: string): Record<string, unknown> {
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, 'contacts-100k.vcf');
  const { text, numbers } = generateVcards(CARDS);
  const bytes = Buffer.from(text, 'utf8');
  writeFileSync(file, bytes);

  // Floor 1: the tolerant parse alone.
  const [parsed, parseMs] = time(() => {
    const { cards } = splitVcards(bytes, file);
    return cards.map((c) => parseVcardChunk(c));
  });
  // Floor 2: libphonenumber-js/max alone over the same numbers.
  const [validCount, phoneMs] = time(() => {
    let n = 0;
    for (const raw of numbers) if (parsePhoneNumberFromString(raw, 'GB')?.isValid()) n++;
    return n;
  });
  // Floor 3: a bare better-sqlite3 bulk insert of the same contact and phone rows (same columns, no indexes or
  // constraints), in one transaction.
  const floorDb = join(workDir, 'floor.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(floorDb + suffix, { force: true });
  const reason = 'valid mobile number (GB)';
  const [, insertMs] = time(() => {
    const db = new Database(floorDb);
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
        c.phones.forEach((p, i) => ip.run(id, i, p.raw, p.label, p.raw, null, null, 'valid', reason));
      }
    })();
    db.close();
  });

  const dbPath = join(workDir, 'kith.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const full = child(file, dbPath);
  const again = child(file, dbPath);
  const floorMs = parseMs + phoneMs + insertMs;
  const ratio = full.ms / floorMs;
  return {
    bench: 'import',
    cards: CARDS,
    numbers: numbers.length,
    valid_numbers: validCount,
    full_import_ms: Math.round(full.ms),
    cards_per_s: Math.round(CARDS / (full.ms / 1000)),
    peak_rss_mb: full.peak_rss_mb,
    floor_ms: { parse: Math.round(parseMs), libphonenumber: Math.round(phoneMs), sqlite_insert: Math.round(insertMs) },
    ratio_to_floor: Number(ratio.toFixed(3)),
    reimport_unchanged_ms: Math.round(again.ms),
    reimport_unchanged_cards: again.unchanged,
    targets: { full_import_ms: 4000, peak_rss_mb: 400, ratio_to_floor: 1.5, reimport_unchanged_ms: 1500 },
    met: {
      full_import_ms: full.ms <= 4000,
      peak_rss_mb: full.peak_rss_mb <= 400,
      ratio_to_floor: ratio <= 1.5,
      reimport_unchanged_ms: again.ms <= 1500,
    },
  };
}
