// The same checks against each real server: discovery, incremental sync, the fallbacks, and the failures.
// i18n-ignore-file: test names and card data, never shown
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardDavError, discover, EMPTY_STATE, poll, type PollResult, type SyncState } from '../index.ts';
import type { PollOptions } from '../sync.ts';
import { raw, skipReason, startServer, type RunningServer, type ServerName } from './servers.ts';

function card(uid: string, name: string, phone: string): string {
  return `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${name}\r\nN:${name};;;;\r\nTEL:${phone}\r\nEND:VCARD\r\n`;
}

export function serverSuite(name: ServerName): void {
  const reason = skipReason(name);
  describe.skipIf(reason !== null)(`CardDAV against ${name}${reason ? ` (skipped: ${reason})` : ''}`, () => {
    let server: RunningServer;
    let dir: string;
    let state: SyncState = EMPTY_STATE;
    let requests: string[] = [];
    const creds = (): { username: string; password: string } => ({ username: server.user, password: server.password });
    const options = (supportsSync: boolean): PollOptions => ({
      ca: server.certs.ca,
      supportsSync,
      onRequest: (method) => requests.push(method),
    });
    const path = (uid: string): string => new URL(`${uid}.vcf`, server.bookUrl).pathname;
    const put = async (uid: string, text: string): Promise<void> => {
      const answer = await raw(
        server.certs,
        'PUT',
        server.bookUrl + `${uid}.vcf`,
        server.user,
        server.password,
        text,
        'text/vcard',
      );
      expect([201, 204]).toContain(answer.status);
    };
    const pollNow = async (supportsSync = true, from = state): Promise<PollResult> => {
      requests = [];
      const result = await poll(server.bookUrl, creds(), from, options(supportsSync));
      state = result.state;
      return result;
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `kith-${name}-`));
      server = await startServer(name, dir);
    });
    afterAll(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('discovers the address book from the bare origin through /.well-known/carddav', async () => {
      const found = await discover(server.origin, creds(), { ca: server.certs.ca });
      expect(found.addressBooks.map((b) => b.url)).toEqual([server.bookUrl]);
      expect(found.addressBooks[0]!.supportsSync).toBe(true);
      expect(found.addressBooks[0]!.syncToken).toBeTruthy();
    });

    it('fetches every card on the first poll, then costs one request when nothing changed', async () => {
      await put('ann', card('ann', 'Ann', '+441632960001'));
      await put('bob', card('bob', 'Bob', '+441632960002'));
      const first = await pollNow();
      expect(first.upserts.map((u) => u.href).sort()).toEqual([path('ann'), path('bob')]);
      expect(first.upserts.find((u) => u.href === path('ann'))!.vcard).toContain('FN:Ann');
      expect(first.deletes).toEqual([]);
      expect(first.errors).toEqual([]);
      expect(state.token).toBeTruthy();
      expect(Object.keys(state.etags).sort()).toEqual([path('ann'), path('bob')]);

      const again = await pollNow();
      expect(again.upserts).toEqual([]);
      expect(again.deletes).toEqual([]);
      expect(requests).toEqual(['REPORT']);
    });

    it('returns exactly a card created, then edited, then deleted', async () => {
      await put('cat', card('cat', 'Cat', '+441632960003'));
      const created = await pollNow();
      expect(created.upserts.map((u) => u.href)).toEqual([path('cat')]);
      expect(created.deletes).toEqual([]);

      await put('ann', card('ann', 'Ann Smith', '+441632960009'));
      const edited = await pollNow();
      expect(edited.upserts.map((u) => u.href)).toEqual([path('ann')]);
      expect(edited.upserts[0]!.vcard).toContain('FN:Ann Smith');
      expect(edited.deletes).toEqual([]);

      const gone = await raw(server.certs, 'DELETE', server.bookUrl + 'bob.vcf', server.user, server.password);
      expect([200, 204]).toContain(gone.status);
      const deleted = await pollNow();
      expect(deleted.upserts).toEqual([]);
      expect(deleted.deletes).toEqual([path('bob')]);
      expect(Object.keys(state.etags).sort()).toEqual([path('ann'), path('cat')]);
    });

    it('falls back to a full listing when the sync token is refused', async () => {
      const kept = state;
      // The server knows nothing of this token, and one stored ETag is stale, so only that card is fetched again.
      const result = await pollNow(true, {
        ...kept,
        token: 'kith-unknown-token',
        etags: { ...kept.etags, [path('cat')]: '"stale"' },
      });
      expect(result.mode).toBe('full-sync-collection');
      expect(result.upserts.map((u) => u.href)).toEqual([path('cat')]);
      expect(result.deletes).toEqual([]);
      expect(result.state.token).toBeTruthy();
      expect(result.state.token).not.toBe('kith-unknown-token');
    });

    it('follows changes by ETag listing where sync-collection is not used, one request when unchanged', async () => {
      let result = await pollNow(false, { token: null, ctag: null, etags: state.etags });
      expect(result.mode).toBe('etag-listing');
      expect(result.upserts).toEqual([]);
      result = await pollNow(false);
      expect(result.mode).toBe('ctag-unchanged');
      expect(requests).toEqual(['PROPFIND']);
      await put('dan', card('dan', 'Dan', '+441632960004'));
      await raw(server.certs, 'DELETE', server.bookUrl + 'cat.vcf', server.user, server.password);
      result = await pollNow(false);
      expect(result.upserts.map((u) => u.href)).toEqual([path('dan')]);
      expect(result.deletes).toEqual([path('cat')]);
      // Back to sync-collection for the rest.
      await pollNow(true, { ...state, token: null });
    });

    it('refuses the self-signed certificate unless it is given as trusted', async () => {
      const error = await poll(server.bookUrl, creds(), state, { supportsSync: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CardDavError);
      expect((error as CardDavError).kind).toBe('tls-self-signed');
      expect((error as CardDavError).message).toMatch(/self-signed/);
    });

    it('says the password is wrong after it changed on the server, and never repeats it', async () => {
      server.setPassword('a new password 2');
      try {
        const before = structuredClone(state);
        const error = (await pollNow().catch((e: unknown) => e)) as CardDavError;
        expect(error).toBeInstanceOf(CardDavError);
        expect(error.kind).toBe('auth');
        expect(error.status).toBe(401);
        const everything = `${error.message} ${error.detail} ${error.stack} ${String(error)} ${JSON.stringify(error)}`;
        expect(everything).not.toContain(server.password);
        expect(everything).not.toContain(Buffer.from(`${server.user}:${server.password}`).toString('base64'));
        expect(state).toEqual(before);
      } finally {
        server.setPassword(server.password);
      }
    });

    it('reports a server stopped mid-poll as unreachable and leaves the kept state as it was', async () => {
      await put('eve', card('eve', 'Eve', '+441632960005'));
      const before = structuredClone(state);
      const sent: string[] = [];
      const stopping: PollOptions = {
        ca: server.certs.ca,
        supportsSync: true,
        // The report listing the change gets through; the server goes away before the card is fetched.
        onRequest: (method) => {
          sent.push(method);
          if (sent.length === 2) server.halt();
        },
      };
      const error = (await poll(server.bookUrl, creds(), state, stopping).catch((e: unknown) => e)) as CardDavError;
      expect(sent).toEqual(['REPORT', 'REPORT']);
      expect(error).toBeInstanceOf(CardDavError);
      expect(error.kind).toBe('unreachable');
      expect(state).toEqual(before);
    });
  });
}
