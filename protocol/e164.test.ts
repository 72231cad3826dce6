import { describe, expect, it } from 'vitest';
import { isE164 } from './e164.ts';

describe('isE164', () => {
  it('accepts the wire form only', () => {
    expect(isE164('+447400123456')).toBe(true);
    expect(isE164('+12015550123')).toBe(true);
    for (const bad of ['447400123456', '+0447400123456', '+44 7400 123456', '+1234', '+1234567890123456', '']) {
      expect(isE164(bad), bad).toBe(false);
    }
  });
});
