import { describe, expect, it } from 'vitest';
import { foldName, sortKey } from './sort-key.ts';

describe('sortKey', () => {
  it('drops case and accents, and spells out letters that have no accent to drop', () => {
    expect(sortKey('Élodie Müller')).toBe('elodie muller');
    expect(sortKey('José')).toBe(sortKey('JOSE'));
    expect(sortKey('Straße')).toBe('strasse');
    expect(sortKey('Łukasz Øvrebø')).toBe('lukasz ovrebo');
    expect(sortKey('Æsa Þórsdóttir')).toBe('aesa thorsdottir');
  });

  it('folds compatibility forms and leaves other scripts alone', () => {
    expect(sortKey('ｆｕｌｌ　ｗｉｄｔｈ')).toBe('full width');
    expect(sortKey('ﬁle')).toBe('file');
    expect(sortKey('山田 太郎')).toBe('山田 太郎');
    expect(sortKey('Άννα')).toBe('αννα');
    expect(sortKey('Дмитрий')).not.toBe(sortKey('Дмитрии'));
    expect(sortKey('がっこう')).not.toBe(sortKey('かっこう'));
    expect(foldName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('puts names that start with a letter (any script) first, then digits and symbols, then no name', () => {
    const names = [
      '',
      '=E2=9',
      'â=9',
      '!Bang',
      'Zoë',
      '123 Pizza',
      'Adam',
      '山田',
      '😀 Smile',
      'Дмитрий',
      ' ',
      'élodie',
      '𠀋 Ext B',
    ];
    const sorted = [...names].sort((a, b) => {
      const ka = sortKey(a);
      const kb = sortKey(b);
      // Code point order, as SQLite compares TEXT (not UTF-16 units, which put astral characters too early).
      return Buffer.compare(Buffer.from(ka), Buffer.from(kb));
    });
    expect(sorted).toEqual([
      'â=9',
      'Adam',
      'élodie',
      'Zoë',
      'Дмитрий',
      '山田',
      '𠀋 Ext B',
      '!Bang',
      '123 Pizza',
      '=E2=9',
      '😀 Smile',
      '',
      ' ',
    ]);
  });

  it('is searched by the folded name alone, with nothing in front', () => {
    expect(sortKey('!Bang').endsWith(foldName('!Bang'))).toBe(true);
    expect(sortKey('Élodie')).toBe(foldName('Élodie'));
  });
});
