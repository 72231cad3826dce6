/** A deterministic synthetic address book: vCard 3.0, ≈1.5 numbers a card, mixed regions and formats. */

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Anita',
  'Ben',
  'Chloé',
  'Dmitri',
  'Emeka',
  'Fatima',
  'Günter',
  'Hiro',
  'Isabel',
  'José',
  'Kwame',
  'Lena',
];
const LAST = ['Sharma', 'Okafor', 'Müller', 'Tanaka', 'García', 'Smith', 'Nguyen', 'Kowalski', 'Silva', 'Dubois'];
const TYPES = ['CELL', 'HOME', 'WORK', 'CELL', 'CELL'];

type Gen = (r: () => number) => string;
const digits = (r: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
  return s;
};

/** Formats as people type them; the own number is British, so GB numbers are often national. */
const FORMATS: Array<[number, Gen]> = [
  [0.3, (r) => `07${4 + Math.floor(r() * 5)}${digits(r, 2)} ${digits(r, 6)}`],
  [0.1, (r) => `+44 7${4 + Math.floor(r() * 5)}${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`],
  [0.06, (r) => `020 7946 ${digits(r, 4)}`],
  [0.04, (r) => `+44 (0)161 496 ${digits(r, 4)}`],
  [0.04, (r) => `0044 113 496 ${digits(r, 4)}`],
  [0.1, (r) => `+1 (212) ${2 + Math.floor(r() * 7)}${digits(r, 2)}-${digits(r, 4)}`],
  [0.03, (r) => `011 1 646 ${2 + Math.floor(r() * 7)}${digits(r, 2)} ${digits(r, 4)}`],
  [0.09, (r) => `+49 15${1 + Math.floor(r() * 2)} ${digits(r, 8)}`],
  [0.05, (r) => `+33 6 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`],
  [0.05, (r) => `+91 9${digits(r, 4)} ${digits(r, 5)}`],
  [0.04, (r) => `+55 11 9${digits(r, 4)}-${digits(r, 4)}`],
  [0.04, (r) => `+81 90-${digits(r, 4)}-${digits(r, 4)}`],
  [0.02, (r) => `07${digits(r, 5)}`],
  [0.02, () => '112'],
  [0.02, (r) => `+44 20 7946 ${digits(r, 4)} ext. ${digits(r, 3)}`],
];

function pickFormat(r: () => number): Gen {
  let x = r();
  for (const [p, g] of FORMATS) {
    if ((x -= p) < 0) return g;
  }
  return FORMATS[0]![1];
}

export function generateVcards(cards: number, seed = 42): { text: string; numbers: string[] } {
  const r = rng(seed);
  const parts: string[] = [];
  const numbers: string[] = [];
  for (let i = 0; i < cards; i++) {
    const first = FIRST[Math.floor(r() * FIRST.length)]!;
    const last = LAST[Math.floor(r() * LAST.length)]!;
    const lines = ['BEGIN:VCARD', 'VERSION:3.0', `N:${last};${first};;;`, `FN:${first} ${last} ${i}`];
    if (r() < 0.5) lines.push(`UID:bench-${seed}-${i}`);
    // ≈1.5 numbers a card: one, plus a second half the time.
    const count = 1 + (r() < 0.5 ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const raw = pickFormat(r)(r);
      numbers.push(raw);
      lines.push(`TEL;TYPE=${TYPES[Math.floor(r() * TYPES.length)]}:${raw}`);
    }
    if (r() < 0.6) lines.push(`EMAIL;TYPE=INTERNET:${first.toLowerCase()}.${i}@example.com`);
    lines.push('END:VCARD');
    parts.push(lines.join('\r\n'));
  }
  return { text: parts.join('\r\n') + '\r\n', numbers };
}
