import type { Db } from './open.ts';

export type SettingKey =
  | 'own_number'
  | 'region'
  // Sync: where and as whom, and how far the inbox and the reconciliation have got.
  | 'server_url'
  | 'session_token'
  /** A verification waiting for its code (JSON: server, e164, sessionId, expiresAt); cleared when used. */
  | 'pending_verification'
  | 'user_id'
  | 'device_id'
  | 'event_cursor'
  | 'last_sync_at'
  | 'next_reconcile_at'
  /** What the last sync pass that did not finish every step reported; cleared by a pass that did. */
  | 'last_error'
  /** `online` or `offline` as the last pass found the server, for a process that has not talked to it yet. */
  | 'connectivity'
  /** Set after "delete my data from the server": nothing is uploaded until the user resumes. */
  | 'sync_paused'
  // Desktop app: whether server_url is the bundled local demo server, and join notifications on or off.
  | 'demo_server'
  | 'notifications'
  /** The app's colours: `light` or `dark`; absent, they follow the system. */
  | 'theme';

export function getSetting(db: Db, key: SettingKey): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Db, key: SettingKey, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
}
