import { parseArgs, type ParseArgsConfig } from 'node:util';
import { t } from '../../i18n/index.ts';
import { UsageError } from './errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with errors turned into one-line usage errors. */
export function parseCommand<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify.*$/s, '');
    throw new UsageError(t('cli.error', { command, message }));
  }
}

export const dbOption = { db: { type: 'string' } } as const;
