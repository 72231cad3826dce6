import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { numberHash } from './account/spent-budget.ts';
import { ConfigError, configFromEnv, defaultDatabaseUrl } from './config.ts';
import { hashRequest } from './contacts/upload.ts';
import { toStored } from './db/schema.ts';
import { parseSecret, SecretError, secretFromFile } from './secret.ts';
import { startServer, type Running } from './testing/client.ts';
import { deviceAt, eachDialect, phones, signIn, upload, uploaded } from './testing/suite.ts';
import { hashAddress } from './verification/address-limiter.ts';

const dir = mkdtempSync(join(tmpdir(), 'kith-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `run-${++files}`, 'nested', 'secret.key');

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const HEX_KEY = 'a1'.repeat(32);

describe('the server secret', () => {
  it('is created on first start with mode 0600, in a folder made for it, and read back unchanged', () => {
    const path = freshPath();
    const first = secretFromFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(hashAddress(secretFromFile(path), '192.0.2.1')).toBe(hashAddress(first, '192.0.2.1'));
    expect(hashAddress(secretFromFile(freshPath()), '192.0.2.1')).not.toBe(hashAddress(first, '192.0.2.1'));
  });

  it('refuses a file that group or others may open, naming it and the fix', () => {
    const path = freshPath();
    secretFromFile(path);
    chmodSync(path, 0o640);
    expect(() => secretFromFile(path)).toThrow(SecretError);
    expect(() => secretFromFile(path)).toThrow(`KITH_SECRET_FILE ${path} is open to group or others (mode 0640)`);
  });

  it.each([
    ['too short', 'abcd'],
    ['not hex or base64', 'not a secret at all, just words'],
    ['empty', ''],
  ])('refuses a malformed file (%s), naming it', (_, text) => {
    const path = join(dir, `bad-${++files}.key`);
    writeFileSync(path, text, { mode: 0o600 });
    expect(() => secretFromFile(path)).toThrow(`KITH_SECRET_FILE ${path}: expected at least 32 random bytes`);
  });

  it('takes KITH_SECRET as hex or base64, and refuses anything shorter than 32 bytes', () => {
    const base64 = Buffer.from(HEX_KEY, 'hex').toString('base64');
    const fromHex = configFromEnv({ KITH_SECRET: HEX_KEY }).secret!;
    expect(hashAddress(configFromEnv({ KITH_SECRET: base64 }).secret!, 'x')).toBe(hashAddress(fromHex, 'x'));
    expect(configFromEnv({}).secret).toBeNull();
    expect(() => configFromEnv({ KITH_SECRET: 'a1'.repeat(31) })).toThrow(ConfigError);
    expect(() => configFromEnv({ KITH_SECRET: 'a1'.repeat(31) })).toThrow(/^KITH_SECRET: expected at least 32/);
    expect(() => parseSecret('!!', 'here')).toThrow('here: expected');
  });

  it('is kept beside the default SQLite file unless KITH_SECRET_FILE says otherwise', () => {
    const database = defaultDatabaseUrl().replace(/^sqlite:/, '');
    expect(configFromEnv({}).secretFile).toBe(join(dirname(database), 'secret.key'));
    expect(configFromEnv({ KITH_SECRET_FILE: '/etc/kith/secret' }).secretFile).toBe('/etc/kith/secret');
  });

  it('never appears when a config is serialized', () => {
    expect(JSON.stringify(configFromEnv({ KITH_SECRET: HEX_KEY }))).not.toContain(HEX_KEY);
  });
});

await eachDialect('keyed hashes', (dialect) => {
  it('keys request and budget hashes with the secret file, which a restart reads back', async () => {
    const secretFile = freshPath();
    const settings = { secret: null, secretFile, budget: { capacity: 5, refillPerHour: 6 } };
    const first = await startServer(dialect, settings);
    let open: Running | undefined = first;
    const restart = async (overrides = settings) => {
      await open?.server.close();
      open = undefined;
      open = await startServer(dialect, overrides, {}, first.db);
      return open;
    };
    try {
      expect(statSync(secretFile).mode & 0o777).toBe(0o600);
      const secret = first.server.ctx.secret;
      const me = await signIn(first.url, '+447701700001');
      const numbers = phones('+447701700100', 3);
      const answer = await uploaded(me, 'keyed-batch-1', numbers);
      const leaving = await signIn(first.url, '+447701700002');
      await uploaded(leaving, 'keyed-batch-2', phones('+447701700200', 4));
      expect((await leaving.call('DELETE', '/v1/account')).status).toBe(200);

      const { db } = first.server.ctx.conn;
      const batch = await db
        .selectFrom('upload_batches')
        .select('request_hash')
        .where('owner_id', '=', me.userId)
        .executeTakeFirstOrThrow();
      const keys = numbers.map(toStored);
      // The formulas hashes were stored under before they were keyed: over the numbers, and over their texts.
      const unkeyed = [sha256(JSON.stringify([keys, []])), sha256(JSON.stringify([[...numbers].sort(), []]))];
      expect(unkeyed).not.toContain(batch.request_hash);
      expect(batch.request_hash).toBe(hashRequest(secret, keys, []));
      const budget = await db.selectFrom('spent_budgets').select('number_hash').executeTakeFirstOrThrow();
      expect([sha256('kith-budget:447701700002'), sha256('kith-budget:+447701700002')]).not.toContain(
        budget.number_hash,
      );
      expect(budget.number_hash).toBe(numberHash(secret, toStored('+447701700002')));
      const addresses = await db.selectFrom('address_windows').select('address_hash').execute();
      expect(addresses.length).toBeGreaterThan(0);
      const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
      for (const { address_hash: hash } of addresses) {
        expect(loopback.map((a) => sha256(`kith-address:${a}`))).not.toContain(hash);
      }
      expect(addresses.map((a) => a.address_hash)).toContain(hashAddress(secret, '127.0.0.1'));
      // Restarted with the same file: the batch is recognized and the kept budget found.
      const second = await restart();
      const again = await upload(deviceAt(second.url, me), 'keyed-batch-1', [...numbers].reverse());
      expect(again.status).toBe(200);
      expect(again.body).toEqual(answer);
      const back = await signIn(second.url, '+447701700002');
      expect((await upload(back, 'keyed-batch-3', phones('+447701700300', 2))).status).toBe(429);
      expect((await upload(back, 'keyed-batch-3', phones('+447701700300', 1))).status).toBe(200);

      // With another secret, the same stored batch can no longer be told apart from another batch under its id.
      const stranger = await restart({ ...settings, secretFile: freshPath() });
      expect((await upload(deviceAt(stranger.url, me), 'keyed-batch-1', numbers)).status).toBe(409);
    } finally {
      await open?.server.close();
      await first.db.drop();
    }
  });
});
