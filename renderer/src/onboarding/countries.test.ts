import { describe, expect, it } from 'vitest';
import { countries, localeRegion } from './countries.ts';

describe('countries', () => {
  const list = countries('en');
  const known = new Set(list.map((c) => c.code));

  it('names every region with its calling code, sorted by name', () => {
    expect(list.find((c) => c.code === 'GB')).toEqual({ code: 'GB', name: 'United Kingdom', callingCode: '44' });
    expect(list.find((c) => c.code === 'IN')?.callingCode).toBe('91');
    const names = list.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('en').compare));
  });

  it('picks the region from the preferred languages', () => {
    expect(localeRegion(['en-GB', 'en'], known)).toBe('GB');
    expect(localeRegion(['de'], known)).toBe('DE');
    expect(localeRegion(['not a tag', 'hi-IN'], known)).toBe('IN');
    expect(localeRegion([], known)).toBe('US');
  });
});
