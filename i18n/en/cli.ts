// The `kith` command line: help, usage lines, summaries and errors. Machine output (--json) is not text.
export default {
  'cli.help': `kith — import an address book, normalize every number to E.164, keep it in a local store.

Usage:
  {importUsage}
      Import vCard (2.1, 3.0, 4.0) or CSV (Google, Outlook, Thunderbird) files. Re-importing a file
      updates what changed and removes contacts gone from it.
  {contactsUsage}
      List stored contacts with each number's raw text, E.164 form, status and reason.
  {numberUsage}
      Show how a number written without a country code is read, or set its country. A number that reads
      as a premium-rate, toll-free, shared-cost or universal-access number only because of the home
      country is not uploaded until you confirm it or give it its country.
  {exportUsage}
      Write the cleaned address book as vCard 4.0 with E.164 tel: URIs.
  {sourceUsage}
      List the address books contacts come from (files, and live ones), or remove one with its contacts.

Sync (only E.164 numbers and batch ids are uploaded; names never leave this device):
  {loginUsage}
      Verify your number with a sync server. A dev-mode server returns the code, so one call signs in.
  {syncUsage}
      Upload what changed since the last sync, in batches, and fetch who joined. A step that failed is
      named; exit 3 when it is retried next time or batches are still queued (offline or server trouble).
  {statusUsage}
      Online or offline, queued batches, last sync, event cursor, and the last error until a sync finishes.
  {joinedUsage}
      Contacts who use the messenger, by the name you saved.
  {logUsage}
      Every uploaded batch: when, which numbers were added and removed, and the result.
  {excludeUsage}
  {includeUsage}
      Keep a contact or a number off the server (the next sync removes it), or allow it again.
  {deleteUsage}
      Delete your uploaded numbers (uploading pauses), or your whole account, from the server.
  {logoutUsage}
      Sign this device out. Exit 3 when the server could not be told yet: the next sync or login tells it.

Exit status: 0 done, 1 failed, 2 wrong usage, 3 something is queued for next time (sync batches, a
sign-out). The store could not be used: 10 the disk is full, 11 it is read-only, 12 a disk error, 13 another
process holds it locked, 14 it is damaged or not a store, 15 it cannot be opened.

Options:
  --db PATH       the local store (default: $KITH_DB, else kith.db in the per-user data folder)
  --me +E164      your own number; its country is the default for numbers written without one
  --region CC     the default region (ISO 3166, e.g. GB), instead of your number's
  --server URL    the sync server (default: $KITH_SERVER; \`login\` remembers it)
`,
  'cli.usage.import': 'kith import <files…> [--region CC | --me +E164] [--db PATH]',
  'cli.usage.contacts': 'kith contacts [--db PATH] [--json]',
  'cli.usage.number': 'kith number <number|+E164> [--country CC | --confirm] [--db PATH]',
  'cli.usage.export': 'kith export --format vcard [--valid-only] [--out FILE] [--db PATH]',
  'cli.usage.login':
    'kith login --server URL --phone +E164 [--device NAME] [--db PATH]\n  kith login --code CODE [--db PATH]',
  'cli.usage.logout': 'kith logout [--db PATH]',
  'cli.usage.sync': 'kith sync [--server URL] [--resume] [--retry-rejected] [--reconcile] [--db PATH]',
  'cli.usage.status': 'kith status [--json] [--db PATH]',
  'cli.usage.joined': 'kith joined [--json] [--db PATH]',
  'cli.usage.log': 'kith log [--json] [--limit N] [--db PATH]',
  'cli.usage.exclude': 'kith exclude <name|number> [--db PATH]',
  'cli.usage.include': 'kith include <name|number> [--db PATH]',
  'cli.usage.delete': 'kith delete --server-data | --account --yes [--db PATH]',

  // Errors: the command, then what went wrong.
  'cli.error': 'kith {command}: {message}',
  'cli.errorNoCommand': 'kith: {message}',
  'cli.seeHelp': '{message} (see `kith help`)',
  'cli.unknownCommand': 'kith: unknown command {command}',
  'cli.unexpectedArgument': 'kith {command}: unexpected argument {argument}',
  'cli.nameTarget': 'kith {command}: name a contact or a number',
  'cli.noName': '(no name)',
  'cli.defaultLabel': 'phone',

  'cli.contacts.phone': '  {label} {shown}{ext}  [{status}] {reason}  ({raw})',
  'cli.contacts.ext': ' ext. {ext}',
  'cli.contacts.count': '{count, plural, one {# contact} other {# contacts}}',

  'cli.check.hint':
    "Check the country: without a country code this reads as a {home} {kind} number, and it is not uploaded until you confirm it (kith number ''{raw}'' --confirm) or give its country (--country CC).",
  'cli.check.hintWithSuggestion':
    "Check the country: without a country code this reads as a {home} {kind} number, and it is not uploaded until you confirm it (kith number ''{raw}'' --confirm) or give its country (--country CC). It looks like a number in {country}: {e164} (--country {country}).",

  'cli.check.premiumRate': 'premium-rate',
  'cli.check.tollFree': 'toll-free',
  'cli.check.sharedCost': 'shared-cost',
  'cli.check.universalAccess': 'universal access',

  'cli.delete.choose': 'kith delete: choose --server-data or --account',
  'cli.delete.confirm': 'kith delete: this cannot be undone; add --yes to confirm',
  'cli.delete.account':
    'Your account and everything uploaded with it were deleted from the server. Your address book stays here.',
  'cli.delete.serverData':
    'Deleted {count, plural, one {# uploaded number} other {# uploaded numbers}} from the server. Uploading is paused; `kith sync --resume` resumes.',

  'cli.exclude.done': 'Excluded {what}. The next sync removes it from the server.',
  'cli.include.done': 'Included {what}. The next sync uploads it again.',
  'cli.exclude.already': '{what} was already excluded.',
  'cli.include.already': '{what} was already included.',

  'cli.export.format': 'kith export: unknown --format {format} (only vcard)',

  'cli.import.noFiles': 'kith import: name at least one file: {usage}',
  'cli.import.renormalized':
    'Default region is now {region}: re-normalized {count, plural, one {# stored number} other {# stored numbers}}.',
  'cli.import.toCheck':
    '{count, plural, one {# number written without a country code reads as a service number only because of the home country: it is not uploaded until you check it (kith contacts, kith number).} other {# numbers written without a country code read as service numbers only because of the home country: they are not uploaded until you check them (kith contacts, kith number).}}',
  'cli.import.noRegion':
    'kith import: no default region (pass --me +E164 or --region CC); numbers without a country code are invalid.',
  'cli.import.nothing': 'kith import: no contacts found in the given files',
  'cli.import.cards':
    '{file}: {read, plural, one {# card} other {# cards}} read, {contacts, plural, one {# contact} other {# contacts}} ({added, number} added, {updated, number} updated, {unchanged, number} unchanged, {removed, number} removed)',
  'cli.import.rows':
    '{file}: {read, plural, one {# row} other {# rows}} read, {contacts, plural, one {# contact} other {# contacts}} ({added, number} added, {updated, number} updated, {unchanged, number} unchanged, {removed, number} removed)',
  'cli.import.numbers': '  numbers: {valid, number} valid, {possible, number} possible, {invalid, number} invalid',
  'cli.import.errors': '  {count, plural, one {# error} other {# errors}}:',
  'cli.import.issue': '  {file}:{line}: {message}',
  'cli.import.total':
    'total: {read, plural, one {# record} other {# records}} read, {contacts, plural, one {# contact} other {# contacts}}, numbers {valid, number} valid, {possible, number} possible, {invalid, number} invalid, {errors, plural, one {# error} other {# errors}}',
  'cli.import.progress': '{file}: {done, number}/{total, number} ({percent, number}%)',

  'cli.joined.line': '{name}  {e164}',
  'cli.joined.count': '{count, plural, one {# contact} other {# contacts}} on Kith',

  'cli.log.limit': 'kith log: --limit is a whole number ≥ 1',
  'cli.log.empty': 'Nothing has been uploaded.',
  'cli.log.run':
    'Sync at {at}: {added, plural, one {# number} other {# numbers}} added, {removed, number} removed in {batches, plural, one {# batch} other {# batches}}',
  'cli.log.runRefused':
    'Sync at {at}: {added, plural, one {# number} other {# numbers}} added, {removed, number} removed in {batches, plural, one {# batch} other {# batches}} ({refused, number} refused)',
  'cli.log.batch': '{at}  {result} batch {batchId}: +{added, number} −{removed, number}',
  'cli.log.batchDetail': '{at}  {result} batch {batchId}: +{added, number} −{removed, number}  ({detail})',
  'cli.log.added': '    + {e164}',
  'cli.log.removed': '    − {e164}',

  'cli.login.code': 'kith login: --code is six digits',
  'cli.login.server': 'kith login: --server http(s)://… is required',
  'cli.login.phone': 'kith login: --phone must be E.164, e.g. +447400123456',
  'cli.login.device': 'kith CLI ({platform})',
  'cli.login.codeSent': 'A code was sent to {phone}. Run: kith login --code CODE',
  'cli.login.signedIn': 'Signed in to {server} as {phone}.',
  'cli.login.signedInNew': 'Signed in to {server} as {phone} (new account).',
  'cli.logout.failed': 'kith logout: telling {server} failed: {message}',
  'cli.logout.done': 'Signed out.',
  'cli.logout.queued': 'Signed out on this device; the server will be told when it can be reached.',

  'cli.number.name': 'kith number: name a number, as written or as +E164',
  'cli.number.both': 'kith number: give either --country CC or --confirm, not both',
  'cli.number.unknownCountry': 'kith number: --country {country}: not a known ISO 3166 country code',
  'cli.number.noHome': 'kith number: there is no home country to confirm (kith import --region CC)',
  'cli.number.confirmed':
    'Confirmed {country} for {text}: {count, plural, one {# stored number} other {# stored numbers}} read again.',
  'cli.number.countrySet':
    'Set the country to {country} for {text}: {count, plural, one {# stored number} other {# stored numbers}} read again.',
  'cli.number.phone': '{name}: {raw} → {shown}  [{status}] {reason}',
  'cli.number.phoneChosen': '{name}: {raw} → {shown}  [{status}] {reason}  (country {country}, chosen)',
  'cli.number.hint': '  {hint}',

  'cli.sync.progress': 'sync: {done, number}/{total, plural, one {# number} other {# numbers}}',
  'cli.sync.signOuts': '{count, plural, one {# earlier sign-out} other {# earlier sign-outs}} confirmed by the server.',
  'cli.sync.paused': 'Uploading is paused since your data was deleted from the server; `kith sync --resume` resumes.',
  'cli.sync.summary':
    'Sent {batches, plural, one {# batch} other {# batches}}: {added, plural, one {# number} other {# numbers}} added, {removed, number} removed; {matches, number} on Kith in these batches; {events, plural, one {# new join} other {# new joins}}.',
  'cli.sync.summaryReconciled':
    'Sent {batches, plural, one {# batch} other {# batches}}: {added, plural, one {# number} other {# numbers}} added, {removed, number} removed; {matches, number} on Kith in these batches; {events, plural, one {# new join} other {# new joins}}. Reconciliation: {reconciled}.',
  'cli.sync.rejected': '{count, plural, one {# batch} other {# batches}} refused by the server; see `kith log`.',
  'cli.sync.queued':
    '{count, plural, one {# batch still queued ({connectivity, select, online {online} offline {offline} other {{connectivity}}}); it is kept and sent on the next sync.} other {# batches still queued ({connectivity, select, online {online} offline {offline} other {{connectivity}}}); they are kept and sent on the next sync.}}',
  'cli.sync.otherServer':
    'kith sync: signed in to {stored}, not {wanted}; run `kith login --server {wanted} …` to switch',

  'cli.status.never': 'never',
  'cli.status.server': 'Server:     {server}',
  'cli.status.serverSignedOut': 'Server:     {server} (signed out)',
  'cli.status.notSignedIn': 'Server:     (not signed in)',
  'cli.status.state':
    'State:      {state, select, paused {paused} online {online} offline {offline} other {{state}}} (as of the last sync)',
  'cli.status.stateFailed':
    'State:      {state, select, paused {paused} online {online} offline {offline} other {{state}}}, the last sync did not finish (as of the last sync)',
  'cli.status.queued':
    'Queued:     {batches, plural, one {# batch} other {# batches}}, {numbers, plural, one {# number} other {# numbers}}',
  'cli.status.queuedNext':
    'Queued:     {batches, plural, one {# batch} other {# batches}}, {numbers, plural, one {# number} other {# numbers}}, next attempt {next}',
  'cli.status.refused': 'Refused:    {count, plural, one {# number} other {# numbers}}',
  'cli.status.lastSync': 'Last sync:  {at}',
  'cli.status.cursor': 'Cursor:     {cursor}',
  'cli.status.lastError': 'Last error: {error}',
  'cli.status.signOut':
    'Sign-out:   not yet confirmed by {server} (since {since}, {attempts, plural, one {# attempt} other {# attempts}})',
  'cli.status.signOutError':
    'Sign-out:   not yet confirmed by {server} (since {since}, {attempts, plural, one {# attempt} other {# attempts}}, last: {error})',
} as const;
