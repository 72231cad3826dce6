import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasNameText, NOTHING_USABLE_ROW } from '../name-text.ts';
import { parseCsvContacts } from './index.ts';

const encoder = new TextEncoder();

/** Number of lines in `text` when LF, CRLF and bare CR each end one. */
function lineCount(text: string): number {
  return text.split(/\r\n|\n|\r/).length;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || field !== field.trim() ? `"${field.replaceAll('"', '""')}"` : field;
}

const fieldChars = fc.constantFrom('a', 'b', 'Z', 'é', '名', ' ', ',', ';', '\t', '"', '\n', '\r\n', '\r', '1');
const text = (min: number) => fc.array(fieldChars, { minLength: min, maxLength: 12 }).map((cs) => cs.join(''));
const phone = fc.array(fc.constantFrom('0', '1', '5', '9', ' ', '+', '-'), { maxLength: 10 }).map((cs) => cs.join(''));
const eol = fc.constantFrom('\n', '\r\n', '\r');

describe('well-formed CSV round-trips with exact line numbers', () => {
  it('any fields, quoted when needed, any line ends', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: text(1), phone, notes: text(0) }), { maxLength: 15 }),
        eol,
        (rows, end) => {
          let csv = `Name,Phone,Notes${end}`;
          const expected = [];
          for (const row of rows) {
            const line = lineCount(csv);
            csv += `${[row.name, row.phone, row.notes].map(quote).join(',')}${end}`;
            // Punctuation alone is not a name.
            const name = hasNameText(row.name) ? row.name.trim() : '';
            const phones = row.phone.trim() === '' ? [] : [{ raw: row.phone, label: '' }];
            if (name === '' && phones.length === 0) continue;
            expected.push({ line, uid: null, name, phones });
          }
          const result = parseCsvContacts(encoder.encode(csv), 'f.csv');
          expect(result.contacts).toEqual(expected);
          // The only complaint possible here is a row with notes but neither a name nor a phone.
          for (const e of result.errors) expect(e.message).toBe(NOTHING_USABLE_ROW);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('mutated input never breaks the reader', () => {
  it('random bytes-level damage: no throw, lines in range and increasing', () => {
    const base =
      'Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value,Notes\r\n' +
      'Ada Lovelace,Ada,Lovelace,* Mobile,+44 7700 900123 ::: +44 7700 900124,"multi\r\nline"\r\n' +
      '"Doe, Jo",Jo,Doe,Work,555-0100,"say ""hi"""\r\n';
    const damage = fc.array(
      fc.record({
        at: fc.nat(),
        insert: fc.constantFrom('"', ',', '\r', '\n', ';', '\t', '\0', '\uFFFD', ''),
        cut: fc.nat(3),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(damage, (edits) => {
        let s = base;
        for (const { at, insert, cut } of edits) {
          const i = at % (s.length + 1);
          s = s.slice(0, i) + insert + s.slice(i + cut);
        }
        const result = parseCsvContacts(encoder.encode(s), 'm.csv');
        const last = lineCount(s);
        const lines = result.contacts.map((c) => c.line);
        expect([...lines].sort((a, b) => a - b)).toEqual(lines);
        expect(new Set(lines).size).toBe(lines.length);
        for (const item of [...result.contacts, ...result.errors]) {
          expect(item.line).toBeGreaterThanOrEqual(1);
          expect(item.line).toBeLessThanOrEqual(last);
        }
        for (const c of result.contacts) {
          expect(c.uid).toBeNull();
          for (const p of c.phones) expect(p.raw.trim()).not.toBe('');
        }
        expect(result.contacts.length).toBeLessThanOrEqual(result.rows);
        expect(result.errors.every((e) => e.file === 'm.csv' && e.message !== '')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('10,000 damaged rows finish quickly and keep every undamaged row', () => {
    // mulberry32: small, seeded, and well mixed in the low bits (which `% n` uses).
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const rows: string[] = [];
    const clean = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      let row = `Person ${i},+1 555 ${String(i).padStart(5, '0')},"note ${i}"`;
      if (random(4) === 0) {
        const at = random(row.length);
        row = row.slice(0, at) + '"' + row.slice(at + 1);
      } else {
        clean.add(i + 2);
      }
      rows.push(row);
    }
    const csv = ['Name,Phone,Notes', ...rows].join('\n') + '\n';
    const started = performance.now();
    const result = parseCsvContacts(encoder.encode(csv), 'big.csv');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(5000);
    const byLine = new Map(result.contacts.map((c) => [c.line, c]));
    // The closing quote of the next row's notes always exposes a quote left open by a damaged row, so damage never
    // spreads to a clean row.
    for (const line of clean) {
      const i = String(line - 2);
      expect(byLine.get(line)).toEqual({
        line,
        uid: null,
        name: `Person ${i}`,
        phones: [{ raw: `+1 555 ${i.padStart(5, '0')}`, label: '' }],
      });
    }
    // A damaged row is imported leniently, reported, or (when two damaged rows in a row pair their stray quotes)
    // absorbed into the one before it.
    const reported = new Set(result.errors.map((e) => e.line));
    for (let line = 2; line <= 10_001; line++) {
      if (byLine.has(line) || reported.has(line)) continue;
      expect(clean.has(line) || clean.has(line - 1)).toBe(false);
    }
    expect(result.errors.length).toBeGreaterThan(100);
  }, 20_000);
});
