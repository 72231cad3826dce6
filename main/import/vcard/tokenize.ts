/**
 * Cutting a card's lines into properties. Only the shape is found here (which physical lines make up which
 * property); values are rebuilt on demand by `propValue`, so a folded photo nobody reads costs nothing.
 */
import { t } from '../../../i18n/index.ts';
import { isBlank } from './markers.ts';
import { parseParams } from './params.ts';

export interface CardProp {
  /** 1-based file line where the property starts. */
  line: number;
  /** `group.NAME;params`, unfolded: everything before the value colon. */
  head: string;
  /** The value text on the physical line that holds the colon. */
  start: string;
  /** Index of that physical line. */
  valueLine: number;
  /** Index of the property's last physical line (continuations included). */
  last: number;
  /** Encoding class (ENC_*), worked out on first need. */
  enc: number;
}

export interface LineIssue {
  line: number;
  message: string;
}

const ENC_UNKNOWN = 0;
export const ENC_PLAIN = 1;
export const ENC_QP = 2;
export const ENC_BASE64 = 3;

/**
 * Properties in `lines[from..to)`; line `i` is file line `firstLine + i`. Problems are pushed to `issues` when
 * given; the lines concerned are skipped, never credited to a neighbouring property.
 */
export function tokenize(
  lines: readonly string[],
  from: number,
  to: number,
  firstLine: number,
  issues?: LineIssue[],
): CardProp[] {
  const props: CardProp[] = [];
  let cur: CardProp | null = null;
  for (let i = from; i < to; i++) {
    const s = lines[i] ?? '';
    if (s.length === 0) {
      cur = null;
      continue;
    }
    const c = s.charCodeAt(0);
    if (c === 0x20 || c === 0x09) {
      if (isBlank(s)) cur = null;
      else if (cur !== null) cur.last = i;
      else
        issues?.push({
          line: firstLine + i,
          message: t('import.vcard.orphanFold'),
        });
      continue;
    }
    if (cur !== null && continuesWithoutIndent(lines[cur.last] ?? '', cur, s)) {
      cur.last = i;
      continue;
    }
    const colon = valueColon(s);
    if (colon > 0) {
      cur = { line: firstLine + i, head: s.slice(0, colon), start: s.slice(colon + 1), valueLine: i, last: i, enc: 0 };
      props.push(cur);
      continue;
    }
    cur = colon === -1 ? foldedHead(lines, i, to, firstLine) : null;
    if (cur !== null) {
      props.push(cur);
      i = cur.last;
      continue;
    }
    const loose = s.indexOf(':');
    if (loose > 0) {
      // Unbalanced quotes in the parameters: the first colon is the best guess.
      cur = { line: firstLine + i, head: s.slice(0, loose), start: s.slice(loose + 1), valueLine: i, last: i, enc: 0 };
      props.push(cur);
      continue;
    }
    issues?.push({
      line: firstLine + i,
      message: t(loose === 0 ? 'import.vcard.noPropertyName' : 'import.vcard.noColon'),
    });
  }
  return props;
}

/**
 * vCard 2.1 continues some values on unindented lines: quoted-printable soft breaks (a trailing '='), base64 blocks
 * (until a blank line) and, from some exporters, a trailing backslash.
 */
function continuesWithoutIndent(prev: string, prop: CardProp, s: string): boolean {
  const tail = prev.charCodeAt(prev.length - 1);
  if (tail === 0x3d /* = */ && encodingClass(prop) === ENC_QP) return true;
  if (s.indexOf(':') !== -1) return false;
  return tail === 0x5c /* \ */ || encodingClass(prop) === ENC_BASE64;
}

export function encodingClass(prop: CardProp): number {
  if (prop.enc === ENC_UNKNOWN) {
    const semi = prop.head.indexOf(';');
    const encoding = semi === -1 ? '' : parseParams(prop.head.slice(semi + 1)).encoding;
    prop.enc =
      encoding === 'quoted-printable' ? ENC_QP : encoding === 'base64' || encoding === 'b' ? ENC_BASE64 : ENC_PLAIN;
  }
  return prop.enc;
}

/** Index of the colon that ends the name and parameters (quoted parameter values may hold colons); -1 if none. */
export function valueColon(s: string): number {
  const colon = s.indexOf(':');
  if (colon === -1) return -1;
  const quote = s.indexOf('"');
  if (quote === -1 || quote > colon) return colon;
  let quoted = false;
  for (let i = quote; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x3a && !quoted) return i;
  }
  return -1;
}

/** A property whose name or parameters were folded before the value colon (a long quoted LABEL, say). */
function foldedHead(lines: readonly string[], i: number, to: number, firstLine: number): CardProp | null {
  const first = lines[i] ?? '';
  let quoted = false;
  for (let k = 0; k < first.length; k++) if (first.charCodeAt(k) === 0x22) quoted = !quoted;
  let head = first;
  for (let j = i + 1; j < to; j++) {
    const s = lines[j] ?? '';
    const c = s.charCodeAt(0);
    if ((c !== 0x20 && c !== 0x09) || isBlank(s)) return null;
    for (let k = 1; k < s.length; k++) {
      const ch = s.charCodeAt(k);
      if (ch === 0x22) quoted = !quoted;
      else if (ch === 0x3a && !quoted) {
        return {
          line: firstLine + i,
          head: head + s.slice(1, k),
          start: s.slice(k + 1),
          valueLine: j,
          last: j,
          enc: 0,
        };
      }
    }
    head += s.slice(1);
  }
  return null;
}

/**
 * The property's value with its continuation lines joined. vCard 2.1 folds at whitespace and keeps it
 * (`keepFoldSpace`); 3.0 and 4.0 fold anywhere and drop the one space or tab that marks the fold.
 */
export function propValue(lines: readonly string[], prop: CardProp, keepFoldSpace: boolean): string {
  if (prop.last === prop.valueLine) return prop.start;
  const enc = encodingClass(prop);
  // Pieces are joined once at the end; looking at the tail of a growing string would copy it again and again.
  const parts = [prop.start];
  for (let j = prop.valueLine + 1; j <= prop.last; j++) {
    const s = lines[j] ?? '';
    const c = s.charCodeAt(0);
    const indented = c === 0x20 || c === 0x09;
    const piece = indented && !keepFoldSpace ? s.slice(1) : s;
    const prev = parts[parts.length - 1] ?? '';
    const tail = prev.charCodeAt(prev.length - 1);
    if (enc === ENC_QP && tail === 0x3d) {
      parts[parts.length - 1] = prev.slice(0, -1);
    } else if (!indented && enc !== ENC_BASE64 && tail === 0x5c) {
      parts[parts.length - 1] = prev.slice(0, -1) + '\n';
    }
    parts.push(piece);
  }
  return parts.join('');
}
