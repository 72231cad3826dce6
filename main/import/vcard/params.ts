/** Property parameters, read tolerantly: 2.1 bare words, TYPE lists, quoted values, RFC 6868 caret escapes. */

export interface Params {
  /** TYPE values and 2.1 bare words, lower-case, in order. */
  types: readonly string[];
  /** ENCODING, lower-case ('quoted-printable', 'base64', 'b', …), or '' when none. */
  encoding: string;
  /** CHARSET as written, or '' when none. */
  charset: string;
}

const NONE: Params = { types: [], encoding: '', charset: '' };

// 2.1 allows an encoding as a bare word (`PHOTO;BASE64:`), so these bare words are not types.
const BARE_ENCODINGS: ReadonlySet<string> = new Set(['quoted-printable', 'base64', 'b', '8bit', '7bit']);

/** Parse the text between the property name and the value colon (without the leading ';'). */
export function parseParams(text: string): Params {
  if (text === '') return NONE;
  const types: string[] = [];
  let encoding = '';
  let charset = '';
  let start = 0;
  let eq = text.indexOf('='); // the next '=', searched again only once passed: a run of bare words stays linear
  while (start <= text.length) {
    const end = pieceEnd(text, start, 0x3b /* ; */);
    if (eq !== -1 && eq < start) eq = text.indexOf('=', start);
    if (eq === -1 || eq > end) {
      const word = text.slice(start, end).trim().toLowerCase();
      if (BARE_ENCODINGS.has(word)) encoding = word;
      else if (word !== '') types.push(word);
    } else {
      const name = text.slice(start, eq).trim().toUpperCase();
      if (name === 'TYPE') {
        for (const value of paramValues(text.slice(eq + 1, end))) if (value !== '') types.push(value.toLowerCase());
      } else if (name === 'ENCODING') {
        encoding = (paramValues(text.slice(eq + 1, end))[0] ?? '').toLowerCase();
      } else if (name === 'CHARSET') {
        charset = paramValues(text.slice(eq + 1, end))[0] ?? '';
      }
    }
    start = end + 1;
  }
  return { types, encoding, charset };
}

/**
 * The comma-separated values of one parameter, unquoted and caret-decoded. A quoted value is split on commas too:
 * exporters write `TYPE="HOME,VOICE"` meaning two types.
 */
export function paramValues(raw: string): string[] {
  const parts = raw.indexOf('"') === -1 ? raw.split(',') : raw.replace(/"/g, '').split(',');
  for (let i = 0; i < parts.length; i++) parts[i] = decodeCarets((parts[i] ?? '').trim());
  return parts;
}

/** RFC 6868: ^n is a newline, ^' a double quote, ^^ a caret; any other caret stays as written. */
export function decodeCarets(s: string): string {
  if (s.indexOf('^') === -1) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const next = s[i + 1];
    if (c === '^' && (next === 'n' || next === 'N')) {
      out += '\n';
      i++;
    } else if (c === '^' && next === "'") {
      out += '"';
      i++;
    } else if (c === '^' && next === '^') {
      out += '^';
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/** Index of the next `sep` at or after `start` that is not inside double quotes, or `text.length`. */
function pieceEnd(text: string, start: number, sep: number): number {
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === sep && !quoted) return i;
  }
  return text.length;
}
