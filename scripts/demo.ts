/**
 * `npm run demo`: the whole job on embedded defaults, in a fresh folder. A local sync server on loopback (SQLite),
 * an address book imported into a local store, sign-in, sync, and two of the contacts joining: one before the
 * upload (found by matching) and one after (told by a join event). Prints what a user would see.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPhoneRegexCache } from '../main/phone/regex-hook.ts';

installPhoneRegexCache();
const { buildServer } = await import('../server/app.ts');
const { testConfig } = await import('../server/config.ts');
const { devSender } = await import('../server/verification/senders.ts');
const { importFile } = await import('../main/import/importer.ts');
const { applyRegionChoice } = await import('../main/import/region.ts');
const { openStore } = await import('../main/store/open.ts');
const { SyncEngine, ServerClient, login, joinedContacts, settingsTokenStore, uploadLog } =
  await import('../main/sync/index.ts');

const ROOT = join(import.meta.dirname, '..');
const FILES = [
  join(ROOT, 'fixtures/corpus/ez-vcard/John_Doe_IPHONE.vcf'),
  join(ROOT, 'fixtures/corpus/node-vcf/multiple.vcf'),
];
const ME = '+447400123456';

const dir = mkdtempSync(join(tmpdir(), 'kith-demo-'));
const server = await buildServer(
  { ...testConfig(`sqlite:${join(dir, 'server.sqlite')}`), logLevel: 'warn' },
  { sender: devSender(() => {}) },
);
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
console.log(`Local sync server (SQLite, dev mode): ${url}`);

const db = openStore(join(dir, 'kith.db'));
const { region } = applyRegionChoice(db, { me: ME });
for (const file of FILES) {
  const r = await importFile(db, file, { region });
  console.log(`Imported ${file.slice(ROOT.length + 1)}: ${r.added} contacts, ${r.phones.valid} valid numbers`);
}

/** Someone from the address book signs up on their own phone. */
async function join_(e164: string): Promise<void> {
  const client = new ServerClient(url);
  const started = await client.startVerification(e164);
  await client.verify(started.sessionId, started.devCode!, 'their phone');
  client.close();
}

// Two contacts from different cards: one signs up before the upload, one after.
const firsts = db
  .prepare(`SELECT min(e164) FROM phones WHERE e164 IS NOT NULL GROUP BY contact_id ORDER BY contact_id`)
  .pluck()
  .all() as string[];
const someone = [...new Set(firsts)].slice(-2);
await join_(someone[0]!);
const tokens = settingsTokenStore(db);
await login(db, tokens, url, ME, { now: Date.now(), deviceName: 'demo' });
console.log(`Signed in as ${ME}`);

const engine = new SyncEngine({ db, tokens });
const first = await engine.sync({ pullEvents: true });
console.log(`Sync: ${first.batchesSent} batch(es), ${first.added} numbers uploaded, ${first.matches} already on Kith`);
await join_(someone[1]!);
const second = await engine.sync({ pullEvents: true });
console.log(`Sync: ${second.batchesSent} batch(es), ${second.events} join event(s) received`);

console.log('\nOn Kith (by the name you saved):');
for (const j of joinedContacts(db)) console.log(`  ${j.name}  ${j.e164}`);
console.log('\nUpload log:');
for (const e of uploadLog(db))
  console.log(`  ${new Date(e.at).toISOString()}  ${e.result}  +${e.added.length} −${e.removed.length}`);
console.log(`\nFiles are in ${dir}`);
await engine.stop();
db.close();
await server.close();
