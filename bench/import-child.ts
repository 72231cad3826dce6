/** Runs one import in its own process, so that its time and peak RSS are its own. Prints one JSON object. */
import { installPhoneRegexCache } from '../main/phone/regex-hook.ts';

installPhoneRegexCache();
const { importFile } = await import('../main/import/importer.ts');
const { applyRegionChoice } = await import('../main/import/region.ts');
const { openStore } = await import('../main/store/open.ts');

const [file, dbPath] = process.argv.slice(2) as [string, string];
const started = performance.now();
const db = openStore(dbPath);
const { region } = applyRegionChoice(db, { me: '+447400123456' });
const report = await importFile(db, file, { region });
db.close();
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    ms,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    contacts: report.contacts,
    added: report.added,
    unchanged: report.unchanged,
    phones: report.phones,
    errors: report.errors.length,
  }) + '\n',
);
