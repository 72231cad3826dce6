/** Map the header row of a Google, Outlook, Thunderbird or hand-made contacts CSV to what each column holds. */
import { t } from '../../../i18n/index.ts';

export type NameRole = 'display' | 'prefix' | 'given' | 'middle' | 'family' | 'suffix' | 'nickname' | 'org';

export interface PhoneColumn {
  column: number;
  /** Fixed label for the column, or the index of the column holding the label (Google's `Phone N - Type`). */
  label: string | { column: number };
  /** Google puts several numbers in one cell separated by ` ::: `. */
  multi: boolean;
}

export interface HeaderMap {
  /** Column indexes per name part, in file order (duplicates are allowed; the first non-empty cell wins). */
  names: Record<NameRole, number[]>;
  emails: number[];
  phones: PhoneColumn[];
  /** Number of header cells we recognised; used to pick the delimiter. */
  recognised: number;
}

/** Lower-case, trim, squeeze spaces: `  E-mail  Address ` → `e-mail address`. */
export function normaliseHeader(cell: string): string {
  return cell.trim().replace(/\s+/g, ' ').toLowerCase();
}

const NAME_HEADERS: Record<string, NameRole> = {
  name: 'display',
  'full name': 'display',
  'display name': 'display',
  'name prefix': 'prefix',
  title: 'prefix', // i18n-ignore: a column role. Outlook's "Title" is Mr./Dr.; "Job Title" is not mapped.
  prefix: 'prefix',
  'given name': 'given',
  'first name': 'given',
  'additional name': 'middle',
  'middle name': 'middle',
  'family name': 'family',
  'last name': 'family',
  surname: 'family',
  'name suffix': 'suffix',
  suffix: 'suffix',
  nickname: 'nickname',
  'organization 1 - name': 'org',
  'organization name': 'org',
  organization: 'org',
  organisation: 'org',
  company: 'org',
};

// i18n-ignore: header texts to match, never shown
const EMAIL_HEADERS = new Set([
  'e-mail address', // Outlook; Google's `E-mail N - Value` columns are matched by pattern below
  'e-mail 2 address',
  'e-mail 3 address',
  'primary email', // Thunderbird
  'secondary email',
  'email',
  'e-mail',
  'email address',
]);

// Labels are formatted once, when the module loads: every number of every row gets one.
const LABEL = {
  mobile: t('phone.label.mobile'),
  home: t('phone.label.home'),
  work: t('phone.label.work'),
  main: t('phone.label.main'),
  companyMain: t('phone.label.companyMain'),
  workFax: t('phone.label.fax', { place: 'work' }),
  homeFax: t('phone.label.fax', { place: 'home' }),
  fax: t('phone.label.fax', { place: 'none' }),
  pager: t('phone.label.pager'),
  other: t('phone.label.other'),
  car: t('phone.label.car'),
  assistant: t('phone.label.assistant'),
  radio: t('phone.label.radio'),
  callback: t('phone.label.callback'),
  isdn: t('phone.label.isdn'),
  telex: t('phone.label.telex'),
  ttyTdd: t('phone.label.ttyTdd'),
};

/**
 * Fixed-label phone columns (Outlook, Thunderbird, generic).
 *
 * | header (any case)                                      | label        |
 * |--------------------------------------------------------|--------------|
 * | Mobile Phone, Mobile Number, Mobile, Cell, Cell Phone  | Mobile       |
 * | Home Phone, Home Phone 2                               | Home         |
 * | Business Phone, Business Phone 2, Work Phone           | Work         |
 * | Primary Phone                                          | Main         |
 * | Company Main Phone                                     | Company Main |
 * | Business Fax                                           | Work Fax     |
 * | Home Fax                                               | Home Fax     |
 * | Other Fax, Fax Number, Fax                             | Fax          |
 * | Pager, Pager Number                                    | Pager        |
 * | Other Phone                                            | Other        |
 * | Car Phone                                              | Car          |
 * | Assistant's Phone                                      | Assistant    |
 * | Radio Phone                                            | Radio        |
 * | Callback                                               | Callback     |
 * | ISDN                                                   | ISDN         |
 * | Telex                                                  | Telex        |
 * | TTY/TDD Phone                                          | TTY/TDD      |
 * | Phone, Phone Number, Telephone, Telephone Number, Tel  | '' (none)    |
 *
 * Google's `Phone N - Type` / `Phone N - Label` + `Phone N - Value` columns take the label from the row instead,
 * minus the `* ` Google puts before the primary one.
 */
const PHONE_HEADERS: Record<string, string> = {
  'mobile phone': LABEL.mobile,
  'mobile number': LABEL.mobile,
  mobile: LABEL.mobile,
  cell: LABEL.mobile,
  'cell phone': LABEL.mobile,
  'home phone': LABEL.home,
  'home phone 2': LABEL.home,
  'business phone': LABEL.work,
  'business phone 2': LABEL.work,
  'work phone': LABEL.work,
  'primary phone': LABEL.main,
  'company main phone': LABEL.companyMain,
  'business fax': LABEL.workFax,
  'home fax': LABEL.homeFax,
  'other fax': LABEL.fax,
  'fax number': LABEL.fax,
  fax: LABEL.fax,
  pager: LABEL.pager,
  'pager number': LABEL.pager,
  'other phone': LABEL.other,
  'car phone': LABEL.car,
  "assistant's phone": LABEL.assistant,
  'radio phone': LABEL.radio,
  callback: LABEL.callback,
  isdn: LABEL.isdn,
  telex: LABEL.telex,
  'tty/tdd phone': LABEL.ttyTdd,
  phone: '',
  'phone number': '',
  telephone: '',
  'telephone number': '',
  tel: '',
};

const GOOGLE_PHONE = /^phone (\d{1,3}) - (type|label|value)$/;
const GOOGLE_EMAIL = /^e-mail \d{1,3} - value$/;

export function mapHeader(cells: readonly string[]): HeaderMap {
  const names: Record<NameRole, number[]> = {
    display: [],
    prefix: [],
    given: [],
    middle: [],
    family: [],
    suffix: [],
    nickname: [],
    org: [],
  };
  const emails: number[] = [];
  const phones: PhoneColumn[] = [];
  const googleLabel = new Map<string, number>();
  const googleValue: { n: string; column: number }[] = [];
  let recognised = 0;

  cells.forEach((cell, column) => {
    const key = normaliseHeader(cell);
    const role = NAME_HEADERS[key];
    if (role !== undefined) {
      names[role].push(column);
      recognised++;
      return;
    }
    if (EMAIL_HEADERS.has(key) || GOOGLE_EMAIL.test(key)) {
      emails.push(column);
      recognised++;
      return;
    }
    const fixed = PHONE_HEADERS[key];
    if (fixed !== undefined) {
      phones.push({ column, label: fixed, multi: false });
      recognised++;
      return;
    }
    const google = GOOGLE_PHONE.exec(key);
    if (google !== null) {
      const [, n = '', part] = google;
      if (part === 'value') googleValue.push({ n, column });
      else if (!googleLabel.has(n)) googleLabel.set(n, column);
      recognised++;
    }
  });

  for (const { n, column } of googleValue) {
    const labelColumn = googleLabel.get(n);
    phones.push({ column, label: labelColumn === undefined ? '' : { column: labelColumn }, multi: true });
  }
  phones.sort((a, b) => a.column - b.column);
  return { names, emails, phones, recognised };
}

/** A header is usable when it tells us where a name or a phone number is. */
export function hasNameOrPhone(map: HeaderMap): boolean {
  return map.phones.length > 0 || Object.values(map.names).some((columns) => columns.length > 0);
}
