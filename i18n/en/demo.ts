// `npm run demo`: what each step does, and why the figures are what they are.
export default {
  'demo.server': 'Started a local sync server (SQLite, dev mode) at {url}.',
  'demo.me': 'You are {me}: numbers written without a country code are read as numbers of {country}.',
  'demo.imported':
    'Imported {file}: {cards, plural, one {# card} other {# cards}} ({people, plural, one {# person} other {# people}}) with {numbers, plural, one {# number} other {# numbers}}, {valid, number} valid.',
  'demo.sendable':
    'Of these {total, plural, one {# number} other {# numbers}}, {distinct, plural, one {# is} other {# are}} to be uploaded:',
  'demo.duplicates':
    '  {count, plural, =0 {no number is in two contacts} one {# is a duplicate: the same number in several contacts is sent once} other {# are duplicates: the same number in several contacts is sent once}};',
  'demo.toCheck':
    '  {count, plural, one {# waits} other {# wait}} for you to check the country: without a country code {count, plural, one {it reads} other {they read}} as a service number only because of your home country;',
  'demo.notValid':
    '  {count, plural, =0 {every number is valid} one {# is not valid, and a number that is not valid is never sent} other {# are not valid, and a number that is not valid is never sent}}.',
  'demo.joinsBefore': '{name} ({e164}) signs up to Kith on their own phone.',
  'demo.theirDevice': 'their phone',
  'demo.signedIn': 'Signed in as {me}.',
  'demo.firstSync':
    'First sync: uploaded {added, plural, one {# number} other {# numbers}} in {batches, plural, one {# batch} other {# batches}}; {matches, plural, one {# of them was} other {# of them were}} already on Kith.',
  'demo.joinsAfter': '{name} ({e164}) signs up to Kith after that upload.',
  'demo.secondSync':
    'Second sync: {batches, plural, =0 {nothing new to upload} one {# batch sent} other {# batches sent}}; the server told us of {events, plural, one {# new join} other {# new joins}}.',
  'demo.onKith': 'On Kith, by the name you saved:',
  'demo.onKithLine': '  {name}  {e164}',
  'demo.log': 'Upload log:',
  'demo.logLine': '  {at}  {result}  +{added, number} −{removed, number}',
  'demo.files': 'The store and the server database are in {dir}',
} as const;
