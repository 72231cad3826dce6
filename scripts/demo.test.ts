import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { importFile } from '../main/import/importer.ts';
import { openStore } from '../main/store/open.ts';
import { tempDir } from '../main/testing/tmp.ts';

const ROOT = join(import.meta.dirname, '..');
const FILES = ['fixtures/corpus/ez-vcard/John_Doe_IPHONE.vcf', 'fixtures/corpus/node-vcf/multiple.vcf'];

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/demo.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: tempDir(), LANG: 'C.UTF-8' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The figures the demo should give, from the fixtures' phones as stored, without the sync tables. */
async function expected() {
  const db = openStore(join(tempDir(), 'kith.db'));
  try {
    for (const file of FILES) await importFile(db, join(ROOT, file), { region: 'CA' });
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const sendable = `FROM phones WHERE status = 'valid' AND to_check IS NULL`;
    const distinct = count(`SELECT count(DISTINCT e164) ${sendable}`);
    return {
      total: count('SELECT count(*) FROM phones'),
      distinct,
      duplicates: count(`SELECT count(*) ${sendable}`) - distinct,
      toCheck: count('SELECT count(*) FROM phones WHERE to_check IS NOT NULL'),
      notValid: count(`SELECT count(*) FROM phones WHERE status != 'valid'`),
      names: db.prepare('SELECT DISTINCT name FROM contacts').pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

describe('npm run demo', () => {
  it('says what each step does and why fewer numbers are uploaded than were read', { timeout: 60_000 }, async () => {
    const [run, want] = await Promise.all([runDemo(), expected()]);
    const left = /server database are in (\S+)\n$/.exec(run.stdout)?.[1];
    if (left) onTestFinished(() => rmSync(left, { recursive: true, force: true }));
    expect(left).toMatch(/kith-demo-/);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The figures below are plural in English; the fixtures keep them so.
    expect(want.distinct).toBeGreaterThan(1);
    expect(want.duplicates).toBeGreaterThan(1);
    expect(want.notValid).toBeGreaterThan(1);
    expect(want.distinct + want.duplicates + want.toCheck + want.notValid).toBe(want.total);
    const out = run.stdout;
    expect(out).toMatch(/^Started a local sync server \(SQLite, dev mode\) at http:\/\/127\.0\.0\.1:\d+\.\n/);
    expect(out).toContain('numbers written without a country code are read as numbers of Canada.\n');
    expect(out).toContain(`Of these ${want.total} numbers, ${want.distinct} are to be uploaded:\n`);
    expect(out).toContain(`  ${want.duplicates} are duplicates: the same number in several contacts is sent once;\n`);
    expect(out).toContain(`  ${want.notValid} are not valid, and a number that is not valid is never sent.\n`);
    expect(out.includes('wait for you to check the country') || out.includes('waits for you')).toBe(want.toCheck > 0);
    expect(out).toContain(`First sync: uploaded ${want.distinct} numbers in 1 batch; 1 of them was already on Kith.\n`);
    expect(out).toContain('Second sync: nothing new to upload; the server told us of 1 new join.\n');
    // Two different people joined, each listed by the name saved in the address book.
    const joined = out.split('On Kith, by the name you saved:\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(joined).toHaveLength(2);
    const names = joined.map((line) => line.trim().split(/\s+\+/)[0]!);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(want.names).toContain(name);
    // The time is in the locale's words, not ISO.
    expect(out).toMatch(/Upload log:\n {2}\S.* {2}applied {2}\+\d+ −0\n/);
    expect(out).not.toMatch(/\d{4}-\d\d-\d\dT/);
    // Cards of one person are counted once: the three cards for one name that share numbers read as fewer people.
    const cards = /multiple\.vcf: 3 cards \((\d) (?:person|people)\)/.exec(out)?.[1];
    expect(Number(cards)).toBeLessThan(3);
    expect(out).toContain(`  applied  +${want.distinct} −0\n`);
  });
});
