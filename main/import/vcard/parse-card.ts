/** Reading one card's contact data: the properties we need, decoded and unescaped. */
import { RecordError } from '../types.ts';
import type { ParsedContact, RawPhone } from '../types.ts';
import type { VcardChunk } from './chunk.ts';
import { decodeValue } from './decode.ts';
import { splitEscaped, tidy, unescapeText } from './escape.ts';
import { labelFromAbLabel, labelFromTypes } from './label.ts';
import { BEGIN, END, LINE_BREAK, markerOf } from './markers.ts';
import { parseParams } from './params.ts';
import type { Params } from './params.ts';
import { propValue, tokenize } from './tokenize.ts';
import type { CardProp } from './tokenize.ts';

/** Phone values that are addresses of another kind. */
const NOT_A_NUMBER = /^sips?:/i;

/** Throws only `RecordError`; never looks outside the chunk. */
export function parseVcardChunk(chunk: VcardChunk): ParsedContact {
  try {
    return readCard(chunk);
  } catch (err) {
    if (err instanceof RecordError) throw err;
    throw new RecordError(chunk.line, `card could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

interface Tel {
  prop: CardProp;
  group: string;
}

function readCard(chunk: VcardChunk): ParsedContact {
  const lines = chunk.text.split(LINE_BREAK);
  if (markerOf(lines[0] ?? '') !== BEGIN) throw new RecordError(chunk.line, 'card does not start with BEGIN:VCARD');
  const to = lines.length > 1 && markerOf(lines[lines.length - 1] ?? '') === END ? lines.length - 1 : lines.length;
  const props = tokenize(lines, 1, to, chunk.line);

  let version = '';
  const fn: CardProp[] = [];
  const n: CardProp[] = [];
  const org: CardProp[] = [];
  const email: CardProp[] = [];
  const tel: Tel[] = [];
  let uid: CardProp | null = null;
  const abLabels = new Map<string, CardProp>();
  for (const prop of props) {
    const { name, group } = nameOf(prop.head);
    switch (name) {
      case 'VERSION':
        if (version === '') version = prop.start.trim();
        break;
      case 'FN':
        fn.push(prop);
        break;
      case 'N':
        n.push(prop);
        break;
      case 'ORG':
        org.push(prop);
        break;
      case 'EMAIL':
        email.push(prop);
        break;
      case 'TEL':
        tel.push({ prop, group });
        break;
      case 'UID':
        uid ??= prop;
        break;
      case 'X-ABLABEL':
        if (group !== '' && !abLabels.has(group)) abLabels.set(group, prop);
        break;
    }
  }

  const v21 = version === '2.1';
  const binary = chunk.binary === true;
  const read = (prop: CardProp, params = paramsOf(prop)): string =>
    decodeValue(propValue(lines, prop, v21), params.encoding, params.charset, binary);
  const text = (prop: CardProp): string => tidy(unescapeText(read(prop)));

  const phones: RawPhone[] = [];
  for (const { prop, group } of tel) {
    const params = paramsOf(prop);
    const raw = unescapeText(read(prop, params)).trim();
    if (raw === '' || NOT_A_NUMBER.test(raw)) continue;
    const custom = group === '' ? undefined : abLabels.get(group);
    let label = custom === undefined ? '' : labelFromAbLabel(text(custom));
    if (label === '') label = labelFromTypes(params.types);
    phones.push({ raw, label });
  }

  const name =
    first(fn, text) ||
    first(n, (p) => composeName(read(p), v21)) ||
    first(org, (p) => organization(read(p))) ||
    first(email, text);
  const uidText = uid === null ? '' : read(uid).trim();
  return { line: chunk.line, uid: uidText === '' ? null : uidText, name, phones };
}

function nameOf(head: string): { name: string; group: string } {
  let end = head.indexOf(';');
  if (end === -1) end = head.length;
  const dot = head.lastIndexOf('.', end);
  if (dot === -1) return { name: head.slice(0, end).trim().toUpperCase(), group: '' };
  return {
    name: head
      .slice(dot + 1, end)
      .trim()
      .toUpperCase(),
    group: head.slice(0, dot).trim().toLowerCase(),
  };
}

function paramsOf(prop: CardProp): Params {
  const semi = prop.head.indexOf(';');
  return parseParams(semi === -1 ? '' : prop.head.slice(semi + 1));
}

function first(props: CardProp[], value: (p: CardProp) => string): string {
  for (const p of props) {
    const v = value(p);
    if (v !== '') return v;
  }
  return '';
}

/**
 * N is Family;Given;Additional;Prefix;Suffix, shown as "Prefix Given Additional Family Suffix". From 3.0 on a comma
 * separates several values in one component; 2.1 has no such lists, so there a comma is just a comma.
 */
export function composeName(value: string, v21: boolean): string {
  const parts = splitEscaped(value, ';').map((part) =>
    v21 ? unescapeText(part) : splitEscaped(part, ',').map(unescapeText).join(' '),
  );
  const [family, given, additional, prefix, suffix] = parts;
  return tidy([prefix, given, additional, family, suffix].filter((p) => p !== undefined && p.trim() !== '').join(' '));
}

/** ORG is Name;Unit;Unit…: the organization's name is the first non-empty part. */
function organization(value: string): string {
  for (const part of splitEscaped(value, ';')) {
    const t = tidy(unescapeText(part));
    if (t !== '') return t;
  }
  return '';
}
