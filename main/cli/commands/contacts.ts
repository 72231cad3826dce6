import { t } from '../../../i18n/index.ts';
import { countryReader, type PhoneCountry } from '../../import/countries.ts';
import { listContacts } from '../../store/contacts.ts';
import { personIds } from '../../store/people.ts';
import { openStore } from '../../store/open.ts';
import { dbOption, parseCommand } from '../args.ts';
import { UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';
import { checkHint } from './check-hint.ts';

export const contactsUsage = t('cli.usage.contacts');

export function runContacts(argv: string[]): number {
  const { values, positionals } = parseCommand('contacts', argv, { ...dbOption, json: { type: 'boolean' } });
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'contacts', argument: positionals[0] }));
  const db = openStore(resolveDbPath(values.db));
  try {
    const contacts = listContacts(db);
    const countryOf = countryReader(db);
    if (values.json) {
      const people = personIds(db);
      const out = contacts.map((c) => ({
        name: c.name,
        // The cards of one person share it: the id of the person's first contact.
        person: people.get(c.id) ?? c.id,
        excluded: c.excluded,
        source: c.source,
        line: c.line,
        phones: c.phones.map((p) => ({
          raw: p.raw,
          label: p.label,
          e164: p.e164,
          ext: p.ext,
          status: p.status,
          reason: p.reason,
          ...countryFields(countryOf({ raw: p.raw, to_check: p.to_check ?? null })),
        })),
      }));
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return 0;
    }
    for (const c of contacts) {
      console.log(c.name || t('cli.noName'));
      for (const p of c.phones) {
        const shown = p.e164 ?? p.candidate ?? '—';
        const ext = p.ext ? t('cli.contacts.ext', { ext: p.ext }) : '';
        const label = (p.label || t('cli.defaultLabel')).padEnd(10);
        const { status, reason, raw } = p;
        console.log(t('cli.contacts.phone', { label, shown, ext, status, reason, raw }));
        const { check } = countryOf({ raw: p.raw, to_check: p.to_check ?? null });
        if (check) console.log(`             ${checkHint(p.raw, check)}`);
      }
    }
    console.log(t('cli.contacts.count', { count: contacts.length }));
    return 0;
  } finally {
    db.close();
  }
}

/** `country`: the one the user gave the number, or null; `check`: why it waits to be checked, or null. */
function countryFields(c: PhoneCountry) {
  return {
    country: c.chosen,
    check: c.check && { kind: c.check.kind, home: c.check.home, suggestion: c.check.suggestion },
  };
}
