import { t } from '../../../i18n/index.ts';
import { writeFileSync } from 'node:fs';
import { exportVcard } from '../../export/vcard.ts';
import { listContacts } from '../../store/contacts.ts';
import { openStore } from '../../store/open.ts';
import { dbOption, parseCommand } from '../args.ts';
import { UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const exportUsage = t('cli.usage.export');

export function runExport(argv: string[]): number {
  const { values, positionals } = parseCommand('export', argv, {
    ...dbOption,
    format: { type: 'string', default: 'vcard' },
    out: { type: 'string' },
    'valid-only': { type: 'boolean' },
  });
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'export', argument: positionals[0] }));
  if (values.format !== 'vcard') throw new UsageError(t('cli.export.format', { format: values.format }));
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
