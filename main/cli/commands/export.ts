import { writeFileSync } from 'node:fs';
import { exportVcard } from '../../export/vcard.ts';
import { listContacts } from '../../store/contacts.ts';
import { openStore } from '../../store/open.ts';
import { dbOption, parseCommand } from '../args.ts';
import { UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const exportUsage = 'kith export --format vcard [--valid-only] [--out FILE] [--db PATH]';

export function runExport(argv: string[]): number {
  const { values, positionals } = parseCommand('export', argv, {
    ...dbOption,
    format: { type: 'string', default: 'vcard' },
    out: { type: 'string' },
    'valid-only': { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`kith export: unexpected argument ${positionals[0]}`);
  if (values.format !== 'vcard') throw new UsageError(`kith export: unknown --format ${values.format} (only vcard)`);
  const db = openStore(resolveDbPath(values.db));
  try {
    const text = exportVcard(listContacts(db), { validOnly: values['valid-only'] ?? false });
    if (values.out) writeFileSync(values.out, text);
    else process.stdout.write(text);
    return 0;
  } finally {
    db.close();
  }
}
