// The Settings screen: home country, appearance, join notifications, the server and sign-out, the data folder.
export default {
  'settings.title': 'Settings',

  'settings.region.title': 'Region and appearance',
  'settings.home.label': 'Home country',
  'settings.home.choose': 'Choose a country…',
  'settings.home.option': '{name} (+{callingCode})',
  'settings.home.hint':
    'Numbers saved without a country code are read as numbers of this country. Changing it reads every number again.',
  'settings.home.reading': 'Reading every number again…',
  'settings.home.changed':
    '{count, plural, =0 {Every number reads as before.} one {# number now reads differently. The next sync sends the change.} other {# numbers now read differently. The next sync sends the changes.}}',

  'settings.theme.legend': 'Appearance',
  'settings.theme.system': 'Same as the system',
  'settings.theme.systemHint': 'Light or dark as your computer is set.',
  'settings.theme.light': 'Light',
  'settings.theme.lightHint': 'Always light.',
  'settings.theme.dark': 'Dark',
  'settings.theme.darkHint': 'Always dark.',

  'settings.notifications.title': 'Notifications',
  'settings.notifications.label': 'Notify me when a contact joins Kith',
  'settings.notifications.hint':
    'A system notification for each contact who joins. The notice inside the app and the Activity screen show joins either way.',

  'settings.server.title': 'Server and account',
  'settings.server.url': 'Server',
  'settings.server.demo': 'A local demo server on this computer',
  'settings.server.number': 'Signed in as',
  'settings.server.notSignedIn': 'Not signed in',
  'settings.server.pendingSignOuts':
    'An earlier sign-out from {servers} has not reached the server yet; it is sent when the server can be reached.',
  'settings.signOut.button': 'Sign out',
  'settings.signOut.hint':
    'Signing out forgets the session on this computer at once. If the server cannot be reached, it is told as soon as it can be.',
  'settings.signOut.title': 'Sign out on this computer?',
  'settings.signOut.confirm': 'Sign out',
  'settings.signOut.stops':
    'This computer stops syncing: nothing more is uploaded and no join notices arrive until you sign in again.',
  'settings.signOut.bookStays': 'Your address book stays on this computer.',
  'settings.signOut.numbersStay':
    'The numbers you uploaded stay on the server. To remove them, cancel and choose “Delete my data from the server” on the Privacy screen first.',

  'settings.data.title': 'Data folder',
  'settings.data.intro':
    'Everything Kith keeps on this computer is in this folder: its store, kith.db, and copies of the address books you imported.',
  'settings.data.show': 'Show in folder',
  'settings.data.shown': 'Opened {path} in the file manager.',

  'settings.joinNotice.title': 'Kith',
  'settings.joinNotice.one': '{name} joined Kith',
  'settings.joinNotice.many': '{name} and {others, plural, one {# other contact} other {# other contacts}} joined Kith',
} as const;
