import { describe, expect, it } from 'vitest';
import { REASON_EMPTY, REASON_LETTERS, REASON_NOT_A_NUMBER, REASON_SHORT_CODE, scanPhone } from './scan.ts';

const number = (digits: string, plus: boolean, ext: string | null = null) => ({ ok: true, digits, plus, ext });
const reject = (reason: string) => ({ ok: false, reason });

describe('scanPhone', () => {
  it('keeps only digits and remembers a leading plus', () => {
    expect(scanPhone('+44 (0)20 7946-0018')).toEqual(number('4402079460018', true));
    expect(scanPhone('(201) 555.0123')).toEqual(number('2015550123', false));
    expect(scanPhone('(+44) 7400 123456')).toEqual(number('447400123456', true));
    expect(scanPhone('030/1234567')).toEqual(number('0301234567', false));
  });

  it('folds full-width, Arabic-Indic and Eastern Arabic-Indic digits and the full-width plus into ASCII', () => {
    expect(scanPhone('０９０－１２３４－５６７８')).toEqual(number('09012345678', false));
    expect(scanPhone('＋４４ ７４００ １２３４５６')).toEqual(number('447400123456', true));
    expect(scanPhone('٠٧٤٠٠١٢٣٤٥٦')).toEqual(number('07400123456', false));
    expect(scanPhone('۰۹۱۲۱۲۳۴۵۶۷')).toEqual(number('09121234567', false));
  });

  it('ignores Unicode spaces and the bidi marks that numbers copied from right-to-left text carry', () => {
    expect(scanPhone('\u202a+44\u00a07400\u202f123456\u202c')).toEqual(number('447400123456', true));
    expect(scanPhone('\u200e07400\u2009123456')).toEqual(number('07400123456', false));
  });

  it('rejects a second plus or a plus inside the number', () => {
    expect(scanPhone('++')).toEqual(reject(REASON_NOT_A_NUMBER));
    expect(scanPhone('++44 7400 123456')).toEqual(reject(REASON_NOT_A_NUMBER));
    expect(scanPhone('44+7400123456')).toEqual(reject(REASON_NOT_A_NUMBER));
  });

  it('splits off written extensions', () => {
    expect(scanPhone('+44 20 7946 0018 x123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018 X 123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018 ext. 123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018 Ext: 123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018 extn 123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018 extension 123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+7 495 123-45-67 доб. 89')).toEqual(number('74951234567', true, '89'));
    expect(scanPhone('+44 20 7946 0018;ext=123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018#123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018 # 123#')).toEqual(number('442079460018', true, '123'));
  });

  it('treats pause and wait characters as the start of post-dial digits, keeping only the first group', () => {
    expect(scanPhone('+44 20 7946 0018p123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018W123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018,123')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018;123')).toEqual(number('442079460018', true, '123'));
    // Conference bridge: the PIN after the second pause is dropped, never stored as the extension.
    expect(scanPhone('+44 20 7946 0018,,123,,4567#')).toEqual(number('442079460018', true, '123'));
    expect(scanPhone('+44 20 7946 0018,')).toEqual(number('442079460018', true, null));
  });

  it('refuses post-dial text that is not dialable', () => {
    expect(scanPhone('+44 20 7946 0018, ask for Bob')).toEqual(reject(REASON_LETTERS));
    // Android's export of a contact that is nothing but pauses and waits.
    expect(scanPhone('p1234p5678w9')).toEqual(reject(REASON_NOT_A_NUMBER));
  });

  it('reads tel: URIs, their ext parameter and a global phone-context', () => {
    expect(scanPhone('tel:+1-201-555-0123;ext=55')).toEqual(number('12015550123', true, '55'));
    expect(scanPhone('tel:+44-20-7946-0018')).toEqual(number('442079460018', true));
    expect(scanPhone('TEL:+44-20-7946-0018')).toEqual(number('442079460018', true));
    expect(scanPhone('tel:7946-0018;phone-context=+44-20')).toEqual(number('442079460018', true));
    expect(scanPhone('tel:020-7946-0018;phone-context=example.com')).toEqual(number('02079460018', false));
    expect(scanPhone('tel:+44-20-7946-0018;isub=1234')).toEqual(number('442079460018', true));
  });

  it('marks star and hash codes as service codes', () => {
    for (const code of ['*121#', '#31#', '*#06#', '**21*07400123456#', '*67 201 555 0123', '121#', '07400123456#']) {
      expect(scanPhone(code), code).toEqual(reject(REASON_SHORT_CODE));
    }
  });

  it('refuses letters instead of converting them', () => {
    expect(scanPhone('1-800-FLOWERS')).toEqual(reject(REASON_LETTERS));
    expect(scanPhone('+49 30 1234 HALLO')).toEqual(reject(REASON_LETTERS));
    expect(scanPhone('07400 123456 (mobile)')).toEqual(reject(REASON_LETTERS));
    expect(scanPhone('call me')).toEqual(reject(REASON_NOT_A_NUMBER));
    expect(scanPhone('n/a')).toEqual(reject(REASON_NOT_A_NUMBER));
  });

  it('says why empty or oversized input is not a number', () => {
    expect(scanPhone('')).toEqual(reject(REASON_EMPTY));
    expect(scanPhone(' \t ')).toEqual(reject(REASON_EMPTY));
    expect(scanPhone('() - .')).toEqual(reject(REASON_NOT_A_NUMBER));
    expect(scanPhone('1'.repeat(101))).toEqual(reject('too long to be a phone number'));
  });
});
