import { openStore } from '../../store/open.ts';
import { uploadLog } from '../../sync/history.ts';
import { joinedContacts } from '../../sync/names.ts';
import { dbOption, parseCommand } from '../args.ts';
import { UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const joinedUsage = 'kith joined [--json] [--db PATH]';
export const logUsage = 'kith log [--json] [--limit N] [--db PATH]';

export function runJoined(argv: string[]): number {
  const { values, positionals } = parseCommand('joined', argv, { ...dbOption, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`kith joined: unexpected argument ${positionals[0]}`);
  const db = openStore(resolveDbPath(values.db));
  try {
    const joined = joinedContacts(db);
    if (values.json) {
      process.stdout.write(
        JSON.stringify(
          joined.map((j) => ({ name: j.name, e164: j.e164 })),
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    for (const j of joined) console.log(`${j.name}  ${j.saved ? j.e164 : ''}`.trimEnd());
    console.log(`${joined.length} contact${joined.length === 1 ? '' : 's'} on Kith`);
    return 0;
  } finally {
    db.close();
  }
}

export function runLog(argv: string[]): number {
  const { values, positionals } = parseCommand('log', argv, {
    ...dbOption,
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`kith log: unexpected argument ${positionals[0]}`);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('kith log: --limit is a whole number ≥ 1');
  const db = openStore(resolveDbPath(values.db));
  try {
    const entries = uploadLog(db, limit);
    if (values.json) {
      process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
      return 0;
    }
    if (entries.length === 0) console.log('Nothing has been uploaded.');
    for (const e of entries) {
      const when = new Date(e.at).toISOString();
      console.log(
        `${when}  ${e.result.padEnd(8)} batch ${e.batchId}: +${e.added.length} −${e.removed.length}${e.detail ? `  (${e.detail})` : ''}`,
      );
      for (const n of e.added) console.log(`    + ${n}`);
      for (const n of e.removed) console.log(`    − ${n}`);
    }
    return 0;
  } finally {
    db.close();
  }
}
