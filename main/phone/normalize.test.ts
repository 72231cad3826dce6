import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { formatForDisplay, isRegionCode, normalizePhone, regionOfNumber } from './index.ts';
import type { CountryCode, NormalizedPhone } from './index.ts';

const SHORT_CODE = 'short code or service number; never uploaded';
const LETTERS = 'contains letters (vanity number or a note); letters are not converted to digits';

const valid = (e164: string, reason: string, ext: string | null = null): NormalizedPhone => ({
  e164,
  candidate: null,
  ext,
  status: 'valid',
  reason,
});
const possible = (candidate: string, reason: string): NormalizedPhone => ({
  e164: null,
  candidate,
  ext: null,
  status: 'possible',
  reason,
});
const invalid = (reason: string, ext: string | null = null): NormalizedPhone => ({
  e164: null,
  candidate: null,
  ext,
  status: 'invalid',
  reason,
});

const LONDON = '+442079460018';
const LONDON_REASON = 'valid fixed-line number (GB)';

describe('normalizePhone: national numbers with the default region', () => {
  it.each<[string, CountryCode, string, string]>([
    ['07400 123456', 'GB', '+447400123456', 'valid mobile number (GB)'],
    ['020 7946 0018', 'GB', LONDON, LONDON_REASON],
    ['(201) 555-0123', 'US', '+12015550123', 'valid fixed-line or mobile number (US)'],
    ['1 201 555 0123', 'US', '+12015550123', 'valid fixed-line or mobile number (US)'],
    ['(905) 555-1234', 'CA', '+19055551234', 'valid fixed-line or mobile number (CA)'],
    ['030 1234567', 'DE', '+49301234567', 'valid fixed-line number (DE)'],
    ['0151 23456789', 'DE', '+4915123456789', 'valid mobile number (DE)'],
    ['06 12 34 56 78', 'FR', '+33612345678', 'valid mobile number (FR)'],
    ['098765 43210', 'IN', '+919876543210', 'valid mobile number (IN)'],
    ['(11) 91234-5678', 'BR', '+5511912345678', 'valid mobile number (BR)'],
    ['090-1234-5678', 'JP', '+819012345678', 'valid mobile number (JP)'],
    ['03-1234-5678', 'JP', '+81312345678', 'valid fixed-line number (JP)'],
  ])('%s in %s → %s', (raw, region, e164, reason) => {
    expect(normalizePhone(raw, region)).toEqual(valid(e164, reason));
  });

  it('accepts the region code in any letter case', () => {
    expect(normalizePhone('07400 123456', 'gb' as CountryCode)).toEqual(
      valid('+447400123456', 'valid mobile number (GB)'),
    );
  });

  it('is invalid, saying so, without a country code or a default region', () => {
    expect(normalizePhone('07400 123456', null)).toEqual(invalid('no country code and no default region'));
    expect(normalizePhone('201 555 0123', null)).toEqual(invalid('no country code and no default region'));
    // 011 is North America's international prefix only; without a region it is just digits.
    expect(normalizePhone('011 44 20 7946 0018', null)).toEqual(invalid('no country code and no default region'));
    expect(normalizePhone('07400 123456', 'XX' as CountryCode)).toEqual(
      invalid("no country code, and the default region 'XX' is unknown"),
    );
  });
});

describe('normalizePhone: international forms', () => {
  it('uses the country code after + and ignores the default region', () => {
    expect(normalizePhone('+44 7400 123456', null)).toEqual(valid('+447400123456', 'valid mobile number (GB)'));
    expect(normalizePhone('+44 20 7946 0018', 'US')).toEqual(valid(LONDON, LONDON_REASON));
    expect(normalizePhone('+1 201-555-0123', 'GB')).toEqual(
      valid('+12015550123', 'valid fixed-line or mobile number (US)'),
    );
    expect(normalizePhone('+91 98765 43210', null)).toEqual(valid('+919876543210', 'valid mobile number (IN)'));
    expect(normalizePhone('+55 11 91234-5678', null)).toEqual(valid('+5511912345678', 'valid mobile number (BR)'));
  });

  it.each<[CountryCode | null]>([[null], ['GB'], ['DE'], ['FR'], ['US'], ['CA'], ['JP'], ['BR'], ['AU'], ['IN']])(
    'reads 0044 as +44 with region %s',
    (region) => {
      expect(normalizePhone('0044 20 7946 0018', region)).toEqual(valid(LONDON, LONDON_REASON));
    },
  );

  it('reads 011 as the international prefix in North America', () => {
    expect(normalizePhone('011 44 20 7946 0018', 'US')).toEqual(valid(LONDON, LONDON_REASON));
    expect(normalizePhone('011 49 30 1234567', 'CA')).toEqual(valid('+49301234567', 'valid fixed-line number (DE)'));
  });

  it('drops a trunk 0 written in parentheses after the country code', () => {
    expect(normalizePhone('+44 (0)20 7946 0018', null)).toEqual(valid(LONDON, LONDON_REASON));
    expect(normalizePhone('+44 (0) 20 7946 0018', 'GB')).toEqual(valid(LONDON, LONDON_REASON));
    expect(normalizePhone('0044 (0)20 7946 0018', 'DE')).toEqual(valid(LONDON, LONDON_REASON));
    expect(normalizePhone('+49 (0)30 1234567', null)).toEqual(valid('+49301234567', 'valid fixed-line number (DE)'));
    expect(normalizePhone('+33 (0)1 23 45 67 89', null)).toEqual(valid('+33123456789', 'valid fixed-line number (FR)'));
  });

  it('keeps the leading 0 where it is part of the number (Italy)', () => {
    expect(normalizePhone('+39 06 4991 0000', null)).toEqual(valid('+390649910000', 'valid fixed-line number (IT)'));
  });

  it('names the calling code when a valid number belongs to no region', () => {
    expect(normalizePhone('+800 1234 5678', null)).toEqual(valid('+80012345678', 'valid toll-free number (+800)'));
  });

  it('rejects an unknown country code', () => {
    expect(normalizePhone('+999 123456789', null)).toEqual(invalid('unknown country code'));
  });
});

describe('normalizePhone: extensions, tel: URIs and dial pauses', () => {
  it.each([
    ['+44 20 7946 0018 x123'],
    ['+44 20 7946 0018 ext. 123'],
    ['+44 20 7946 0018;ext=123'],
    ['+44 20 7946 0018#123'],
    ['020 7946 0018 extension 123'],
  ])('%s keeps extension 123 outside the E.164', (raw) => {
    expect(normalizePhone(raw, 'GB')).toEqual(valid(LONDON, LONDON_REASON, '123'));
  });

  it('reads tel: URIs with or without an ext parameter', () => {
    expect(normalizePhone('tel:+1-201-555-0123;ext=55', null)).toEqual(
      valid('+12015550123', 'valid fixed-line or mobile number (US)', '55'),
    );
    expect(normalizePhone('tel:+44-20-7946-0018', null)).toEqual(valid(LONDON, LONDON_REASON));
    expect(normalizePhone('tel:7946-0018;phone-context=+44-20', null)).toEqual(valid(LONDON, LONDON_REASON));
    expect(normalizePhone('tel:020-7946-0018;phone-context=example.com', 'GB')).toEqual(valid(LONDON, LONDON_REASON));
  });

  it.each([['+44 20 7946 0018p123'], ['+44 20 7946 0018w123'], ['+44 20 7946 0018,123'], ['+44 20 7946 0018;123']])(
    '%s: post-dial digits become the extension',
    (raw) => {
      expect(normalizePhone(raw, null)).toEqual(valid(LONDON, LONDON_REASON, '123'));
    },
  );

  it('keeps only the first post-dial group, so a PIN after a second pause is not stored', () => {
    expect(normalizePhone('020 7946 0018,,123,,4567#', 'GB')).toEqual(valid(LONDON, LONDON_REASON, '123'));
  });

  it('has no number when the value starts with a pause', () => {
    expect(normalizePhone('p1234p5678w9', 'US')).toEqual(invalid('not a phone number'));
  });
});

describe('normalizePhone: letters', () => {
  it('does not convert vanity numbers', () => {
    expect(normalizePhone('1-800-FLOWERS', 'US')).toEqual(invalid(LETTERS));
    expect(normalizePhone('+1 800 FLOWERS', null)).toEqual(invalid(LETTERS));
  });

  it('does not upload the digits before a word, which may be a shorter valid number', () => {
    // libphonenumber alone stops at the letters and calls +49 30 1234 a valid Berlin number.
    expect(parsePhoneNumberFromString('+49 30 1234 HALLO')?.isValid()).toBe(true);
    expect(normalizePhone('+49 30 1234 HALLO', null)).toEqual(invalid(LETTERS));
    expect(normalizePhone('07400 123456 home', 'GB')).toEqual(invalid(LETTERS));
  });
});

describe('normalizePhone: short codes and service numbers', () => {
  it.each<[string, CountryCode | null]>([
    ['112', 'GB'],
    ['112', 'DE'],
    ['112', null],
    ['911', 'US'],
    ['999', 'GB'],
    ['110', 'DE'],
    ['*121#', 'GB'],
    ['#31#', 'GB'],
    ['*#06#', 'US'],
    ['*100*1234#', 'IN'],
    ['**21*07400123456#', 'GB'],
    ['121#', 'GB'],
    ['12345', 'US'],
    ['118118', 'GB'],
    ['116 123', 'FR'],
    ['30123', 'DE'],
    ['12345', 'AT'],
  ])('%s in %s is never valid', (raw, region) => {
    expect(normalizePhone(raw, region)).toEqual(invalid(SHORT_CODE));
  });

  it('catches short numbers that libphonenumber would accept as local fixed lines', () => {
    expect(parsePhoneNumberFromString('12345', 'AT')?.isValid()).toBe(true);
    expect(parsePhoneNumberFromString('30123', 'DE')?.isValid()).toBe(true);
  });

  it('treats six-digit numbers as people where numbers are that short (Faroe Islands, Greenland)', () => {
    expect(normalizePhone('211234', 'FO')).toEqual(valid('+298211234', 'valid mobile number (FO)'));
    expect(normalizePhone('22 12 34', 'GL')).toEqual(valid('+299221234', 'valid mobile number (GL)'));
    expect(normalizePhone('112', 'FO')).toEqual(invalid(SHORT_CODE));
  });

  it('calls one or two digits too short', () => {
    expect(normalizePhone('12', 'GB')).toEqual(invalid('too short'));
  });
});

describe('normalizePhone: possible numbers', () => {
  it('keeps a candidate for plausible lengths that are not valid numbers', () => {
    expect(normalizePhone('07400 12345', 'GB')).toEqual(
      possible('+44740012345', 'plausible length for GB but not a valid number'),
    );
    expect(normalizePhone('+49 1234 56789', null)).toEqual(
      possible('+49123456789', 'plausible length for DE but not a valid number'),
    );
    expect(normalizePhone('+1 555 123 4567', null)).toEqual(
      possible('+15551234567', 'plausible length for US but not a valid number'),
    );
  });

  it('keeps the extension of a possible number', () => {
    expect(normalizePhone('07400 12345 x9', 'GB').ext).toBe('9');
  });
});

describe('normalizePhone: garbage', () => {
  it.each<[string, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['n/a', 'not a phone number'],
    ['call me', 'not a phone number'],
    ['++', 'not a phone number'],
    ['++44 7400 123456', 'not a phone number'],
    ['---', 'not a phone number'],
    ['1234567890123456789012345', 'too long'],
    // Two numbers in one field are not guessed apart.
    ['07400 123456 / 07400 654321', 'too long'],
    ['+44 7400 123456 / +44 7400 654321', 'not a phone number'],
    ['9'.repeat(500), 'too long to be a phone number'],
    ['+33-01-23-45-67', 'too short'],
  ])('%j is invalid: %s', (raw, reason) => {
    expect(normalizePhone(raw, 'GB')).toEqual(invalid(reason));
  });

  it('reads full-width and Arabic-Indic digits as the digits they are', () => {
    expect(normalizePhone('０９０１２３４５６７８', 'JP')).toEqual(valid('+819012345678', 'valid mobile number (JP)'));
    expect(normalizePhone('＋８１ ９０－１２３４－５６７８', null)).toEqual(
      valid('+819012345678', 'valid mobile number (JP)'),
    );
    expect(normalizePhone('+٤٤ ٧٤٠٠ ١٢٣٤٥٦', null)).toEqual(valid('+447400123456', 'valid mobile number (GB)'));
  });

  it('does not throw on values that are not strings at all', () => {
    for (const raw of [undefined, null, 42, {}, []]) {
      expect(normalizePhone(raw as unknown as string, 'GB')).toEqual(invalid('not a phone number'));
    }
  });

  it('never throws, and only valid results carry an E.164, for arbitrary text', () => {
    const region = fc.constantFrom<CountryCode | null>(null, 'GB', 'US', 'DE', 'JP', 'FO');
    const phoneish = fc.stringMatching(/^[+0-9 ()\-.x#*,;pw]{0,30}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), phoneish), region, (raw, r) => {
        const out = normalizePhone(raw, r);
        expect(out.reason).not.toBe('');
        if (out.status === 'valid') {
          expect(out.e164).toMatch(/^\+[1-9]\d{5,16}$/);
          expect(out.candidate).toBeNull();
        } else {
          expect(out.e164).toBeNull();
        }
        if (out.status === 'possible') expect(out.candidate).toMatch(/^\+\d+$/);
        else expect(out.candidate).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizePhone agrees with libphonenumber/max', () => {
  it('on international digit strings', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9]\d{6,15}$/), (raw) => {
        const expected = parsePhoneNumberFromString(raw)?.isValid() === true;
        expect(normalizePhone(raw, null).status === 'valid').toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('on national numbers of seven digits or more', () => {
    const region = fc.constantFrom<CountryCode>('GB', 'US', 'DE', 'FR', 'IN', 'BR', 'JP');
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{6,11}$|^0[1-9]\d{5,10}$/), region, (raw, r) => {
        const expected = parsePhoneNumberFromString(raw, r)?.isValid() === true;
        expect(normalizePhone(raw, r).status === 'valid').toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('regionOfNumber', () => {
  it('gives the region of a number in international form', () => {
    expect(regionOfNumber('+447400123456')).toBe('GB');
    expect(regionOfNumber('+12015550123')).toBe('US');
    expect(regionOfNumber('+19055551234')).toBe('CA');
    expect(regionOfNumber('+819012345678')).toBe('JP');
  });

  it('falls back to the main region of the calling code for an unassigned number', () => {
    expect(regionOfNumber('+44740012345')).toBe('GB');
  });

  it('is null for non-geographic, national or garbage input', () => {
    expect(regionOfNumber('+80012345678')).toBeNull();
    expect(regionOfNumber('07400123456')).toBeNull();
    expect(regionOfNumber('garbage')).toBeNull();
    expect(regionOfNumber('')).toBeNull();
  });
});

describe('isRegionCode', () => {
  it('accepts supported region codes in any case and nothing else', () => {
    expect(isRegionCode('GB')).toBe(true);
    expect(isRegionCode('us')).toBe(true);
    expect(isRegionCode('Jp')).toBe(true);
    expect(isRegionCode('XX')).toBe(false);
    expect(isRegionCode('GBR')).toBe(false);
    expect(isRegionCode('')).toBe(false);
    expect(isRegionCode('001')).toBe(false);
  });
});

describe('formatForDisplay', () => {
  it('uses national format in the home region and international format elsewhere', () => {
    expect(formatForDisplay('+447400123456', 'GB')).toBe('07400 123456');
    expect(formatForDisplay('+447400123456', 'US')).toBe('+44 7400 123456');
    expect(formatForDisplay('+12015550123', 'US')).toBe('(201) 555-0123');
    expect(formatForDisplay('+12015550123', 'gb' as CountryCode)).toBe('+1 201 555 0123');
    expect(formatForDisplay('+819012345678', 'JP')).toBe('090-1234-5678');
    expect(formatForDisplay('+819012345678', null)).toBe('+81 90 1234 5678');
  });

  it('formats a possible number internationally and returns unparseable text unchanged', () => {
    expect(formatForDisplay('+44740012345', 'GB')).toBe('+44 740012345');
    expect(formatForDisplay('junk', 'GB')).toBe('junk');
  });
});
