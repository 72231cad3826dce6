/** vCard text escapes. Run on decoded text, never on raw bytes: a Shift_JIS trail byte can be 0x5C ('\'). */

/** `\n` `\N` become a newline; `\\` `\;` `\,` `\:` the char itself; any other backslash stays as written. */
export function unescapeText(s: string): string {
  let i = s.indexOf('\\');
  if (i === -1) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x5c || i === s.length - 1) {
      out += s[i];
      continue;
    }
    const next = s[i + 1];
    if (next === 'n' || next === 'N') out += '\n';
    else if (next === '\\' || next === ';' || next === ',' || next === ':') out += next;
    else {
      out += '\\';
      continue;
    }
    i++;
  }
  return out;
}

/** Split on `sep` where it is not escaped; the parts keep their escapes. */
export function splitEscaped(s: string, sep: ';' | ','): string[] {
  if (s.indexOf(sep) === -1) return [s];
  const code = sep.charCodeAt(0);
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === code) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** Runs of ASCII whitespace (newlines from QP or `\n` included) become one space; ends trimmed. */
export function tidy(s: string): string {
  return s.replace(/[ \t\r\n\f\v]+/g, ' ').trim();
}
