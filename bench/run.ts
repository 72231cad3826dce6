/** `npm run bench [name]`: one JSON line per benchmark. */
import { join } from 'node:path';
import { installPhoneRegexCache } from '../main/phone/regex-hook.ts';

// Floors and full runs measure the stack as the app runs it, with the compiled-pattern cache in place.
installPhoneRegexCache();
const { benchImport } = await import('./import.ts');
const { benchPeople } = await import('./people.ts');
const { benchServer } = await import('./server.ts');
const { benchSync } = await import('./sync.ts');

const BENCHES: Record<string, (workDir: string) => Record<string, unknown> | Promise<Record<string, unknown>>> = {
  import: benchImport,
  people: benchPeople,
  server: benchServer,
  sync: benchSync,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const workDir = join(import.meta.dirname, '..', '.bench');
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  process.stdout.write(JSON.stringify(await BENCHES[name]!(join(workDir, name))) + '\n');
}
