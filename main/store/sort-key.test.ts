import { describe, expect, it } from 'vitest';
import { sortKey } from './sort-key.ts';

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
    expect(sortKey('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});
