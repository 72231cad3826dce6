/**
 * `npm run demo`: the whole job on embedded defaults, in a fresh folder. A local sync server on loopback (SQLite),
 * an address book imported into a local store, sign-in, sync, and two of the contacts joining: one before the
 * upload (found by matching) and one after (told by a join event). Prints what a user would see, and why.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPhoneRegexCache } from '../main/phone/regex-hook.ts';

installPhoneRegexCache();
const { t, currentLocale, formatDateTime } = await import('../i18n/index.ts');
const { buildServer } = await import('../server/app.ts');
const { testConfig } = await import('../server/config.ts');
const { devSender } = await import('../server/verification/senders.ts');
const { importFile } = await import('../main/import/importer.ts');
const { applyRegionChoice } = await import('../main/import/region.ts');
const { openStore } = await import('../main/store/open.ts');
const { peopleCount } = await import('../main/store/people.ts');
const { SyncEngine, ServerClient, login, joinedContacts, settingsTokenStore, uploadLog } =
  await import('../main/sync/index.ts');

const ROOT = join(import.meta.dirname, '..');
const FILES = [
  join(ROOT, 'fixtures/corpus/ez-vcard/John_Doe_IPHONE.vcf'),
  join(ROOT, 'fixtures/corpus/node-vcf/multiple.vcf'),
];
/** A Canadian number: the address book's numbers written without a country code are North American. */
const ME = '+16135550123';

const dir = mkdtempSync(join(tmpdir(), 'kith-demo-'));
const server = await buildServer(
  { ...testConfig(`sqlite:${join(dir, 'server.sqlite')}`), logLevel: 'warn' },
  { sender: devSender(() => {}) },
);
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
console.log(t('demo.server', { url }));

const db = openStore(join(dir, 'kith.db'));
const { region } = applyRegionChoice(db, { me: ME });
const country = region && new Intl.DisplayNames([currentLocale()], { type: 'region' }).of(region);
console.log(t('demo.me', { me: ME, country }));
for (const file of FILES) {
  const r = await importFile(db, file, { region });
  const numbers = r.phones.valid + r.phones.possible + r.phones.invalid;
  // Cards of one person (the same name sharing a number) are shown, and counted, as one.
  const source = db.prepare('SELECT id FROM sources WHERE path = ?').pluck().get(file) as number;
  const people = peopleCount(db, source);
  console.log(
    t('demo.imported', {
      file: file.slice(ROOT.length + 1),
      cards: r.contacts,
      people,
      numbers,
      valid: r.phones.valid,
    }),
  );
}

// Why fewer numbers are uploaded than were read, from the store: `numbers` holds each number to upload once, with
// how many stored phones refer to it.
const figures = db
  .prepare(
    `SELECT (SELECT count(*) FROM phones) AS total,
       (SELECT count(*) FROM numbers WHERE refs > 0) AS distinct_,
       (SELECT coalesce(sum(refs), 0) FROM numbers WHERE refs > 0) AS refs,
       (SELECT count(*) FROM phones WHERE to_check IS NOT NULL) AS toCheck,
       (SELECT count(*) FROM phones WHERE status != 'valid') AS notValid`,
  )
  .get() as { total: number; distinct_: number; refs: number; toCheck: number; notValid: number };
console.log(t('demo.sendable', { total: figures.total, distinct: figures.distinct_ }));
console.log(t('demo.duplicates', { count: figures.refs - figures.distinct_ }));
if (figures.toCheck > 0) console.log(t('demo.toCheck', { count: figures.toCheck }));
console.log(t('demo.notValid', { count: figures.notValid }));

/** Someone from the address book signs up on their own phone. */
async function signUp(e164: string): Promise<void> {
  const client = new ServerClient(url);
  const started = await client.startVerification(e164);
  await client.verify(started.sessionId, started.devCode!, t('demo.theirDevice'));
  client.close();
}

// Two people from different cards, each by a number that is uploaded: one signs up before the upload, one after.
const people = db
  .prepare(
    `SELECT c.name, min(p.e164) AS e164 FROM phones p JOIN contacts c ON c.id = p.contact_id
     JOIN numbers n ON n.e164 = p.e164 AND n.refs > 0 GROUP BY c.name ORDER BY min(c.id)`,
  )
  .all() as Array<{ name: string; e164: string }>;
const [early, late] = [people[0]!, people.at(-1)!];
await signUp(early.e164);
console.log(t('demo.joinsBefore', early));
const tokens = settingsTokenStore(db);
await login(db, tokens, url, ME, { now: Date.now(), deviceName: 'demo' });
console.log(t('demo.signedIn', { me: ME }));

const engine = new SyncEngine({ db, tokens });
const first = await engine.sync({ pullEvents: true });
console.log(t('demo.firstSync', { added: first.added, batches: first.batchesSent, matches: first.matches }));
await signUp(late.e164);
console.log(t('demo.joinsAfter', late));
const second = await engine.sync({ pullEvents: true });
console.log(t('demo.secondSync', { batches: second.batchesSent, events: second.events }));

console.log(`\n${t('demo.onKith')}`);
for (const j of joinedContacts(db)) console.log(t('demo.onKithLine', { name: j.name, e164: j.e164 }));
console.log(`\n${t('demo.log')}`);
for (const e of uploadLog(db)) {
  const line = { at: formatDateTime(e.at), result: e.result, added: e.added.length, removed: e.removed.length };
  console.log(t('demo.logLine', line));
}
console.log(`\n${t('demo.files', { dir })}`);
await engine.stop();
db.close();
await server.close();
