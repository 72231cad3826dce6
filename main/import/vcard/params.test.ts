import { describe, expect, it } from 'vitest';
import { decodeCarets, paramValues, parseParams } from './params.ts';

describe('parseParams', () => {
  it('reads nothing from nothing', () => {
    expect(parseParams('')).toEqual({ types: [], encoding: '', charset: '' });
  });

  it('collects TYPE lists, repeated TYPE and 2.1 bare words, lower-cased', () => {
    expect(parseParams('TYPE=WORK,Voice;type=pref;CELL;X-Custom').types).toEqual([
      'work',
      'voice',
      'pref',
      'cell',
      'x-custom',
    ]);
  });

  it('takes an encoding from ENCODING= or from a bare 2.1 word, and CHARSET as written', () => {
    expect(parseParams('CHARSET=Shift_JIS;ENCODING=QUOTED-PRINTABLE')).toEqual({
      types: [],
      encoding: 'quoted-printable',
      charset: 'Shift_JIS',
    });
    expect(parseParams('HOME;QUOTED-PRINTABLE').encoding).toBe('quoted-printable');
    expect(parseParams('BASE64').encoding).toBe('base64');
    expect(parseParams('ENCODING=b;TYPE=JPEG')).toEqual({ types: ['jpeg'], encoding: 'b', charset: '' });
  });

  it('reads quoted values holding ; , and :', () => {
    expect(parseParams('TYPE="HOME,VOICE";X-A="x;y:z";PREF').types).toEqual(['home', 'voice', 'pref']);
    expect(parseParams('TYPE="COMMA,SEPARATED:INSIDE.DQUOTE",PREF').types).toEqual([
      'comma',
      'separated:inside.dquote',
      'pref',
    ]);
  });

  it('ignores empty pieces and blanks around names and values', () => {
    expect(parseParams(';; TYPE = cell ;').types).toEqual(['cell']);
  });
});

describe('RFC 6868 caret escapes', () => {
  it("decodes ^n, ^' and ^^ and leaves other carets alone", () => {
    expect(decodeCarets("a^nb^'c^'^^d^x")).toBe('a\nb"c"^d^x');
    expect(decodeCarets('no carets')).toBe('no carets');
  });

  it('applies to parameter values', () => {
    expect(paramValues('"Main St^n^\'B^\'",other')).toEqual(['Main St\n"B"', 'other']);
  });
});
