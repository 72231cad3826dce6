import { describe, expect, it } from 'vitest';
import { labelFromAbLabel, labelFromTypes } from './label.ts';

describe('labelFromAbLabel', () => {
  it("unwraps Apple's built-in labels and keeps custom ones", () => {
    expect(labelFromAbLabel('_$!<Mobile>!$_')).toBe('Mobile');
    expect(labelFromAbLabel('_$!<HomeFAX>!$_')).toBe('HomeFAX');
    expect(labelFromAbLabel(' Boat phone ')).toBe('Boat phone');
    expect(labelFromAbLabel('_$!<Mobile')).toBe('_$!<Mobile');
  });
});

describe('labelFromTypes', () => {
  it.each([
    [['cell'], 'Mobile'],
    [['CELL'.toLowerCase(), 'voice', 'pref'], 'Mobile'],
    [['home'], 'Home'],
    [['work', 'voice'], 'Work'],
    [['fax'], 'Fax'],
    [['home', 'fax'], 'Home Fax'],
    [['fax', 'work'], 'Work Fax'],
    [['other', 'fax'], 'Other Fax'],
    [['pager'], 'Pager'],
    [['main'], 'Main'],
    [['iphone'], 'iPhone'],
    [['other'], 'Other'],
    [['work', 'cell'], 'Mobile'],
    [['pref', 'voice', 'internet'], ''],
    [['x-nec-secret'], ''],
    [['modem'], ''],
    [[], ''],
  ])('%j → %j', (types, label) => {
    expect(labelFromTypes(types)).toBe(label);
  });
});
