import { hash } from 'node:crypto';

/** The hash of the empty set: 32 zero bytes, hex. */
export const EMPTY_SET_HASH = '0'.repeat(64);

/** SHA-256 of one E.164 string. */
export function numberDigest(e164: string): Buffer {
  // The one-shot form: a batch hashes a thousand numbers, and a Hash object per number costs twice as much.
  return hash('sha256', e164, 'buffer');
}

/**
 * Order-independent hash of a set of E.164 numbers: the XOR of each number's SHA-256.
 * XOR lets the server keep it up to date one number at a time; a set has no duplicates to cancel out.
 */
export function setHash(numbers: Iterable<string>): string {
  const acc = Buffer.alloc(32);
  for (const n of numbers) xorInto(acc, numberDigest(n));
  return acc.toString('hex');
}

/** Folds numbers into (or, since XOR is its own inverse, out of) an existing set hash. */
export function toggleSetHash(current: string, numbers: Iterable<string>): string {
  const acc = Buffer.from(current, 'hex');
  for (const n of numbers) xorInto(acc, numberDigest(n));
  return acc.toString('hex');
}

function xorInto(acc: Buffer, digest: Buffer): void {
  for (let i = 0; i < 32; i++) acc[i]! ^= digest[i]!;
}
