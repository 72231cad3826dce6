import { describe, expect, it } from 'vitest';
import { formatRelative, plural } from './format.ts';

describe('format', () => {
  it('counts with the right noun', () => {
    expect(plural(1, 'contact')).toBe('1 contact');
    expect(plural(0, 'contact')).toBe('0 contacts');
    expect(plural(2, 'entry', 'entries')).toMatch(/^2 entries$/);
  });

  it('says how long ago in the largest fitting unit', () => {
    const now = 1_700_000_000_000;
    expect(formatRelative(now - 3_000, now)).toBe('just now');
    expect(formatRelative(now - 3 * 60_000, now)).toBe('3 minutes ago');
    expect(formatRelative(now - 2 * 3_600_000, now)).toBe('2 hours ago');
    expect(formatRelative(now + 30_000, now)).toBe('in 30 seconds');
  });
});
