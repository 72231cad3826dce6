import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAC_SCRIPT, readMacContacts, type Runner } from './mac-contacts.ts';
import { readBack } from './read-back.ts';

// The script runs only under osascript; here it runs in Node against a stand-in for the Contacts app's scripting
// objects, which checks its JavaScript and what it prints, not the real Contacts app.
interface FakePerson {
  id: string;
  modified: Date | null;
  vcard: string | Error;
  name: string;
  phones: Array<{ label: string; value: string }>;
}

function fakeContacts(people: FakePerson[]) {
  const byId = (id: string) => {
    const p = people.find((q) => q.id === id)!;
    return {
      vcard: () => {
        if (p.vcard instanceof Error) throw p.vcard;
        return p.vcard;
      },
      name: () => p.name,
      phones: { label: () => p.phones.map((x) => x.label), value: () => p.phones.map((x) => x.value) },
    };
  };
  const app = {
    people: { id: () => people.map((p) => p.id), modificationDate: () => people.map((p) => p.modified), byId },
  };
  return (name: string) => {
    if (name !== 'Contacts') throw new Error(`bug: asked for ${name}`);
    return app;
  };
}

function scriptRunner(people: FakePerson[]): Runner {
  const source = readFileSync(MAC_SCRIPT, 'utf8');
  const run = new Function('Application', `${source}\nreturn run;`)(fakeContacts(people)) as (argv: string[]) => string;
  return async (_file, args) => {
    expect(args.slice(0, 3)).toEqual(['-l', 'JavaScript', MAC_SCRIPT]);
    return { stdout: `${run(args.slice(3))}\n`, stderr: '', code: 0, timedOut: false, tooLong: false, missing: false };
  };
}

describe('mac-contacts.jxa', () => {
  it('prints each person of the slice with id, date and card, falling back to name and phones', async () => {
    const people: FakePerson[] = Array.from({ length: 5 }, (_, i) => ({
      id: `ID-${i}:ABPerson`,
      modified: new Date(Date.UTC(2024, 0, i + 1)),
      vcard: `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${i}\r\nTEL;type=CELL:+44770090000${i}\r\nEND:VCARD\r\n`,
      name: `Person ${i}`,
      phones: [],
    }));
    people[3] = {
      ...people[3]!,
      modified: null,
      vcard: new Error('Can’t get vcard.'),
      name: 'Fallback Person',
      phones: [{ label: '_$!<Mobile>!$_', value: '+44 7700 900333' }],
    };
    const { cards, issues } = await readMacContacts({ runner: scriptRunner(people), batchSize: 2 });
    expect(issues).toEqual([]);
    expect(cards.map((c) => [c.uid, c.rev])).toEqual([
      ['ID-0:ABPerson', '2024-01-01T00:00:00.000Z'],
      ['ID-1:ABPerson', '2024-01-02T00:00:00.000Z'],
      ['ID-2:ABPerson', '2024-01-03T00:00:00.000Z'],
      ['ID-3:ABPerson', null],
      ['ID-4:ABPerson', '2024-01-05T00:00:00.000Z'],
    ]);
    expect(cards.map(readBack).map((c) => [c.uid, c.name, c.phones[0]?.raw])).toEqual([
      ['ID-0:ABPerson', 'Person 0', '+447700900000'],
      ['ID-1:ABPerson', 'Person 1', '+447700900001'],
      ['ID-2:ABPerson', 'Person 2', '+447700900002'],
      ['ID-3:ABPerson', 'Fallback Person', '+44 7700 900333'],
      ['ID-4:ABPerson', 'Person 4', '+447700900004'],
    ]);
  });

  it('prints an empty book', async () => {
    expect(await readMacContacts({ runner: scriptRunner([]) })).toEqual({ cards: [], issues: [] });
  });
});
