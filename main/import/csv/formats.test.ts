import { describe, expect, it } from 'vitest';
import { parseCsvContacts } from './index.ts';

function parse(text: string) {
  return parseCsvContacts(new TextEncoder().encode(text), 'contacts.csv');
}

describe('Google Contacts export', () => {
  it('old format: Name column, ::: multi-value cells, * primary labels, Type columns', () => {
    const text = [
      'Name,Given Name,Additional Name,Family Name,Name Prefix,Name Suffix,Nickname,E-mail 1 - Type,E-mail 1 - Value,' +
        'Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Organization 1 - Type,Organization 1 - Name',
      'Ada Lovelace,Ada,,Lovelace,,,,* Home,ada@example.org,* Mobile,+44 7700 900123 ::: +44 7700 900124,Work,020 7946 0999,,',
      ',Charles,,Babbage,,FRS,,,,Home,+44 20 7946 0001,,,,',
      ',,,,,,,,,Main,0800 123 456,,,,Analytical Engines Ltd',
      ',,,,,,,* Other,only@example.org,,,Mobile,07700 900555,,',
    ].join('\r\n');
    const result = parse(text);
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([
      {
        line: 2,
        uid: null,
        name: 'Ada Lovelace',
        phones: [
          { raw: '+44 7700 900123', label: 'Mobile' },
          { raw: '+44 7700 900124', label: 'Mobile' },
          { raw: '020 7946 0999', label: 'Work' },
        ],
      },
      { line: 3, uid: null, name: 'Charles Babbage FRS', phones: [{ raw: '+44 20 7946 0001', label: 'Home' }] },
      { line: 4, uid: null, name: 'Analytical Engines Ltd', phones: [{ raw: '0800 123 456', label: 'Main' }] },
      { line: 5, uid: null, name: 'only@example.org', phones: [{ raw: '07700 900555', label: 'Mobile' }] },
    ]);
  });

  it('new format: First/Middle/Last, Label columns, prefix composed into the name', () => {
    const text = [
      'First Name,Middle Name,Last Name,Phonetic First Name,Name Prefix,Name Suffix,Nickname,File As,' +
        'Organization Name,Organization Title,Labels,E-mail 1 - Label,E-mail 1 - Value,' +
        'Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Phone 3 - Label,Phone 3 - Value',
      'Grace,Brewster,Hopper,,Rear Admiral,,Amazing Grace,,US Navy,,* myContacts,* Home,grace@example.com,' +
        'Mobile,+1 202 555 0143 ::: +1 202 555 0199,Work Fax,+1 202 555 0100,,',
      ',,,,,,Bo,,,,* myContacts,,,Custom label,555 0000,,,* Work,555 0001',
    ].join('\n');
    const result = parse(text);
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([
      {
        line: 2,
        uid: null,
        name: 'Rear Admiral Grace Brewster Hopper',
        phones: [
          { raw: '+1 202 555 0143', label: 'Mobile' },
          { raw: '+1 202 555 0199', label: 'Mobile' },
          { raw: '+1 202 555 0100', label: 'Work Fax' },
        ],
      },
      {
        line: 3,
        uid: null,
        name: 'Bo',
        phones: [
          { raw: '555 0000', label: 'Custom label' },
          { raw: '555 0001', label: 'Work' },
        ],
      },
    ]);
  });
});

describe('Outlook export', () => {
  it('maps every phone column to a label, in column order', () => {
    const header =
      '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title",' +
      '"Assistant\'s Phone","Business Fax","Business Phone","Business Phone 2","Callback","Car Phone",' +
      '"Company Main Phone","Home Fax","Home Phone","Home Phone 2","ISDN","Mobile Phone","Other Fax",' +
      '"Other Phone","Pager","Primary Phone","Radio Phone","TTY/TDD Phone","Telex","E-mail Address"';
    const numbers = Array.from({ length: 19 }, (_, i) => `"+1 555 01${String(i).padStart(2, '0')}"`);
    const row1 = `"Dr.","Jane","Q","Public","PhD","Acme","R&D","Chief",${numbers.join(',')},"jane@acme.test"`;
    const row2 = `"","","","","","Acme Corp","","","","","","","","","","","","","","+1 555 0999","","","","","","","",""`;
    const result = parse([header, row1, row2].join('\r\n') + '\r\n');
    expect(result.errors).toEqual([]);
    expect(result.contacts).toHaveLength(2);
    const [jane, acme] = result.contacts;
    expect(jane?.name).toBe('Dr. Jane Q Public PhD');
    expect(jane?.phones.map((p) => p.label)).toEqual([
      'Assistant',
      'Work Fax',
      'Work',
      'Work',
      'Callback',
      'Car',
      'Company Main',
      'Home Fax',
      'Home',
      'Home',
      'ISDN',
      'Mobile',
      'Fax',
      'Other',
      'Pager',
      'Main',
      'Radio',
      'TTY/TDD',
      'Telex',
    ]);
    expect(jane?.phones.map((p) => p.raw)).toEqual(numbers.map((n) => n.slice(1, -1)));
    expect(acme).toEqual({ line: 3, uid: null, name: 'Acme Corp', phones: [{ raw: '+1 555 0999', label: 'Mobile' }] });
  });

  it('skips empty phone cells and keeps the cell text as it is', () => {
    const text = 'First Name,Last Name,Mobile Phone,Home Phone,Business Phone\nAl,Bo,, ,"  +1 (555) 010-2030 x7 "\n';
    expect(parse(text).contacts).toEqual([
      { line: 2, uid: null, name: 'Al Bo', phones: [{ raw: '  +1 (555) 010-2030 x7 ', label: 'Work' }] },
    ]);
  });
});

describe('Thunderbird export columns', () => {
  it('reads the five phone columns with their labels and prefers Display Name', () => {
    const text =
      'First Name,Last Name,Display Name,Nickname,Primary Email,Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number\n' +
      'Kim,Lee,Kimmy Lee,,kim@x.test,1,2,3,4,5\n' +
      ',,,KL,,,,,,6\n';
    expect(parse(text).contacts).toEqual([
      {
        line: 2,
        uid: null,
        name: 'Kimmy Lee',
        phones: [
          { raw: '1', label: 'Work' },
          { raw: '2', label: 'Home' },
          { raw: '3', label: 'Fax' },
          { raw: '4', label: 'Pager' },
          { raw: '5', label: 'Mobile' },
        ],
      },
      { line: 3, uid: null, name: 'KL', phones: [{ raw: '6', label: 'Mobile' }] },
    ]);
  });
});

describe('generic headers and delimiters', () => {
  it('headers are matched case-insensitively and with stray spaces', () => {
    const text = '  FULL   NAME ,phone NUMBER,CELL,Tel\nAnn Example,111,222,333\n';
    expect(parse(text).contacts).toEqual([
      {
        line: 2,
        uid: null,
        name: 'Ann Example',
        phones: [
          { raw: '111', label: '' },
          { raw: '222', label: 'Mobile' },
          { raw: '333', label: '' },
        ],
      },
    ]);
  });

  it('semicolon-delimited, with commas inside names', () => {
    const text = 'Name;Telephone;Mobile\r\nDoe, John;+33 1 23 45 67 89;\r\n"Roe; Jane";;+33 6 12 34 56 78\r\n';
    const result = parse(text);
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([
      { line: 2, uid: null, name: 'Doe, John', phones: [{ raw: '+33 1 23 45 67 89', label: '' }] },
      { line: 3, uid: null, name: 'Roe; Jane', phones: [{ raw: '+33 6 12 34 56 78', label: 'Mobile' }] },
    ]);
  });

  it('tab-delimited, with commas and semicolons inside fields', () => {
    const text = 'Display Name\tPhone\tNotes\nSmith, Al\t555-0100\ta; b; c, d\nBea\t555-0101\t\n';
    const result = parse(text);
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([
      { line: 2, uid: null, name: 'Smith, Al', phones: [{ raw: '555-0100', label: '' }] },
      { line: 3, uid: null, name: 'Bea', phones: [{ raw: '555-0101', label: '' }] },
    ]);
  });

  it('reports rows written with another delimiter than the header and keeps the rest', () => {
    const text = 'Name,Phone\nAnn,111\nBob\t222\nCy,333\n';
    const result = parse(text);
    expect(result.contacts.map((c) => c.name)).toEqual(['Ann', 'Cy']);
    expect(result.errors).toEqual([
      {
        file: 'contacts.csv',
        line: 3,
        message: 'This row is tab-separated but the header is comma-separated, so it was skipped.',
      },
    ]);
    expect(result.rows).toBe(3);
  });

  it('skips blank rows silently and reports rows with nothing to name the contact', () => {
    const text = 'Name,Phone,Notes\n\n,,\nAnn,1,\n,,just a note\n';
    const result = parse(text);
    expect(result.contacts).toEqual([{ line: 4, uid: null, name: 'Ann', phones: [{ raw: '1', label: '' }] }]);
    expect(result.errors).toEqual([
      { file: 'contacts.csv', line: 5, message: 'This row has no name and no phone number, so it was skipped.' },
    ]);
    expect(result.rows).toBe(2);
  });

  it('takes punctuation alone for no name, falling back to the next column that has one', () => {
    const text = 'Name,Nickname,Organization,Phone\n-,,,\n.,,Acme,\n?,,,+44 20 7946 0000\n";",Bo,,\n';
    const result = parse(text);
    expect(result.contacts).toEqual([
      { line: 3, uid: null, name: 'Acme', phones: [] },
      { line: 4, uid: null, name: '', phones: [{ raw: '+44 20 7946 0000', label: '' }] },
      { line: 5, uid: null, name: 'Bo', phones: [] },
    ]);
    expect(result.errors).toEqual([
      { file: 'contacts.csv', line: 2, message: 'This row has no name and no phone number, so it was skipped.' },
    ]);
  });

  it('a header row after blank lines is still found, with its real line number', () => {
    const result = parse('\n\nName,Phone\nAnn,1\n');
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([{ line: 4, uid: null, name: 'Ann', phones: [{ raw: '1', label: '' }] }]);
  });

  it('an empty file or one with only a header gives no contacts', () => {
    expect(parse('')).toEqual({
      contacts: [],
      errors: [
        {
          file: 'contacts.csv',
          line: 1,
          message: 'The file is empty: it has no header row with a name or phone column.',
        },
      ],
      rows: 0,
    });
    expect(parse('Name,Phone\r\n')).toEqual({ contacts: [], errors: [], rows: 0 });
  });

  it('rows shorter or longer than the header still import', () => {
    const text = 'Name,Phone,Mobile\nAnn\nBob,2,3,extra,cells\n';
    expect(parse(text).contacts).toEqual([
      { line: 2, uid: null, name: 'Ann', phones: [] },
      {
        line: 3,
        uid: null,
        name: 'Bob',
        phones: [
          { raw: '2', label: '' },
          { raw: '3', label: 'Mobile' },
        ],
      },
    ]);
  });
});
