import {
  AnyParameter,
  FNProperty,
  ParameterValueType,
  TelProperty,
  TextType,
  TypeParameter,
  URIType,
  ValueParameter,
  VCARD,
} from 'vcard4';
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

function telParams(label: string, uri: boolean) {
  const params = [];
  if (uri) params.push(new ValueParameter(new URIType('tel:+0')));
  const types = TEL_TYPES[label.trim().toLowerCase()];
  if (types)
    params.push(
      new TypeParameter(
        'telProperty',
        types.map((t) => new ParameterValueType(t)),
      ),
    );
  else if (label.trim()) params.push(new AnyParameter('X-LABEL', new ParameterValueType(label.trim())));
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
    for (const p of c.phones) {
      if (p.e164) props.push(new TelProperty(telParams(p.label, true), new URIType(telUri(p.e164, p.ext))));
      else if (!opts.validOnly && p.raw.trim())
        props.push(new TelProperty(telParams(p.label, false), new TextType(p.raw)));
    }
    cards.push(new VCARD(props).repr());
  }
  return cards.join('');
}
