import { describe, expect, it } from 'vitest';
import { startsInternational, suggestCountry } from './check.ts';
import { normalizePhone } from './normalize.ts';
import type { CountryCode } from 'libphonenumber-js/max';

describe('numbers to check: a service-number reading that comes from the home default alone', () => {
  it.each<[string, CountryCode, string, string]>([
    // A North American number written as at home, read in the UK.
    ['905-555-1234', 'GB', '+449055551234', 'premium-rate'],
    // The trunk 0 is no country code: most of the world dials it, so the country still comes from the default.
    ['0905 555 1234', 'GB', '+449055551234', 'premium-rate'],
    // A country code written without + is read as one only because it is the home's own.
    ['44 905 555 1234', 'GB', '+449055551234', 'premium-rate'],
    ['1-800-356-9377', 'US', '+18003569377', 'toll-free'],
    ['800-356-9377', 'US', '+18003569377', 'toll-free'],
    ['0300 123 4567', 'GB', '+443001234567', 'universal access'],
    // A Russian mobile written without its trunk 8.
    ['912 345 6789', 'GB', '+449123456789', 'premium-rate'],
    ['821 23 45 67', 'FR', '+33821234567', 'shared-cost'],
  ])('%s with home %s reads as %s, a %s number to check', (raw, home, e164, kind) => {
    const n = normalizePhone(raw, home);
    expect(n).toMatchObject({ status: 'valid', e164, check: kind });
    expect(n.reason).toBe(`valid ${kind} number (${home})`);
  });

  it.each<[string, CountryCode]>([
    ['+44 905 555 1234', 'GB'],
    ['+44 905 555 1234', 'US'],
    ['0044 905 555 1234', 'GB'],
    ['0044 905 555 1234', 'US'],
    ['011 44 905 555 1234', 'US'],
    ['tel:+1-800-356-9377', 'US'],
  ])('%s carries its country code: with home %s it is never to check', (raw, home) => {
    const n = normalizePhone(raw, home);
    expect(n.status).toBe('valid');
    expect(n).not.toHaveProperty('check');
  });

  it.each<[string, CountryCode, string]>([
    ['07400 123456', 'GB', 'mobile'],
    ['020 7946 0018', 'GB', 'fixed-line'],
    ['07012 345678', 'GB', 'personal'],
    ['05612 345678', 'GB', 'VoIP'],
    ['(905) 555-1234', 'CA', 'fixed-line or mobile'],
  ])('%s with home %s, a %s number, is not to check', (raw, home, type) => {
    const n = normalizePhone(raw, home);
    expect(n.reason).toBe(`valid ${type} number (${home})`);
    expect(n).not.toHaveProperty('check');
  });

  it('reads digits the user gave a country in that country, and never as a number to check', () => {
    const canadian = normalizePhone('905-555-1234', 'GB', new Map([['9055551234', 'CA']]));
    expect(canadian).toEqual({
      e164: '+19055551234',
      candidate: null,
      ext: null,
      status: 'valid',
      reason: 'valid fixed-line or mobile number (CA)',
    });
    // Confirming keeps the home reading, now as the user's choice.
    const confirmed = normalizePhone('905-555-1234', 'GB', new Map([['9055551234', 'GB']]));
    expect(confirmed).toMatchObject({ e164: '+449055551234', status: 'valid' });
    expect(confirmed).not.toHaveProperty('check');
    // The choice is for those digits: others keep the default, and written with + the number keeps its own code.
    const chosen = new Map<string, CountryCode>([['9055551234', 'CA']]);
    expect(normalizePhone('905-666-1234', 'GB', chosen)).toMatchObject({ check: 'premium-rate' });
    expect(normalizePhone('+44 905 555 1234', 'GB', chosen).e164).toBe('+449055551234');
  });

  it('knows the international prefixes: 00 anywhere, and the home region’s own', () => {
    expect(startsInternational('00449055551234', 'GB')).toBe(true);
    expect(startsInternational('00449055551234', 'US')).toBe(true);
    expect(startsInternational('011449055551234', 'US')).toBe(true);
    expect(startsInternational('011449055551234', 'GB')).toBe(false);
    expect(startsInternational('9055551234', 'GB')).toBe(false);
    expect(startsInternational('09055551234', 'GB')).toBe(false);
  });
});

describe('suggestCountry', () => {
  it('offers North America for ten digits that are a number there', () => {
    expect(suggestCountry('9055551234', 'GB', [])).toEqual({ country: 'CA', e164: '+19055551234' });
    expect(suggestCountry('3012345678', 'GB', [])).toEqual({ country: 'US', e164: '+13012345678' });
  });

  it('tries the regions of the user’s numbers first, in their order', () => {
    expect(suggestCountry('9123456789', 'GB', [])).toEqual({ country: 'US', e164: '+19123456789' });
    expect(suggestCountry('9123456789', 'GB', ['FR', 'RU'])).toEqual({ country: 'RU', e164: '+79123456789' });
    // Germany reads the same digits as a fixed line (area code 0912): listed first, it wins.
    expect(suggestCountry('9123456789', 'GB', ['DE', 'RU'])).toEqual({ country: 'DE', e164: '+499123456789' });
  });

  it('offers nothing when no other region reads the digits as a person’s number', () => {
    // The trunk 0 rules out North America; France reads 0905… as no number at all.
    expect(suggestCountry('09055551234', 'GB', ['FR'])).toBeNull();
    // The home's own calling code is no alternative.
    expect(suggestCountry('8003569377', 'US', ['CA'])).toBeNull();
  });
});
