import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Db } from '../store/open.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { tempDir } from '../testing/tmp.ts';

// A stand-in keychain: "encrypts" by reversing and tagging, so stored text never equals the token.
const safeStorage = vi.hoisted(() => ({
  available: true,
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  encryptString: vi.fn((plain: string) => Buffer.from(`sealed:${[...plain].reverse().join('')}`)),
  decryptString: vi.fn((sealed: Buffer) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...text.slice('sealed:'.length)].reverse().join('');
  }),
}));
vi.mock('electron', () => ({ safeStorage }));

const { keychainTokenStore } = await import('./token-store.ts');

const TOKEN = 'kst_0123456789abcdef';
let db: Db;

beforeEach(() => {
  safeStorage.available = true;
  db = openStore(path.join(tempDir(), 'kith.db'));
});

afterEach(() => {
  db.close();
});

describe('keychainTokenStore', () => {
  it('stores the token encrypted when the keychain is available, and reads it back', () => {
    const store = keychainTokenStore(db);
    store.write(TOKEN);
    const stored = getSetting(db, 'session_token');
    expect(stored).toMatch(/^enc:/);
    expect(stored).not.toContain(TOKEN);
    expect(Buffer.from(stored!.slice(4), 'base64').toString()).not.toContain(TOKEN);
    expect(store.read()).toBe(TOKEN);
  });

  it('falls back to plain storage, as the CLI does, when no keychain is available', () => {
    safeStorage.available = false;
    const store = keychainTokenStore(db);
    store.write(TOKEN);
    expect(getSetting(db, 'session_token')).toBe(TOKEN);
    expect(store.read()).toBe(TOKEN);
    expect(safeStorage.encryptString).not.toHaveBeenCalledWith(TOKEN);
  });

  it('reads a plain token left by the CLI and encrypts it on the next write', () => {
    setSetting(db, 'session_token', TOKEN);
    const store = keychainTokenStore(db);
    expect(store.read()).toBe(TOKEN);
    store.write(TOKEN);
    expect(getSetting(db, 'session_token')).toMatch(/^enc:/);
  });

  it('answers null for a token this keychain cannot decrypt (another machine, a reset profile)', () => {
    setSetting(db, 'session_token', `enc:${Buffer.from('garbage').toString('base64')}`);
    expect(keychainTokenStore(db).read()).toBeNull();
  });

  it('clears the token on sign-out and reads null when there is none', () => {
    const store = keychainTokenStore(db);
    expect(store.read()).toBeNull();
    store.write(TOKEN);
    store.write(null);
    expect(getSetting(db, 'session_token')).toBeNull();
    expect(store.read()).toBeNull();
  });
});

describe('keychainTokenStore sealing', () => {
  it('seals a token kept for a pending sign-out as it stores the live one, and opens it again', () => {
    const store = keychainTokenStore(db);
    const sealed = store.seal(TOKEN);
    expect(sealed).toMatch(/^enc:/);
    expect(sealed).not.toContain(TOKEN);
    expect(store.unseal(sealed)).toBe(TOKEN);
    expect(store.unseal(`enc:${Buffer.from('garbage').toString('base64')}`)).toBeNull();
  });

  it('seals in the clear, as the CLI keeps its token, when no keychain is available', () => {
    safeStorage.available = false;
    const store = keychainTokenStore(db);
    expect(store.seal(TOKEN)).toBe(TOKEN);
    expect(store.unseal(TOKEN)).toBe(TOKEN);
  });
});
