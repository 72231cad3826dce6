import { describe, expect, it } from 'vitest';
import type { CountryCode } from 'libphonenumber-js/max';
import { normalizePhone } from './normalize.ts';
import { numberQueryPrefixes, numberSearchKeys, prefixEnd } from './search-keys.ts';

/** The keys of a number as the store would keep them, read against a home region as an import reads it. */
function keysFor(raw: string, region: CountryCode): string[] {
  const n = normalizePhone(raw, region);
  return numberSearchKeys(raw, n.e164, n.candidate);
}

/** Whether a search for `query` finds a phone with these keys, as the store's range scan decides it. */
function finds(query: string, keys: readonly string[]): boolean {
  const prefixes = numberQueryPrefixes(query);
  if (prefixes === null) return false;
  return prefixes.some((p) => keys.some((k) => k >= p && k < prefixEnd(p)));
}

/** Every way of typing the start of `text`, one character more each time, from its first digit on. */
function typing(text: string): string[] {
  const first = text.search(/\d/);
  return Array.from({ length: text.length - first }, (_, i) => text.slice(0, first + i + 1));
}

describe('numberSearchKeys', () => {
  it('keeps the national form and the international form', () => {
    expect(keysFor('07400 015000', 'GB').sort()).toEqual(['+447400015000', '07400015000']);
    // A number of another region: the national form of its own country, which the list does not show here.
    expect(keysFor('+33 6 12 34 56 78', 'GB').sort()).toEqual(['+33612345678', '0612345678']);
    // North American national forms have no trunk prefix; "1 905…" is the international digits.
    expect(keysFor('(905) 555-1234', 'US').sort()).toEqual(['+19055551234', '9055551234']);
    // Russia's trunk prefix is 8: the national significant number is a key of its own.
    expect(keysFor('+7 912 345-67-89', 'GB').sort()).toEqual(['+79123456789', '89123456789', '9123456789']);
  });

  it('keeps the national form as libphonenumber shows it where it is more than a trunk prefix', () => {
    // Argentina's mobile numbers: 0 + area code + 15 in national form, 9 after the country code in international.
    expect(keysFor('+54 9 11 2345-6789', 'GB').sort()).toEqual(['+5491123456789', '0111523456789', '91123456789']);
  });

  it('keeps the digits as written when they are none of those', () => {
    expect(keysFor('+44 (0)161 496 6807', 'GB')).toContain('+4401614966807');
    expect(keysFor('0044 161 496 6807', 'GB')).toContain('00441614966807');
  });

  it('finds an invalid number and a possible one by their raw digits', () => {
    expect(normalizePhone('+1 555 0100', 'GB').status).toBe('invalid');
    expect(keysFor('+1 555 0100', 'GB')).toEqual(['+15550100']);
    expect(keysFor('0800 FLOWERS', 'GB')).toEqual(['0800']);
    expect(normalizePhone('07400 12', 'GB').status).toBe('possible');
    expect(keysFor('07400 12', 'GB')).toContain('0740012');
    expect(keysFor('', 'GB')).toEqual([]);
  });

  it('leaves an extension out', () => {
    expect(keysFor('tel:+44-20-7946-0000;ext=12', 'GB').sort()).toEqual(['+442079460000', '02079460000']);
  });
});

describe('numberQueryPrefixes', () => {
  it('reads digits only, without spaces, dashes, dots or brackets', () => {
    expect(numberQueryPrefixes('07400 015000')).toEqual(['07400015000']);
    expect(numberQueryPrefixes('(0905) 555-1234')).toEqual(['09055551234']);
    expect(numberQueryPrefixes('06.12.34.56.78')).toEqual(['0612345678']);
    // Also after a trunk prefix 0, and as an international number.
    expect(numberQueryPrefixes('  7400\t015000 ')).toEqual(['+7400015000', '07400015000', '7400015000']);
  });

  it('reads full-width and Arabic-Indic digits as digits', () => {
    expect(numberQueryPrefixes('０７４００ ０１５０００')).toEqual(['07400015000']);
    expect(numberQueryPrefixes('٠٧٤٠٠ ٠١٥٠٠٠')).toEqual(['07400015000']);
    expect(numberQueryPrefixes('۰۷۴۰۰')).toEqual(['07400']);
    expect(numberQueryPrefixes('＋４４ ７４００')).toEqual(['+447400']);
  });

  it('reads a + as the international form, and 00 or 011 as possibly so', () => {
    expect(numberQueryPrefixes('+44 7400')).toEqual(['+447400']);
    expect(numberQueryPrefixes('0044 7400')).toEqual(['+447400', '00447400']);
    expect(numberQueryPrefixes('011 44 7400')).toEqual(['+447400', '011447400']);
    // A Leeds number: 0113 stays as typed, and is tried as 011 + 3… too.
    expect(numberQueryPrefixes('0113 496')).toEqual(['+3496', '0113496']);
    expect(numberQueryPrefixes('44 7400')).toEqual(['+447400', '0447400', '447400']);
  });

  it('leaves out the (0) written into an international number', () => {
    expect(numberQueryPrefixes('+44 (0)7400 015000')).toEqual(['+447400015000']);
    expect(numberQueryPrefixes('+44 (0')).toEqual(['+44']);
    expect(numberQueryPrefixes('+39 06 1234')).toEqual(['+39061234']);
  });

  it('matches every international number while its prefix is still being typed', () => {
    expect(numberQueryPrefixes('0')).toEqual(['+', '0']);
    expect(numberQueryPrefixes('01')).toEqual(['+', '01']);
    expect(numberQueryPrefixes('00')).toEqual(['+', '00']);
  });

  it('is null for text that is not a number', () => {
    expect(numberQueryPrefixes('Erika')).toBeNull();
    expect(numberQueryPrefixes('Erika 0740')).toBeNull();
    expect(numberQueryPrefixes('*121#')).toBeNull();
    expect(numberQueryPrefixes('+')).toBeNull();
    expect(numberQueryPrefixes('-')).toBeNull();
    expect(numberQueryPrefixes('7400+1')).toBeNull();
  });
});

describe('a number typed in any form finds its keys', () => {
  const cases: Array<{ raw: string; region: CountryCode; typed: string[]; not: string[] }> = [
    {
      raw: '07400 015000',
      region: 'GB',
      typed: [
        '07400 015000',
        '07400015000',
        '7400 015000',
        '+44 7400 015000',
        '+447400015000',
        '447400015000',
        '0044 7400 015000',
        '011 44 7400 015000',
        '(07400) 015-000',
        '07400-015-000',
        '+44 (0)7400 015000',
      ],
      not: ['07401', '+1 7400', '015000', '0044 07400'],
    },
    {
      raw: '+1 (212) 416-3790',
      region: 'US',
      typed: ['(212) 416-3790', '212-416-3790', '212.416.3790', '1 212 416 3790', '+1 212 416', '001 212', '011 1 212'],
      not: ['0212', '+44 212'],
    },
    {
      raw: '0151 41632683',
      region: 'DE',
      typed: ['0151 41632683', '015141632683', '151 4163', '+49 151 41632683', '0049 151', '4915141632683'],
      not: ['0049 0151', '+49 0151'],
    },
    {
      raw: '06 12 34 56 78',
      region: 'FR',
      typed: ['06 12 34 56 78', '06.12.34.56.78', '0612345678', '+33 6 12 34 56 78', '0033 612', '33612345678'],
      not: ['0612345679'],
    },
    {
      raw: '090502 01750',
      region: 'IN',
      typed: ['090502 01750', '09050201750', '90502 01750', '+91 90502 01750', '0091 9050', '919050201750'],
      not: ['+91 09050'],
    },
    {
      raw: '0905 555 1234',
      region: 'PH',
      typed: ['0905 555 1234', '09055551234', '(0905) 555-1234', '905 555 1234', '+63 905 555 1234', '0063 905'],
      not: ['+1 905'],
    },
  ];

  for (const { raw, region, typed, not } of cases) {
    it(`${raw} (${region})`, () => {
      const keys = keysFor(raw, region);
      for (const query of typed) expect(finds(query, keys), query).toBe(true);
      for (const query of not) expect(finds(query, keys), query).toBe(false);
    });
  }

  it('finds a number from its first digit on, as it is typed', () => {
    const keys = keysFor('07400 015000', 'GB');
    const forms = ['07400 015000', '+44 7400 015000', '+44 (0)7400 015000', '0044 7400 015000', '011 44 7400 015000'];
    for (const shown of forms) {
      for (const query of typing(shown)) expect(finds(query, keys), query).toBe(true);
    }
  });

  it('finds an invalid number by the digits written for it', () => {
    const keys = keysFor('0800 FLOWERS', 'GB');
    expect(finds('0800', keys)).toBe(true);
    expect(finds('080', keys)).toBe(true);
    expect(finds('+44 800', keys)).toBe(false);
  });

  it('does not read letters as a number', () => {
    expect(finds('FLOWERS', keysFor('0800 FLOWERS', 'GB'))).toBe(false);
  });
});
