import {
  ExtendedProperty,
  FNProperty,
  Group,
  ParameterValueType,
  TelProperty,
  TextType,
  TypeParameter,
  URIType,
  ValueParameter,
  VCARD,
} from 'vcard4';
import { isE164 } from '../../protocol/e164.ts';
import type { ContactWithPhones } from '../store/contacts.ts';

export interface ExportOptions {
  /** Drop numbers that are not valid instead of keeping their raw text. */
  validOnly: boolean;
}

const TEL_TYPES: Record<string, string[]> = {
  mobile: ['cell'],
  cell: ['cell'],
  iphone: ['cell'],
  home: ['home'],
  work: ['work'],
  main: ['main'],
  pager: ['pager'],
  fax: ['fax'],
  'home fax': ['home', 'fax'],
  'work fax': ['work', 'fax'],
};

function telParams(types: string[] | undefined, uri: boolean) {
  const params = [];
  if (uri) params.push(new ValueParameter(new URIType('tel:+0')));
  if (types)
    params.push(
      new TypeParameter(
        'telProperty',
        types.map((t) => new ParameterValueType(t)),
      ),
    );
  return params;
}

function telUri(e164: string, ext: string | null): string {
  return `tel:${e164}${ext ? `;ext=${ext}` : ''}`;
}

/** The cleaned address book as vCard 4.0: valid numbers become E.164 `tel:` URIs. */
export function exportVcard(contacts: readonly ContactWithPhones[], opts: ExportOptions): string {
  const cards: string[] = [];
  for (const c of contacts) {
    if (c.excluded) continue;
    const props: ConstructorParameters<typeof VCARD>[0] = [new FNProperty([], new TextType(c.name))];
    let item = 0;
    for (const p of c.phones) {
      const uri = Boolean(p.e164 && isE164(p.e164));
      if (!uri && (opts.validOnly || !p.raw.trim())) continue;
      const types = TEL_TYPES[p.label.trim().toLowerCase()];
      const tel = new TelProperty(
        telParams(types, uri),
        uri ? new URIType(telUri(p.e164!, p.ext)) : new TextType(p.raw),
      );
      if (types || !p.label.trim()) props.push(tel);
      // A label with no vCard TYPE travels as an item group with X-ABLabel, which address books widely understand.
      else
        props.push(
          new Group([tel, new ExtendedProperty('X-ABLabel', [], new TextType(p.label.trim()))], `item${++item}`),
        );
    }
    cards.push(new VCARD(props).repr());
  }
  return cards.join('');
}
