import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t } from '../../../i18n/index.ts';
import { OsContactsError } from './card.ts';
import {
  MAC_SCRIPT,
  macExplanation,
  readMacContacts,
  runProcess,
  type RunResult,
  type Runner,
} from './mac-contacts.ts';
import { readBack } from './read-back.ts';

const fixture = (name: string) => readFileSync(new URL(`./mac-fixtures/${name}`, import.meta.url), 'utf8');
const ok = (stdout: string): RunResult => ({
  stdout,
  stderr: '',
  code: 0,
  timedOut: false,
  tooLong: false,
  missing: false,
});
/** A runner that answers every run with the same result, and records the arguments. */
function answering(result: RunResult): Runner & { calls: string[][] } {
  const calls: string[][] = [];
  const runner = async (_file: string, args: readonly string[]) => {
    calls.push([...args]);
    return result;
  };
  return Object.assign(runner, { calls });
}
async function failure(result: RunResult, options = {}): Promise<OsContactsError> {
  const err = await readMacContacts({ runner: answering(result), ...options }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OsContactsError);
  return err as OsContactsError;
}

describe('macOS Contacts output', () => {
  it('runs the script beside the code through osascript as JavaScript', async () => {
    const runner = answering(ok(fixture('empty.stdout')));
    await readMacContacts({ runner });
    expect(runner.calls).toEqual([['-l', 'JavaScript', MAC_SCRIPT, '0', '200']]);
    expect(readFileSync(MAC_SCRIPT, 'utf8')).toMatch(/Application\('Contacts'\)/);
  });

  it('reads an empty book as no cards and no issues', async () => {
    expect(await readMacContacts({ runner: answering(ok(fixture('empty.stdout'))) })).toEqual({
      cards: [],
      issues: [],
    });
  });

  it('keeps each card with its id as UID and its modification date as rev', async () => {
    const { cards, issues } = await readMacContacts({ runner: answering(ok(fixture('book.stdout'))) });
    expect(issues).toEqual([]);
    expect(cards.map((c) => [c.uid, c.rev])).toEqual([
      ['5D2F7A6C-1B3E-4C8D-9F0A-2B4C6D8E0F12:ABPerson', '2024-05-01T10:20:30.000Z'],
      ['0C9B8A7D-6E5F-4A3B-8C2D-1E0F9A8B7C6D:ABPerson', '2023-12-24T18:00:00.000Z'],
      ['A1B2C3D4-E5F6-4708-9A1B-2C3D4E5F6A7B:ABPerson', null],
      ['B2C3D4E5-F6A7-4819-8B2C-3D4E5F6A7B8C:ABPerson', null],
    ]);
    const [apple, odd, fallback, nameOnly] = cards.map(readBack);
    expect(apple).toMatchObject({
      uid: '5D2F7A6C-1B3E-4C8D-9F0A-2B4C6D8E0F12:ABPerson',
      name: 'Johnny Appleseed',
      phones: [
        { raw: '+1 (408) 555-0101', label: t('phone.label.mobile') },
        { raw: '+1 408 555 0102', label: 'HomeFAX' },
      ],
    });
    // A card with its own UID keeps it; odd characters come through unchanged.
    expect(odd).toMatchObject({
      uid: 'own-uid-7',
      name: 'Zoë "Z" Ο’Νéïll; زویا 😀',
      phones: [{ raw: '+44 20 7946 0321', label: t('phone.label.home') }],
    });
    expect(fallback).toMatchObject({
      name: 'Grace Hopper',
      phones: [
        { raw: '+1 202 555 0199', label: t('phone.label.mobile') },
        { raw: '+1 202 555 0100', label: t('phone.label.work') },
        { raw: '+1 202 555 0111', label: 'Boat' },
      ],
    });
    expect(nameOnly).toMatchObject({ name: 'Ada; Lovelace, Countess', phones: [] });
  });

  it('reports people it cannot use, and reads the rest', async () => {
    const { cards, issues } = await readMacContacts({ runner: answering(ok(fixture('no-vcard.stdout'))) });
    expect(cards.map(readBack).map((c) => [c.uid, c.name, c.phones.map((p) => p.raw)])).toEqual([
      ['D4E5F6A7-B8C9-4A31-8D4E-5F6A7B8C9D0E:ABPerson', 'Alan Turing', ['+44 161 496 0001']],
    ]);
    expect(issues).toEqual([
      {
        file: t('osContacts.mac.personPlace', { id: 'C3D4E5F6-A7B8-4920-9C3D-4E5F6A7B8C9D:ABPerson' }),
        line: 1,
        message: t('osContacts.mac.emptyPerson'),
      },
      {
        file: t('osContacts.mac.personPlace', { id: 'D4E5F6A7-B8C9-4A31-8D4E-5F6A7B8C9D0E:ABPerson' }),
        line: 1,
        message: t('osContacts.mac.badCard'),
      },
      { file: t('osContacts.mac.place'), line: 3, message: t('osContacts.mac.badPerson', { index: 3 }) },
      { file: t('osContacts.mac.place'), line: 4, message: t('osContacts.mac.badPerson', { index: 4 }) },
    ]);
  });

  it('reads a large book in batches, and starts again when people are removed meanwhile', async () => {
    let people = Array.from({ length: 450 }, (_, i) => ({
      id: `P${i}`,
      modified: null,
      vcard: `BEGIN:VCARD\nVERSION:3.0\nFN:Person ${i}\nTEL:+4477009${String(i).padStart(5, '0')}\nEND:VCARD\n`,
    }));
    const calls: string[][] = [];
    const runner: Runner = async (_file, args) => {
      calls.push([...args]);
      // P5 is deleted after the first batch: without starting again, P200 would slide into the read part.
      if (calls.length === 2) people = people.filter((p) => p.id !== 'P5');
      const offset = Number(args[3]);
      return ok(JSON.stringify({ total: people.length, people: people.slice(offset, offset + Number(args[4])) }));
    };
    const { cards, issues } = await readMacContacts({ runner });
    expect(calls.map((a) => a.slice(3))).toEqual([
      ['0', '200'],
      ['200', '200'],
      ['0', '200'],
      ['200', '200'],
      ['400', '200'],
    ]);
    expect(issues).toEqual([]);
    expect(cards.map((c) => c.uid)).toEqual(people.map((p) => p.id));
    expect(cards).toHaveLength(449);
    expect(readBack(cards[448]!)).toMatchObject({
      uid: 'P449',
      name: 'Person 449',
      phones: [{ raw: '+447700900449' }],
    });
  });

  it('gives up when the book keeps changing', async () => {
    let size = 300;
    const runner: Runner = async () => ok(JSON.stringify({ total: size++, people: [{ id: `P${size}` }] }));
    const err = await readMacContacts({ runner }).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'changing', message: t('osContacts.mac.changing') });
  });

  it('says how many were read when the book stops short of its total', async () => {
    const runner: Runner = async (_file, args) =>
      ok(
        JSON.stringify({
          total: 5,
          people: args[3] === '0' ? [{ id: 'A', vcard: 'BEGIN:VCARD\nFN:A\nEND:VCARD' }] : [],
        }),
      );
    const { cards, issues } = await readMacContacts({ runner });
    expect(cards).toHaveLength(1);
    expect(issues).toEqual([
      { file: t('osContacts.mac.place'), line: 1, message: t('osContacts.mac.incomplete', { total: 5, read: 1 }) },
    ]);
  });

  it('fails clearly on a huge answer cut off mid-way, rather than keeping part of it', async () => {
    const people = Array.from({ length: 5000 }, (_, i) => ({ id: `P${i}`, vcard: 'BEGIN:VCARD\nFN:X\nEND:VCARD\n' }));
    const whole = JSON.stringify({ total: 5000, people });
    const err = await failure(ok(whole.slice(0, 100_000)));
    expect(err.reason).toBe('badOutput');
    expect(err.message).toMatch(/^Contacts gave an answer that could not be read: /);
  });

  it('fails clearly on malformed or wrongly shaped JSON', async () => {
    const malformed = await failure(ok(fixture('malformed.stdout')));
    expect(malformed.reason).toBe('badOutput');
    for (const stdout of ['[]', '{"people": []}', '{"total": 1, "people": {}}', '']) {
      const err = await failure(ok(stdout));
      expect(err.reason).toBe('badOutput');
    }
    expect((await failure(ok('{"total": 1, "people": {}}'))).message).toBe(t('osContacts.mac.notPeople'));
  });

  it('maps the permission error to the sentence that says where to allow it', async () => {
    const err = await failure({ ...ok(''), code: 1, stderr: fixture('denied.stderr') });
    expect(err.reason).toBe('denied');
    expect(err.message).toBe(t('osContacts.mac.denied'));
    expect(err.message).toContain('System Settings → Privacy & Security → Contacts');
    expect(macExplanation()).toMatch(/only phone numbers leave it/);
  });

  it('passes on any other osascript error with its last line', async () => {
    const err = await failure({ ...ok(''), code: 1, stderr: fixture('not-running.stderr') });
    expect(err.reason).toBe('failed');
    expect(err.message).toBe(t('osContacts.mac.failed', { reason: fixture('not-running.stderr').trim() }));
    expect((await failure({ ...ok(''), code: 3 })).message).toBe(t('osContacts.mac.exitCode', { code: '3' }));
  });

  it('reports a timeout, a missing osascript, too much output, and another OS', async () => {
    const timeout = await failure({ ...ok(''), code: null, timedOut: true }, { timeoutMs: 90_000 });
    expect([timeout.reason, timeout.message]).toEqual(['timeout', t('osContacts.mac.timeout', { seconds: 90 })]);
    expect((await failure({ ...ok(''), code: null, missing: true })).reason).toBe('missing');
    const tooLong = await failure({ ...ok('{"total": 9, "peo'), code: null, tooLong: true }, { maxBuffer: 1024 });
    expect([tooLong.reason, tooLong.message]).toEqual(['tooLong', t('osContacts.mac.tooLong', { bytes: 1024 })]);
    const other = await readMacContacts({ platform: 'linux' }).catch((e: unknown) => e);
    expect(other).toMatchObject({ reason: 'unsupported', message: t('osContacts.mac.unsupported') });
  });
});

describe('the process runner', () => {
  const node = process.execPath;
  const limits = { timeoutMs: 10_000, maxBuffer: 1024 * 1024 };

  it('returns stdout, stderr and the exit code', async () => {
    const result = await runProcess(
      node,
      ['-e', 'process.stdout.write("é{}"); console.error("no"); process.exit(3)'],
      limits,
    );
    expect(result).toEqual({ stdout: 'é{}', stderr: 'no\n', code: 3, timedOut: false, tooLong: false, missing: false });
  });

  it('stops a run that takes too long', async () => {
    const result = await runProcess(node, ['-e', 'setTimeout(() => {}, 20000)'], { ...limits, timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, tooLong: false, missing: false });
  });

  it('stops a run that prints too much', async () => {
    const result = await runProcess(node, ['-e', 'process.stdout.write("x".repeat(5000))'], {
      ...limits,
      maxBuffer: 100,
    });
    expect(result).toMatchObject({ tooLong: true, timedOut: false });
  });

  it('says when the program does not exist', async () => {
    const result = await runProcess('/nonexistent/osascript', [], limits);
    expect(result).toMatchObject({ missing: true, code: null });
  });
});
