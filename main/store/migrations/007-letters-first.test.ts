import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/tmp.ts';
import { openStore } from '../open.ts';
import { foldName } from '../sort-key.ts';
import { migrations } from './index.ts';
import { lettersFirst } from './007-letters-first.ts';

describe('migration letters-first', () => {
  it('sorts stored names that start with a digit or a symbol after the letters, and drops empty contacts', () => {
    const path = join(tempDir(), 'kith.db');
    // A store as the version before left it, its sort keys made the way they were then.
    const before = lettersFirst.version - 1;
    const raw = new Database(path);
    raw.function('kith_sort_key', { deterministic: true }, (name) => foldName(String(name)));
    for (const step of migrations.slice(0, before)) raw.exec(step.sql);
    raw.pragma(`user_version = ${before}`);
    raw.exec(`INSERT INTO sources (id, path, kind, file_hash, imported_at) VALUES (1, 'a.vcf', 'vcard', 'h', 0)`);
    const insert = raw.prepare(
      `INSERT INTO contacts (source_id, key, digest, line, name, sort_name, created_at, updated_at)
       VALUES (1, ?, 'd', 1, ?, ?, 0, 0)`,
    );
    for (const name of ['â=9', '=E2=9', 'Zoë', '', ' ', '123 Pizza', 'adam'])
      insert.run(`k${name}`, name, foldName(name));
    // The nameless contact with a number stays; the two with neither a name nor a phone go.
    const numbered = raw.prepare('SELECT id FROM contacts WHERE name = ?').pluck().get('') as number;
    raw
      .prepare(
        `INSERT INTO phones (contact_id, position, raw, label, e164, candidate, ext, status, reason)
         VALUES (?, 0, '07400 123456', '', NULL, NULL, NULL, 'invalid', 'no region')`,
      )
      .run(numbered);
    raw.close();

    const db = openStore(path);
    expect(db.prepare('SELECT name FROM contacts ORDER BY sort_name, id').pluck().all()).toEqual([
      'â=9',
      'adam',
      'Zoë',
      '123 Pizza',
      '=E2=9',
      '',
    ]);
    db.close();
  });
});
