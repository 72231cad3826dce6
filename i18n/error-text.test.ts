import { describe, expect, it } from 'vitest';
import { errorKind, errorMessageId, parseError, plainError, type ErrorContext, type ErrorKind } from './error-text.ts';
import { catalog } from './catalog.ts';

const kindOf = (text: string) => errorKind(parseError(text), text);

/** What the engine stores as the last error (main/sync/engine.ts describeFailure). */
const upload = (what: string) =>
  `uploading changes failed: PUT /v1/contacts/batches/bk-7f3a: ${what}; they stay queued`;

describe('parseError', () => {
  it('reads method, path and errno from an engine failure', () => {
    expect(parseError(upload('ECONNREFUSED'))).toMatchObject({
      method: 'PUT',
      path: '/v1/contacts/batches/bk-7f3a',
      code: 'ECONNREFUSED',
      status: null,
    });
  });

  it('reads the status and the server error code of an answer', () => {
    expect(parseError('POST /v1/verification/verify: 400 wrong_code (the code does not match)')).toMatchObject({
      method: 'POST',
      path: '/v1/verification/verify',
      status: 400,
      serverCode: 'wrong_code',
    });
  });
});

describe('errorKind', () => {
  const cases: Array<[string, ErrorKind]> = [
    [upload('ECONNREFUSED'), 'unreachable'],
    ['reaching the server failed: GET /v1/health: ENOTFOUND; it is tried again shortly', 'unreachable'],
    ['fetching join events failed: GET /v1/events: ECONNRESET; they will be fetched on the next sync', 'unreachable'],
    [upload('timed out'), 'timeout'],
    [upload('ETIMEDOUT'), 'timeout'],
    [upload('CERT_HAS_EXPIRED'), 'tls'],
    [upload('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls'],
    [upload('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls'],
    [upload('500 internal'), 'server'],
    [upload('503'), 'server'],
    [upload('429 rate_limited (slow down)'), 'rate-limited'],
    [upload('401 unauthorized'), 'signed-out'],
    ['not signed in: run `kith login --server URL --phone +E164` first', 'signed-out'],
    [upload('400 invalid_request (numbers[3] is not E.164)'), 'refused'],
    [upload('409 batch_conflict'), 'conflict'],
    [upload('413 too_large'), 'too-large'],
    ['POST /v1/verification/verify: 400 wrong_code (the code does not match)', 'wrong-code'],
    ['POST /v1/verification/verify: 400 code_expired', 'code-expired'],
    ['POST /v1/verification/verify: 429 too_many_attempts', 'too-many-attempts'],
    ['POST /v1/verification/start: 429 too_many_codes', 'rate-limited'],
    ['POST /v1/verification/start: 428 challenge_required (solve the captcha challenge)', 'challenge'],
    [
      'no code is pending for +16135550100 at http://x (none was asked for here, or it expired): ask',
      'no-code-pending',
    ],
    [
      'the disk holding the store /d/kith.db is full (SQLITE_FULL); nothing stored was lost. Free some space and try again.',
      'store-full',
    ],
    [
      'the store /d/kith.db cannot be written: the file or its folder is read-only (EROFS); nothing stored was lost.',
      'store-read-only',
    ],
    ['the store /d/kith.db could not be read or written: the disk reported an error (SQLITE_IOERR)', 'store-io'],
    ['the store /d/kith.db is locked by another Kith process (SQLITE_BUSY); nothing was changed.', 'store-busy'],
    ['the store /d/kith.db is damaged or is not a Kith store (SQLITE_NOTADB).', 'store-corrupt'],
    ['the store /d/kith.db cannot be opened (ENOENT).', 'store-cannot-open'],
    ['not an address book: this is a PNG image', 'not-address-book'],
    ['not an address book: found neither vCard cards nor a CSV contacts table', 'unknown-content'],
    ['the file is empty', 'empty-file'],
    ['no contacts could be read. Line 1: This card has no name and no phone number, so it was skipped.', 'no-contacts'],
    ['/home/ann/book.vcf: permission denied', 'unreadable-file'],
    // As the app sends it: the path of the copy taken off.
    ['permission denied', 'unreadable-file'],
    ['no such file', 'unreadable-file'],
    ['cannot read the file (EIO)', 'unreadable-file'],
    ['is a directory, not an address-book file', 'unreadable-file'],
    ['+1 555 is not a valid number for CA: too short', 'other'],
  ];
  it.each(cases)('%s → %s', (text, kind) => {
    expect(kindOf(text)).toBe(kind);
  });
});

describe('errorMessageId', () => {
  it('has a message for every kind a person can meet, in each context, and each message is in the catalog', () => {
    const contexts: ErrorContext[] = ['sync', 'sign-out', 'sign-in', 'action', 'import'];
    const network: ErrorKind[] = ['unreachable', 'timeout', 'tls', 'server', 'rate-limited'];
    for (const context of contexts) {
      for (const kind of network) {
        const id = errorMessageId(kind, context);
        expect(id, `${kind} in ${context}`).not.toBeNull();
        expect(catalog[id!]).toBeTruthy();
      }
    }
    expect(errorMessageId('signed-out', 'sync')).toBe('errors.sync.signedOut');
    expect(errorMessageId('refused', 'sync')).toBe('errors.sync.refused');
    expect(errorMessageId('store-full', 'sync')).toBe('errors.store.full');
    expect(errorMessageId('store-busy', 'action')).toBe('errors.store.busy');
    expect(errorMessageId('not-address-book', 'import')).toBe('errors.import.notAddressBook');
    expect(errorMessageId('wrong-code', 'sign-in')).toBe('errors.signIn.wrongCode');
    expect(errorMessageId('other', 'sync')).toBeNull();
  });
});

describe('plainError', () => {
  it('says an unreachable server in words, with the technical text as the detail only', () => {
    const plain = plainError(upload('ECONNREFUSED'), 'sync');
    expect(plain.message).toBe('Can’t reach the Kith server. Your changes are saved and will be sent when it’s back.');
    expect(plain.message).not.toMatch(/PUT|ECONNREFUSED|\/v1\//);
    expect(plain.detail).toContain('PUT /v1/contacts/batches/bk-7f3a: ECONNREFUSED');
  });

  it('tells signing in to check the address', () => {
    expect(plainError('POST /v1/verification/start: ECONNREFUSED', 'sign-in').message).toMatch(
      /^Can’t reach the server at this address\. Check the address/,
    );
  });

  it('says the store failure without its path or code', () => {
    const text =
      'the disk holding the store /data/kith.db is full (SQLITE_FULL); nothing stored was lost. Free some space and try again.';
    const plain = plainError(text, 'action');
    expect(plain.message).toMatch(/^The disk is full.*Free some space and try again\.$/);
    expect(plain.message).not.toMatch(/SQLITE|kith\.db/);
    expect(plain.detail).toBe(text);
  });

  it('names the file as the user chose it and what it really is', () => {
    const plain = plainError('not an address book: this is a PDF document', 'import', { file: 'contacts.vcf' });
    expect(plain.message).toMatch(/^“contacts\.vcf” is not an address book: it is a PDF document\. Export/);
  });

  it('leaves a sentence of no known kind as it is, with no detail', () => {
    expect(plainError('XX is not a known country code', 'action')).toEqual({
      kind: 'other',
      message: 'XX is not a known country code',
      detail: null,
    });
  });
});
