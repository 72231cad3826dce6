import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH_ID_PATTERN } from '../../protocol/api.ts';
import { E164_PATTERN } from '../../protocol/e164.ts';
import { call } from '../../server/testing/client.ts';
import { serverFor, signIn } from '../../server/testing/suite.ts';
import { importFile } from '../import/importer.ts';
import { defaultRegion } from '../import/region.ts';
import { listContacts } from '../store/contacts.ts';
import { signedInDevice, vcard, wantedNumbers, type RecordedRequest } from '../testing/sync-harness.ts';

/** Everything the client sends, from login to reconciliation, holds E.164 numbers and batch ids, never a name. */

const server = serverFor('sqlite');

/** An iPhone export: a long name, an email, an organization, addresses, typed and custom-labelled numbers. */
const IPHONE = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'ez-vcard', 'John_Doe_IPHONE.vcf');

const EXTRAS = [
  'EMAIL;TYPE=HOME:priya.raman@example.org',
  'ORG:Whitfield & Sons Haulage',
  'NOTE:Met at the Lisbon conference',
  'ADR;TYPE=HOME:;;12 Elm Row;Edinburgh;;EH7 4AA;UK',
  'item1.TEL:201.555.0199',
  "item1.X-ABLabel:Grandma's landline",
];
const BOOK = [
  vcard('p1', 'Priya Raman-Whitfield', ['WORK:(201) 555-0187', 'HOME:+44 (0) 7400 123456'], EXTRAS),
  vcard('p2', 'Ødegård, Sølvi', ['201-555-0142 ext. 7'], ['EMAIL:solvi@example.net', 'NICKNAME:Solvi O']),
  vcard('p3', 'Ward 7 nurses', ['VOICE:(201) 555-0187', '112']),
];

/** Whether a request is one of the shapes the protocol allows, with only numbers, ids, codes and hashes in it. */
function allowed(r: RecordedRequest, me: string): boolean {
  const body = r.body as Record<string, unknown> | undefined;
  const e164s = (v: unknown) => Array.isArray(v) && v.every((n) => typeof n === 'string' && E164_PATTERN.test(n));
  const keys = (...names: string[]) => body !== undefined && Object.keys(body).sort().join() === names.sort().join();
  const batch = /^\/v1\/contacts\/batches\/([^/?]+)$/.exec(r.path);
  if (r.method === 'PUT' && batch)
    return BATCH_ID_PATTERN.test(batch[1]!) && keys('add', 'remove') && e164s(body!.add) && e164s(body!.remove);
  const what = `${r.method} ${r.path}`;
  if (what === 'POST /v1/verification/start') return keys('e164') && body!.e164 === me;
  if (what === 'POST /v1/verification/verify') {
    // The session id from the start stands for the number; a device name is never sent by the engine's sign-in.
    return (
      keys('sessionId', 'code', 'deviceName') &&
      /^[A-Za-z0-9_-]{43}$/.test(String(body!.sessionId)) &&
      /^\d{6}$/.test(String(body!.code)) &&
      body!.deviceName === undefined
    );
  }
  if (what === 'POST /v1/contacts/check') return keys('setHash') && /^[0-9a-f]{64}$/.test(String(body!.setHash));
  if (what === 'POST /v1/events/ack') return keys('upTo') && Number.isInteger(body!.upTo);
  if (r.method !== 'GET' || body !== undefined) return false;
  return (
    /^\/v1\/events\?after=\d+&limit=\d+$/.test(r.path) ||
    /^\/v1\/contacts\?limit=\d+(&after=%2B\d+)?$/.test(r.path) ||
    r.path === '/v1/contacts/matches'
  );
}

describe('what leaves the device', () => {
  it('sends no name, label, raw text, email or note: only E.164 numbers and batch ids', async () => {
    const friend = await signIn(server().url, '+447400123456');
    const me = await signedInDevice(server().url, '+12015550126');
    await me.importCards(BOOK);
    await importFile(me.db, IPHONE, { region: defaultRegion(me.db) });
    const engine = me.engine();
    await engine.sync({ pullEvents: true });
    // A join, a lost server copy and a repair: every kind of request the engine makes.
    const late = await signIn(server().url, '+12015550142');
    await engine.sync({ pullEvents: true });
    // Deleting the server's copy also drops the inbox's waiting joins: the join above was read first.
    await call(me.url, 'DELETE', '/v1/contacts', { token: me.token() });
    await engine.sync({ pullEvents: true, reconcile: true });
    expect(friend.userId).not.toBe(late.userId);
    expect(me.requests.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/v1/contacts/matches', '/v1/contacts/check', '/v1/events/ack']),
    );

    // Nothing but the allowed shapes.
    expect(me.requests.filter((r) => !allowed(r, me.e164))).toEqual([]);

    // And none of the address book's words anywhere, path or body.
    const contacts = listContacts(me.db);
    const formatted = (raw: string) => !/^\+?\d+$/.test(raw);
    const secrets = new Set([
      ...contacts.map((c) => c.name),
      ...contacts.flatMap((c) => c.phones.map((p) => p.label)),
      // A raw text of bare digits may be part of an E.164 number by chance; any other raw text may not appear.
      ...contacts.flatMap((c) => c.phones.map((p) => p.raw).filter(formatted)),
      ...(BOOK.join('\n') + readFileSync(IPHONE, 'utf8')).match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g)!,
      'Whitfield',
      'Lisbon',
      'Edinburgh',
      'IBM',
      'Money Counter',
      'Solvi',
    ]);
    secrets.delete('');
    expect(secrets.size).toBeGreaterThan(20);
    expect([...secrets]).toEqual(expect.arrayContaining(['john.doe@ibm.com', '(201) 555-0187', 'Mobile']));
    const sent = me.requests.map((r) => `${r.path} ${JSON.stringify(r.body ?? null)}`);
    for (const text of sent) {
      for (const secret of secrets) expect(text, `${secret} was sent`).not.toContain(secret);
    }

    // What was uploaded is the set of valid numbers, and only that.
    const added = new Set(me.uploads().flatMap((b) => b.add));
    expect([...added].sort()).toEqual(wantedNumbers(me.db));
    expect(await me.serverNumbers()).toEqual(wantedNumbers(me.db));
  });
});
