import { safeStorage } from 'electron';
import type { Db } from '../store/open.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import type { TokenStore } from '../sync/session.ts';

const PREFIX = 'enc:';

/**
 * The session token, encrypted with the OS keychain (safeStorage) when it is available; otherwise stored as the
 * CLI stores it. A token written in the clear is re-encrypted on the next write. A signed-out session's token, kept
 * until the server confirms the sign-out, is sealed the same way.
 */
export function keychainTokenStore(db: Db): TokenStore {
  const seal = (token: string): string =>
    safeStorage.isEncryptionAvailable() ? PREFIX + safeStorage.encryptString(token).toString('base64') : token;
  const unseal = (stored: string): string | null => {
    if (!stored.startsWith(PREFIX)) return stored;
    try {
      return safeStorage.decryptString(Buffer.from(stored.slice(PREFIX.length), 'base64'));
    } catch {
      // A keychain that changed (another machine, a reset profile) cannot decrypt: sign in again.
      return null;
    }
  };
  return {
    read() {
      const stored = getSetting(db, 'session_token');
      return stored === null ? null : unseal(stored);
    },
    write(token) {
      setSetting(db, 'session_token', token === null ? null : seal(token));
    },
    seal,
    unseal,
  };
}
