/** Reading one card's contact data: the properties we need, decoded and unescaped. */
import { t } from '../../../i18n/index.ts';
import { hasNameText, NOTHING_USABLE_CARD, UNDECODABLE_NAME_AND_NO_NUMBER } from '../name-text.ts';
import { RecordError } from '../types.ts';
import type { ParsedContact, RawPhone, RecordIssue } from '../types.ts';
import type { VcardChunk } from './chunk.ts';
import { decodeValueChecked, type DecodedValue, type DecodeTrouble } from './decode.ts';
import { splitEscaped, tidy, unescapeText } from './escape.ts';
import { labelFromAbLabel, labelFromTypes } from './label.ts';
import { BEGIN, END, LINE_BREAK, markerOf } from './markers.ts';
import { parseParams } from './params.ts';
import { withPhoto } from './card-photo.ts';
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
    const reason = err instanceof Error ? err.message : String(err);
    throw new RecordError(chunk.line, t('import.cardUnreadable', { reason }));
  }
}

interface Tel {
  prop: CardProp;
  group: string;
}

function readCard(chunk: VcardChunk): ParsedContact {
  const lines = chunk.text.split(LINE_BREAK);
  if (markerOf(lines[0] ?? '') !== BEGIN) throw new RecordError(chunk.line, t('import.vcard.noBegin'));
  const to = lines.length > 1 && markerOf(lines[lines.length - 1] ?? '') === END ? lines.length - 1 : lines.length;
  const props = tokenize(lines, 1, to, chunk.line);

  let version = '';
  const fn: CardProp[] = [];
  const n: CardProp[] = [];
  const org: CardProp[] = [];
  const nickname: CardProp[] = [];
  const email: CardProp[] = [];
  const tel: Tel[] = [];
  let uid: CardProp | null = null;
  const photos: CardProp[] = [];
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
      case 'NICKNAME':
        nickname.push(prop);
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
      case 'PHOTO':
        photos.push(prop);
        break;
      case 'X-ABLABEL':
        if (group !== '' && !abLabels.has(group)) abLabels.set(group, prop);
        break;
    }
  }

  const v21 = version === '2.1';
  const binary = chunk.binary === true;
  const decoded = (prop: CardProp, params = paramsOf(prop)): DecodedValue =>
    decodeValueChecked(propValue(lines, prop, v21), params.encoding, params.charset, binary);
  const read = (prop: CardProp, params = paramsOf(prop)): string => decoded(prop, params).text;

  const phones: RawPhone[] = [];
  for (const { prop, group } of tel) {
    const params = paramsOf(prop);
    const raw = unescapeText(read(prop, params)).trim();
    if (raw === '' || NOT_A_NUMBER.test(raw)) continue;
    const custom = group === '' ? undefined : abLabels.get(group);
    let label = custom === undefined ? '' : labelFromAbLabel(plainText(read(custom)));
    if (label === '') label = labelFromTypes(params.types);
    phones.push({ raw, label });
  }

  // In order of preference: FN, N, NICKNAME, ORG, EMAIL.
  const name = chooseName(
    [
      [fn, plainText],
      [n, (v) => composeName(v, v21)],
      // NICKNAME is a list of nicknames from 3.0 on: the first one with text is the name.
      [nickname, (v) => (v21 ? plainText(v) : firstPart(v, ','))],
      // ORG is Name;Unit;Unit…: the organization's name is the first part with text.
      [org, (v) => firstPart(v, ';')],
      [email, plainText],
    ],
    decoded,
  );
  const uidText = uid === null ? '' : read(uid).trim();
  const contact: ParsedContact = { line: chunk.line, uid: uidText === '' ? null : uidText, name: '', phones };
  if (name === null) {
    if (phones.length === 0) throw new RecordError(chunk.line, NOTHING_USABLE_CARD);
    return withPhoto(contact, photos, lines, v21);
  }
  if (name.trouble !== null) {
    // A name that could not be decoded at all is no reason to keep a card that has nothing else.
    if (name.trouble.kind === 'undecodable' && phones.length === 0) {
      throw new RecordError(chunk.line, UNDECODABLE_NAME_AND_NO_NUMBER);
    }
    const issue: RecordIssue = { line: name.line, message: nameTroubleMessage(name.trouble, name.text) };
    contact.issues = [issue];
  }
  contact.name = name.text;
  return withPhoto(contact, photos, lines, v21);
}

interface NameCandidate {
  line: number;
  text: string;
  trouble: DecodeTrouble | null;
}

function plainText(value: string): string {
  return tidy(unescapeText(value));
}

/**
 * The first value that holds a name (a letter, a digit or a pictograph; punctuation alone is not a name) and decoded
 * cleanly; else the first that holds a name at all, with what went wrong; else null. Most cards stop at their FN.
 */
function chooseName(
  sources: ReadonlyArray<readonly [CardProp[], (value: string) => string]>,
  decoded: (p: CardProp) => DecodedValue,
): NameCandidate | null {
  let damaged: NameCandidate | null = null;
  for (const [props, asName] of sources) {
    for (const prop of props) {
      const d = decoded(prop);
      const text = asName(d.text);
      if (!hasNameText(text)) continue;
      if (d.trouble === null) return { line: prop.line, text, trouble: null };
      damaged ??= { line: prop.line, text, trouble: d.trouble };
    }
  }
  return damaged;
}

/** Names are shown whole in the report only up to this length. */
const SHOWN_NAME = 60;

/** The report's sentence for a name that could not be read as written. */
function nameTroubleMessage(trouble: DecodeTrouble, name: string): string {
  const chars = Array.from(name);
  const shown = chars.length > SHOWN_NAME ? `${chars.slice(0, SHOWN_NAME - 1).join('')}…` : name;
  switch (trouble.kind) {
    case 'charset':
      return t('import.vcard.nameCharset', {
        charset: trouble.charset.toUpperCase(),
        readAs: trouble.readAs,
        name: shown,
      });
    case 'undecodable':
      return trouble.charset === ''
        ? t('import.vcard.nameUndecodable', { name: shown })
        : t('import.vcard.nameUndecodableAs', { charset: trouble.charset.toUpperCase(), name: shown });
    case 'broken-escape':
      return t('import.vcard.nameBrokenEscape', { name: shown });
  }
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

/** The first of the parts split at `sep` that holds text, unescaped and tidied; '' when none does. */
function firstPart(value: string, sep: ';' | ','): string {
  for (const part of splitEscaped(value, sep)) {
    const t = plainText(part);
    if (t !== '') return t;
  }
  return '';
}
