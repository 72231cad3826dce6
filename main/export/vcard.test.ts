import { describe, expect, it } from 'vitest';
import { parseVcardChunk, splitVcards } from '../import/vcard/index.ts';
import type { ContactWithPhones } from '../store/contacts.ts';
import { exportVcard } from './vcard.ts';

const phone = (raw: string, label: string, e164: string | null, ext: string | null = null) => ({
  raw,
  label,
  e164,
  candidate: null,
  ext,
  status: e164 ? ('valid' as const) : ('invalid' as const),
  reason: e164 ? 'valid' : 'short code or service number; never uploaded',
});

const contacts: ContactWithPhones[] = [
  {
    id: 1,
    name: 'Anita; Sharma, <img src=x>',
    excluded: false,
    source: '/a.vcf',
    line: 1,
    phones: [phone('07400 123456', 'Mobile', '+447400123456', '12'), phone('112', '', null)],
  },
  { id: 2, name: 'Hidden', excluded: true, source: '/a.vcf', line: 9, phones: [phone('x', 'Home', '+447400999999')] },
  {
    id: 3,
    name: 'Ben',
    excluded: false,
    source: '/a.vcf',
    line: 20,
    phones: [phone('020', 'Custom', '+442079460018')],
  },
];

describe('exportVcard', () => {
  it('writes vCard 4.0 with E.164 tel: URIs that read back the same', () => {
    const text = exportVcard(contacts, { validOnly: false });
    expect(text).toContain('VERSION:4.0');
    expect(text).toContain('TEL;VALUE=uri;TYPE="cell":tel:+447400123456;ext=12');
    expect(text).not.toContain('Hidden');
    const { cards, errors } = splitVcards(Buffer.from(text, 'utf8'), 'export.vcf');
    expect(errors).toEqual([]);
    const read = cards.map((c) => parseVcardChunk(c));
    expect(read.map((c) => c.name)).toEqual(['Anita; Sharma, <img src=x>', 'Ben']);
    expect(read[0]!.phones.map((p) => p.raw)).toEqual(['tel:+447400123456;ext=12', '112']);
    expect(read[1]!.phones).toEqual([{ raw: 'tel:+442079460018', label: 'Custom' }]);
  });

  it('drops numbers that are not valid when asked', () => {
    const text = exportVcard(contacts, { validOnly: true });
    expect(text).not.toContain(':112');
    expect(text).toContain('tel:+442079460018');
  });
});
