// The Sources screen: importing address books, what each import did, and the list of sources.
export default {
  'sources.title': 'Sources',
  'sources.intro':
    'Import the address books you export from your phone or email. Re-importing a file updates what changed.',
  'sources.imported': 'Imported',
  'sources.empty': 'Nothing imported yet.',
  'sources.remove.title': 'Remove this source?',
  'sources.remove.confirm': 'Remove',
  'sources.remove.body':
    'The contacts imported from {name} are removed from Kith, and their numbers are taken off the server at the next sync. The file itself is not touched.',

  'sources.drop': 'Drop vCard (.vcf) or CSV files here, or choose them.',
  'sources.choose': 'Choose files…',
  'sources.importing': 'Importing…',
  'sources.importingFile': 'Importing {file}: {done, number} of {total, plural, one {# record} other {# records}}',

  'sources.lastImport': 'Last import',
  'sources.summary':
    '{contacts, plural, one {# contact} other {# contacts}}: {added, number} added, {updated, number} updated, {unchanged, number} unchanged, {removed, number} removed',
  'sources.importFailed': 'Import',

  'sources.kind.vcard': 'vCard',
  'sources.kind.csv': 'CSV',
  'sources.counts':
    '{contacts, plural, one {# contact} other {# contacts}} from {records, plural, one {# record} other {# records}} · {valid, number} valid, {possible, number} possible, {invalid, number} invalid numbers · imported {when}',
  'sources.reimport': 'Re-import',
  'sources.removeButton': 'Remove',

  'sources.problems': '{count, plural, one {# problem} other {# problems}}',
  'sources.copy': 'Copy',
  'sources.copyLabel': 'Copy the problems in {file}',
  'sources.copied': 'Copied to the clipboard.',
  'sources.copyFailed': 'The problems could not be copied: {error}',
  'sources.line': 'Line {line}:',
  'sources.notShown':
    '{count, plural, one {The other # is not shown here; Copy copies them all.} other {The other # are not shown here; Copy copies them all.}}',
  'sources.unreadable': 'Could not read {file}',
} as const;
