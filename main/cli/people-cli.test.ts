import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKith } from '../testing/kith-cli.ts';
import { tempDir } from '../testing/tmp.ts';

/** `kith contacts --json` keeps one object per card and says which person each belongs to. */

const PEOPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'people');

describe('kith contacts --json', () => {
  it('gives the cards of one person one person id', { timeout: 60_000 }, async () => {
    const home = tempDir();
    const kith = (...args: string[]) => runKith(home, ...args, '--db', join(home, 'kith.db'));
    expect((await kith('import', join(PEOPLE, 'erika.vcf'), join(PEOPLE, 'erika.csv'), '--region', 'DE')).code).toBe(0);
    const run = await kith('contacts', '--json');
    expect(run.code).toBe(0);
    const cards = JSON.parse(run.stdout) as Array<{ name: string; person: number; source: string }>;
    expect(cards).toHaveLength(5);
    const erika = cards.filter((c) => c.name.includes('rika'));
    expect(erika).toHaveLength(4);
    expect(new Set(erika.map((c) => c.person)).size).toBe(1);
    expect(new Set(erika.map((c) => c.source)).size).toBe(2);
    // Max shares a number with Erika but not her name: a person of his own.
    const max = cards.find((c) => c.name === 'Max Mustermann')!;
    expect(max.person).not.toBe(erika[0]!.person);
  });
});
