import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { hasShortNumbers, shortNumberPlans, toRegion } from './regions.ts';

describe('toRegion', () => {
  it('maps any letter case to the supported code', () => {
    expect(toRegion('GB')).toBe('GB');
    expect(toRegion('gb')).toBe('GB');
    expect(toRegion('Gb')).toBe('GB');
  });

  it('is null for unknown, empty or missing codes', () => {
    expect(toRegion('XX')).toBeNull();
    expect(toRegion('')).toBeNull();
    expect(toRegion(null)).toBeNull();
    expect(toRegion(undefined)).toBeNull();
  });
});

describe('short number plans', () => {
  it('are exactly the regions whose example mobile number has six digits or fewer', () => {
    // Catches a metadata update that changes which territories use very short numbers.
    const fromMetadata = getCountries().filter((c) => {
      const example = getExampleNumber(c, examples);
      return example !== undefined && example.nationalNumber.length <= 6;
    });
    expect([...shortNumberPlans].sort()).toEqual(fromMetadata.sort());
  });

  it('do not include the large plans where short local numbers are missing their area code', () => {
    for (const region of ['GB', 'US', 'DE', 'AT', 'FR', 'IT', 'JP'] as const)
      expect(hasShortNumbers(region)).toBe(false);
    expect(hasShortNumbers('FO')).toBe(true);
  });
});
