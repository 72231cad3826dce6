export default {
  'sourceCli.usage': 'kith source list [--json] [--db PATH]\n  kith source remove ID [--db PATH]',
  'sourceCli.choose': 'kith source: say what to do, list or remove',
  'sourceCli.unknown': 'kith source: unknown command {name}; use list or remove',
  'sourceCli.removeNeedsId': 'kith source remove: give the id of the source to remove, as kith source list shows it',
  'sourceCli.badId': 'kith source remove: “{id}” is not a source id; ids are whole numbers, as kith source list shows',
  'sourceCli.notFound': 'kith source remove: there is no source {id}; kith source list shows the sources there are',
  'sourceCli.empty': 'No sources yet: kith import adds a file.',
  'sourceCli.line':
    '{id}  {kind, select, file {file} carddav {CardDAV} eds {GNOME Contacts} macos {macOS Contacts} windows {Windows Contacts} other {{kind}}}  {name}  {contacts, plural, one {# contact} other {# contacts}}  {state, select, ok {OK} missing {missing} error {error} other {{state}}}  {synced}',
  'sourceCli.synced': 'last read {at}',
  'sourceCli.neverSynced': 'never read',
  'sourceCli.lastError': '    Last error: {message}',
  'sourceCli.count': '{count, plural, one {# source} other {# sources}}',
  'sourceCli.removed': 'Removed source {id}, {name}, and its {contacts, plural, one {# contact} other {# contacts}}.',
} as const;
