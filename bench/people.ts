/**
 * `npm run bench people`: working out the people of 20,000 contacts at once (as on the first read after an upgrade),
 * against a floor measured in the same run: bare SELECTs of the same rows the regrouping reads (every contact's
 * folded name in name order, and every phone), on the same store.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Db } from '../main/store/open.ts';
import { peopleCount, regroupPeople } from '../main/store/people.ts';

const CONTACTS = Number(process.env.KITH_BENCH_PEOPLE ?? 20_000);
const ROUNDS = Number(process.env.KITH_BENCH_ROUNDS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** Every tenth name twice, both cards with one number: 10% fewer people than contacts. */
function fill(db: Db): void {
  db.prepare(
    `INSERT INTO sources (id, kind, path, format, file_hash, imported_at) VALUES (1, 'file', 'x', 'vcard', '', 0)`,
  ).run();
  const contact = db.prepare(
    `INSERT INTO contacts (source_id, key, digest, line, name, sort_name, created_at, updated_at)
     VALUES (1, ?, '', 1, ?, ?, 0, 0)`,
  );
  const phone = db.prepare(
    `INSERT INTO phones (contact_id, position, raw, label, e164, status, reason) VALUES (?, 0, '', '', ?, 'valid', '')`,
  );
  db.transaction(() => {
    for (let i = 0; i < CONTACTS; i++) {
      const n = i % 10 === 9 ? i - 1 : i;
      const { lastInsertRowid } = contact.run(`k${i}`, `Name ${n}`, `name ${n}`);
      phone.run(lastInsertRowid, `+447${String(n).padStart(9, '0')}`);
    }
  })();
}

export function benchPeople(workDir: string): Record<string, unknown> {
  mkdirSync(workDir, { recursive: true });
  const path = join(workDir, 'kith.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = openStore(path);
  try {
    fill(db);
    const contacts = db.prepare('SELECT id, sort_name, person_id FROM contacts ORDER BY sort_name, id');
    const phones = db.prepare('SELECT contact_id, e164 FROM phones WHERE e164 IS NOT NULL');
    const regroup: number[] = [];
    const floor: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Everything to work out again, as after the upgrade that added people.
      db.exec('UPDATE contacts SET person_id = NULL; UPDATE people_state SET seen = 0; DELETE FROM people_dirty');
      regroup.push(time(() => regroupPeople(db)));
      floor.push(time(() => [contacts.all(), phones.all()]));
    }
    const people = peopleCount(db);
    const regroupMs = median(regroup);
    const floorMs = median(floor);
    const ratio = regroupMs / floorMs;
    return {
      bench: 'people',
      contacts: CONTACTS,
      people,
      rounds: ROUNDS,
      regroup_ms: Math.round(regroupMs),
      regroup_ms_runs: regroup.map(Math.round),
      floor_select_ms: Math.round(floorMs),
      ratio_to_floor: Number(ratio.toFixed(2)),
      targets: { regroup_ms: 1000 },
      met: { regroup_ms: regroupMs <= 1000 },
    };
  } finally {
    db.close();
  }
}
