/**
 * The GLib key files EDS describes each source with (`[Data Source]`, `[Address Book]`, …): groups of `key=value`,
 * values escaped with `\s \n \t \r \\`, and localized keys like `DisplayName[de]` that are kept apart from the plain key.
 */
export type KeyFile = Map<string, Map<string, string>>;

export function parseKeyFile(text: string): KeyFile {
  const groups: KeyFile = new Map();
  let group: Map<string, string> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      group = groups.get(header[1]!) ?? new Map();
      groups.set(header[1]!, group);
      continue;
    }
    const eq = line.indexOf('=');
    if (group === null || eq < 0) continue;
    group.set(line.slice(0, eq).trim(), unescape(raw.slice(raw.indexOf('=') + 1).replace(/^\s+/, '')));
  }
  return groups;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? `\\${c}`);
}

/** `key[locale]` for the best of `locales` (`de_AT`, then `de`), else the plain `key`. */
export function localized(group: Map<string, string> | undefined, key: string, locales: string[]): string | undefined {
  if (!group) return undefined;
  for (const locale of locales) {
    const found = group.get(`${key}[${locale}]`) ?? group.get(`${key}[${locale.split('_')[0]}]`);
    if (found !== undefined) return found;
  }
  return group.get(key);
}
