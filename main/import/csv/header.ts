/** Map the header row of a Google, Outlook, Thunderbird or hand-made contacts CSV to what each column holds. */

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
  title: 'prefix', // Outlook's "Title" is Mr./Dr.; "Job Title" is not mapped.
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
  'mobile phone': 'Mobile',
  'mobile number': 'Mobile',
  mobile: 'Mobile',
  cell: 'Mobile',
  'cell phone': 'Mobile',
  'home phone': 'Home',
  'home phone 2': 'Home',
  'business phone': 'Work',
  'business phone 2': 'Work',
  'work phone': 'Work',
  'primary phone': 'Main',
  'company main phone': 'Company Main',
  'business fax': 'Work Fax',
  'home fax': 'Home Fax',
  'other fax': 'Fax',
  'fax number': 'Fax',
  fax: 'Fax',
  pager: 'Pager',
  'pager number': 'Pager',
  'other phone': 'Other',
  'car phone': 'Car',
  "assistant's phone": 'Assistant',
  'radio phone': 'Radio',
  callback: 'Callback',
  isdn: 'ISDN',
  telex: 'Telex',
  'tty/tdd phone': 'TTY/TDD',
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
