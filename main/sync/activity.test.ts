import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentLocale, setLocale, t } from '../../i18n/index.ts';
import { openStore } from '../store/open.ts';
import { tempDir } from '../testing/tmp.ts';
import { activity, logActivity } from './history.ts';

const initial = currentLocale();
afterEach(() => setLocale(initial));

describe('the activity feed', () => {
  it('keeps each sentence as a catalog id with its arguments, so it reads in the locale shown', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    setLocale('en-US');
    const values = { batches: 41, added: 20073, removed: 0, matches: 0, repaired: 'no', queued: 0 };
    logActivity(db, 1, 'sync', { id: 'activity.synced', values });
    const [entry] = activity(db);
    expect(entry).toEqual({
      at: 1,
      kind: 'sync',
      message: 'Synced: sent 41 batches: 20,073 added, 0 removed',
      messageId: 'activity.synced',
      args: values,
    });
    setLocale('de-DE');
    expect(t(entry!.messageId!, entry!.args!)).toBe('Synced: sent 41 batches: 20.073 added, 0 removed');
    db.close();
  });

  it('reads entries written as text, ids it does not know and arguments it cannot read as their stored English', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    logActivity(db, 1, 'error', 'upload failed: PUT /v1/contacts/batches/b1: ECONNREFUSED');
    db.prepare(`INSERT INTO activity (at, kind, message, message_id, message_args) VALUES (2, 'join', ?, ?, '{}')`).run(
      'Ann joined Kith',
      'activity.fromANewerVersion',
    );
    db.prepare(`INSERT INTO activity (at, kind, message, message_id, message_args) VALUES (3, 'join', ?, ?, ?)`).run(
      'Bo joined Kith',
      'activity.joined',
      '{not json',
    );
    expect(activity(db)).toEqual([
      { at: 3, kind: 'join', message: 'Bo joined Kith', messageId: null, args: null },
      { at: 2, kind: 'join', message: 'Ann joined Kith', messageId: null, args: null },
      {
        at: 1,
        kind: 'error',
        message: 'upload failed: PUT /v1/contacts/batches/b1: ECONNREFUSED',
        messageId: null,
        args: null,
      },
    ]);
    db.close();
  });

  it('says each optional part only when it happened, with English plurals', () => {
    setLocale('en-GB');
    const base = { batches: 1, added: 1, removed: 2, matches: 0, repaired: 'no', queued: 0 };
    expect(t('activity.synced', base)).toBe('Synced: sent 1 batch: 1 added, 2 removed');
    expect(t('activity.synced', { ...base, matches: 3, repaired: 'yes', queued: 1 })).toBe(
      'Synced: sent 1 batch: 1 added, 2 removed; 3 on Kith; repaired after comparing with the server; 1 still queued',
    );
  });
});
