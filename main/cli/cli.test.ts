import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/open.ts';
import { tempDir } from '../testing/tmp.ts';

/** The `kith` command as users run it: a separate Node process, output through pipes (so never a terminal). */

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kith.js');
const CORPUS = join(ROOT, 'fixtures', 'corpus');
/** Three Erika Mustermann cards (4.0, 2.1, 3.0): four German numbers in international form, two written nationally. */
const MULTIPLE = join(CORPUS, 'node-vcf', 'multiple.vcf');
/** Six Android cards with short or unassigned numbers. */
const ANDROID = join(CORPUS, 'ez-vcard', 'John_Doe_ANDROID.vcf');
const ME = '+447400123456';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Environment of a user with an empty home in `home`: no KITH_DB, and XDG_DATA_HOME inside the home, so that even a
 * run without --db never touches a real data folder.
 */
function userEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: join(home, 'data'), LANG: 'C.UTF-8', ...extra };
}

function kith(args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/** A per-test home with its own store. */
function setup(): { dir: string; db: string; env: Record<string, string> } {
  const dir = tempDir();
  return { dir, db: join(dir, 'kith.db'), env: userEnv(dir) };
}

/** Each of multiple.vcf's three cards links its PHOTO, which is never fetched, and the report says so. */
const MULTIPLE_PHOTO_LINKS =
  '  3 errors:\n' +
  [8, 23, 37]
    .map((line) => `  ${MULTIPLE}:${line}: The PHOTO is a link, and Kith never fetches links, so it was ignored.\n`)
    .join('');

describe('kith import', () => {
  it('imports a corpus vCard file with a summary, then finds it unchanged', async () => {
    const { db, env } = setup();
    const first = await kith(['import', MULTIPLE, '--me', ME, '--db', db], env);
    expect(first).toEqual({
      code: 0,
      stdout:
        `${MULTIPLE}: 3 cards read, 3 contacts (3 added, 0 updated, 0 unchanged, 0 removed)\n` +
        '  numbers: 4 valid, 2 possible, 0 invalid\n' +
        MULTIPLE_PHOTO_LINKS,
      stderr: '',
    });

    // The own number (and so the default region) is remembered in the store.
    const again = await kith(['import', MULTIPLE, '--db', db], env);
    expect(again).toEqual({
      code: 0,
      stdout:
        `${MULTIPLE}: 3 cards read, 3 contacts (0 added, 0 updated, 3 unchanged, 0 removed)\n` +
        '  numbers: 4 valid, 2 possible, 0 invalid\n' +
        MULTIPLE_PHOTO_LINKS,
      stderr: '',
    });
  });

  it('exits after re-importing a large unchanged file, whose threads started but got no work', async () => {
    const { dir, db, env } = setup();
    const path = join(dir, 'large.vcf');
    const card = (i: number) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:large-${i}\r\nFN:Person number ${i} with a longish name\r\n` +
      `TEL;TYPE=CELL:07400 ${String(100000 + i)}\r\nNOTE:${'x'.repeat(60)}\r\nEND:VCARD\r\n`;
    writeFileSync(path, Array.from({ length: 2500 }, (_, i) => card(i)).join(''));
    expect(readFileSync(path).length).toBeGreaterThan(256 * 1024);
    expect(await kith(['import', path, '--me', ME, '--db', db], env)).toMatchObject({ code: 0, stderr: '' });
    const again = await kith(['import', path, '--db', db], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(0 added, 0 updated, 2,500 unchanged, 0 removed)');
  });

  it('names each broken card or line as path:line: reason and still imports the rest', async () => {
    const { dir, db, env } = setup();
    const broken = join(dir, 'broken.vcf');
    writeFileSync(
      broken,
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Anita Sharma',
        'TEL;TYPE=CELL:07400 123456',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Cut Short',
        'TEL:07400 222222',
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Ben Okafor',
        'this line is not a property',
        'TEL:+1 201-555-0123',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:3.0',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:2.1',
        'FN;ENCODING=QUOTED-PRINTABLE:=E2=9',
        'TEL;CELL:07400 333333',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
    const comments = join(CORPUS, 'aosp-vcard', 'v21_invalid_comment_line.vcf');
    const run = await kith(['import', broken, comments, '--region', 'GB', '--db', db], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(lines(run.stdout)).toEqual([
      `${broken}: 5 cards read, 4 contacts (4 added, 0 updated, 0 unchanged, 0 removed)`,
      '  numbers: 4 valid, 0 possible, 0 invalid',
      '  4 errors:',
      `  ${broken}:6: This card has no END:VCARD, so it was ended where the next card starts, on line 10.`,
      `  ${broken}:13: This line has no ':', so it is not a property and was ignored.`,
      `  ${broken}:16: This card has no name and no phone number, so it was skipped.`,
      `  ${broken}:21: The name could not be decoded; what could not be decoded was kept as written: “=E2=9”.`,
      `${comments}: 1 card read, 1 contact (1 added, 0 updated, 0 unchanged, 0 removed)`,
      '  numbers: 0 valid, 0 possible, 0 invalid',
      '  2 errors:',
      `  ${comments}:6: This line has no ':', so it is not a property and was ignored.`,
      `  ${comments}:9: This line has no ':', so it is not a property and was ignored.`,
      'total: 6 records read, 5 contacts, numbers 4 valid, 0 possible, 0 invalid, 6 errors',
    ]);
  });

  it('prints a total over several files, and a missing one among them does not fail the run', async () => {
    const { dir, db, env } = setup();
    const csv = join(dir, 'google.csv');
    writeFileSync(
      csv,
      'Name,Phone 1 - Type,Phone 1 - Value\r\nAnita Sharma,* Mobile,07400 123456 ::: +44 7400 654321\r\n',
    );
    const missing = join(dir, 'missing.vcf');
    const run = await kith(['import', MULTIPLE, ANDROID, csv, missing, '--me', ME, '--db', db], env);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      `${MULTIPLE}: 3 cards read, 3 contacts (3 added, 0 updated, 0 unchanged, 0 removed)`,
      '  numbers: 4 valid, 2 possible, 0 invalid',
      ...lines(MULTIPLE_PHOTO_LINKS),
      `${ANDROID}: 6 cards read, 6 contacts (6 added, 0 updated, 0 unchanged, 0 removed)`,
      '  numbers: 0 valid, 2 possible, 7 invalid',
      '  1 error:',
      // Its JPEG stops before its frame header.
      `  ${ANDROID}:52: The PHOTO image is damaged: its size could not be read from it, so it was ignored.`,
      `${csv}: 1 row read, 1 contact (1 added, 0 updated, 0 unchanged, 0 removed)`,
      '  numbers: 2 valid, 0 possible, 0 invalid',
      'total: 10 records read, 10 contacts, numbers 6 valid, 4 possible, 7 invalid, 4 errors',
    ]);
    expect(lines(run.stderr)).toEqual([`kith import: ${missing}: no such file`]);
  });

  it('fails with exit 1 and one line on stderr for a file it cannot import', async () => {
    const { dir, db, env } = setup();
    const png = join(dir, 'photo.vcf');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]));
    const empty = join(dir, 'empty.vcf');
    writeFileSync(empty, '');
    const noHeader = join(dir, 'people.csv');
    copyFileSync(join(CORPUS, 'thunderbird', 'csv_no_header.csv'), noHeader);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const missing = join(dir, 'missing.vcf');

    const cases: Array<[string, string]> = [
      [missing, 'no such file'],
      [folder, 'is a directory, not an address-book file'],
      [png, 'not an address book: this is a PNG image'],
      [empty, 'the file is empty'],
      [
        noHeader,
        'no contacts could be read. Line 1: The first row is not a header with a name or phone column, so the file was not read.',
      ],
    ];
    // With a region and without one: a failure is one line either way.
    // (A store of its own for each, since a region once given is remembered.)
    for (const [store, region] of [
      [db, ['--region', 'GB']],
      [join(dir, 'no-region.db'), []],
    ] as const) {
      const runs = await Promise.all(cases.map(([file]) => kith(['import', file, ...region, '--db', store], env)));
      runs.forEach((run, i) => {
        const [file, reason] = cases[i]!;
        expect(run, file).toEqual({ code: 1, stdout: '', stderr: `kith import: ${file}: ${reason}\n` });
      });
    }
  });

  it('rejects bad usage with exit 2 and one line on stderr', async () => {
    const { dir, db, env } = setup();
    const file = join(dir, 'book.vcf');
    copyFileSync(MULTIPLE, file);
    const cases: Array<[string[], RegExp]> = [
      [['import', '--db', db], /^kith import: name at least one file: kith import <files…>/],
      [['import', file, '--bogus', '--db', db], /^kith import: Unknown option '--bogus' \(see `kith help`\)$/],
      [['import', file, '--region', 'XX', '--db', db], /^kith import: --region XX: not a known ISO 3166 region code$/],
      [['import', file, '--me', '12345', '--db', db], /^kith import: --me 12345: not a valid number in international/],
      [['import', file, '--me', '+4474001', '--db', db], /^kith import: --me \+4474001: .*too short$/],
    ];
    const runs = await Promise.all(cases.map(([args]) => kith(args, env)));
    runs.forEach((run, i) => {
      const [args, message] = cases[i]!;
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout, args.join(' ')).toBe('');
      expect(lines(run.stderr), args.join(' ')).toHaveLength(1);
      expect(run.stderr.trimEnd(), args.join(' ')).toMatch(message);
    });
    // Nothing was imported by any of them.
    const listed = await kith(['contacts', '--db', db], env);
    expect(listed).toEqual({ code: 0, stdout: '0 contacts\n', stderr: '' });
  });
});

describe('kith contacts --json', () => {
  it('lists every contact with raw text, label, E.164, status and reason for each number', async () => {
    const { db, env } = setup();
    expect((await kith(['import', MULTIPLE, ANDROID, '--me', ME, '--db', db], env)).code).toBe(0);
    const run = await kith(['contacts', '--json', '--db', db], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');

    const contacts = JSON.parse(run.stdout) as Array<{
      name: string;
      line: number;
      phones: Array<{ raw: string; label: string; e164: string | null; status: string; reason: string }>;
    }>;
    expect(contacts).toHaveLength(9);
    for (const c of contacts) {
      expect(typeof c.name).toBe('string');
      for (const p of c.phones) {
        expect(Object.keys(p)).toEqual(expect.arrayContaining(['raw', 'label', 'e164', 'status', 'reason']));
        expect(['valid', 'possible', 'invalid']).toContain(p.status);
        expect(p.reason).not.toBe('');
        // Only a valid number has an E.164 form; the others keep just their raw text and a reason.
        if (p.status === 'valid') expect(p.e164).toMatch(/^\+\d{8,15}$/);
        else expect(p.e164).toBeNull();
      }
    }

    const erika = contacts.filter((c) => c.name === 'Dr. Erika Mustermann');
    expect(erika.map((c) => c.line)).toEqual([1, 16, 30]);
    expect(erika[0]!.phones).toEqual([
      expect.objectContaining({
        raw: 'tel:+49-221-9999123',
        label: 'Work',
        e164: '+492219999123',
        status: 'valid',
        reason: 'valid fixed-line number (DE)',
      }),
      expect.objectContaining({ raw: 'tel:+49-221-1234567', label: 'Home', e164: '+492211234567', status: 'valid' }),
    ]);
    // Written nationally in a German card, but read against the user's own region (GB).
    expect(erika[1]!.phones[0]).toEqual(
      expect.objectContaining({
        raw: '(0221) 9999123',
        label: 'Work',
        e164: null,
        status: 'possible',
        reason: 'plausible length for GB but not a valid number',
      }),
    );
    const shortCodes = contacts.flatMap((c) => c.phones).filter((p) => p.raw === '123456');
    expect(shortCodes.length).toBeGreaterThan(0);
    for (const p of shortCodes) {
      expect(p).toMatchObject({
        e164: null,
        status: 'invalid',
        reason: 'short code or service number; never uploaded',
      });
    }
  });
});

describe('kith export', () => {
  it('writes vCard 4.0 with tel: URIs for valid numbers, to stdout or --out', async () => {
    const { dir, db, env } = setup();
    expect((await kith(['import', MULTIPLE, '--me', ME, '--db', db], env)).code).toBe(0);
    const out = join(dir, 'clean.vcf');
    const [all, validOnly, toFile, csv] = await Promise.all([
      kith(['export', '--format', 'vcard', '--db', db], env),
      kith(['export', '--format', 'vcard', '--valid-only', '--db', db], env),
      kith(['export', '--format', 'vcard', '--out', out, '--db', db], env),
      kith(['export', '--format', 'csv', '--db', db], env),
    ]);

    expect(all.code).toBe(0);
    expect(all.stderr).toBe('');
    const cards = all.stdout.split('END:VCARD\r\n').filter((c) => c !== '');
    expect(cards).toHaveLength(3);
    for (const card of cards) expect(card.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    const tels = lines(all.stdout.replaceAll('\r\n', '\n')).filter((l) => l.startsWith('TEL'));
    expect(tels.filter((t) => t.includes('VALUE=uri'))).toEqual([
      'TEL;VALUE=uri;TYPE="work":tel:+492219999123',
      'TEL;VALUE=uri;TYPE="home":tel:+492211234567',
      'TEL;VALUE=uri;TYPE="work":tel:+492219999123',
      'TEL;VALUE=uri;TYPE="home":tel:+492211234567',
    ]);
    // The numbers that are not valid keep their raw text, as text.
    expect(tels.filter((t) => !t.includes('VALUE=uri'))).toEqual([
      'TEL;TYPE="work":(0221) 9999123',
      'TEL;TYPE="home":(0221) 1234567',
    ]);

    expect(validOnly.code).toBe(0);
    const validTels = lines(validOnly.stdout.replaceAll('\r\n', '\n')).filter((l) => l.startsWith('TEL'));
    expect(validTels).toHaveLength(4);
    for (const t of validTels) expect(t).toMatch(/:tel:\+\d+$/);
    // The card whose numbers all dropped out is still there, with its name.
    expect(validOnly.stdout.split('BEGIN:VCARD').length - 1).toBe(3);

    expect(toFile).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(all.stdout);

    expect(csv).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kith export: unknown --format csv (only vcard) (see `kith help`)\n',
    });

    // What was exported imports again to the same numbers.
    const reimported = await kith(['import', out, '--me', ME, '--db', join(dir, 'other.db')], env);
    expect(reimported).toEqual({
      code: 0,
      stdout:
        `${out}: 3 cards read, 3 contacts (3 added, 0 updated, 0 unchanged, 0 removed)\n` +
        '  numbers: 4 valid, 2 possible, 0 invalid\n',
      stderr: '',
    });
  });
});

describe('kith (commands, store location)', () => {
  it('prints help with exit 0 and refuses an unknown command with exit 2', async () => {
    const { env } = setup();
    const [help, none, unknown] = await Promise.all([kith(['help'], env), kith([], env), kith(['frobnicate'], env)]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^kith — /);
    for (const usage of ['kith import <files…>', 'kith contacts', 'kith export --format vcard']) {
      expect(help.stdout).toContain(usage);
    }
    // No command at all shows the same help but is still a usage error.
    expect(none).toEqual({ code: 2, stdout: help.stdout, stderr: '' });
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'kith: unknown command frobnicate (see `kith help`)\n' });
  });

  it('keeps the store in the per-user data folder unless KITH_DB or --db says otherwise', async () => {
    const { dir, env } = setup();
    const dataStore = join(env.XDG_DATA_HOME!, 'kith', 'kith.db');
    const fromEnv = join(dir, 'env', 'kith.db');
    const [byDefault, byEnv] = await Promise.all([
      kith(['import', MULTIPLE, '--me', ME], env),
      kith(['import', ANDROID, '--me', ME], { ...env, KITH_DB: fromEnv }),
    ]);
    expect(byDefault.code).toBe(0);
    expect(byEnv.code).toBe(0);
    expect(existsSync(dataStore)).toBe(true);
    expect(existsSync(fromEnv)).toBe(true);

    // Each store holds what was imported into it, and only that.
    const [listDefault, listEnv] = await Promise.all([
      kith(['contacts'], env),
      kith(['contacts', '--db', fromEnv], env),
    ]);
    expect(lines(listDefault.stdout).at(-1)).toBe('3 contacts');
    expect(lines(listEnv.stdout).at(-1)).toBe('6 contacts');
  });

  it('refuses a store written by a newer Kith, with exit 1 and one line', async () => {
    const { db, env } = setup();
    const store = openStore(db);
    store.pragma('user_version = 999');
    store.close();
    const runs = await Promise.all([
      kith(['import', MULTIPLE, '--me', ME, '--db', db], env),
      kith(['contacts', '--db', db], env),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(lines(run.stderr)).toHaveLength(1);
      expect(run.stderr).toMatch(/^kith: .*kith\.db was written by a newer Kith \(schema version 999;/);
    }
  });
});
