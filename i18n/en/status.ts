// The status bar, join notices, sign-outs waiting for their server, and number badges.
export default {
  'status.label': 'Sync status',
  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.connecting': 'Connecting…',
  'status.syncingProgress': 'Syncing {done, number} of {total, number}',
  'status.syncing': 'Syncing…',
  'status.paused': 'Uploads paused',
  'status.queued':
    '{numbers, plural, one {# number} other {# numbers}} queued in {batches, plural, one {# batch} other {# batches}}',
  'status.nothingQueued': 'Nothing waiting to upload',
  'status.lastSynced': 'Last synced {when}',
  'status.notSynced': 'Not synced yet',
  'status.demo': 'Using a local demo server',
  'status.signOutsPending':
    '{count, plural, one {# earlier sign-out} other {# earlier sign-outs}} not yet confirmed by the server',
  'status.tryAgain': 'Try again',
  'status.syncNow': 'Sync now',

  'status.joined': '{name} joined Kith',
  'status.joinedMore':
    '{count, plural, one {and # more of your contacts joined Kith} other {and # more of your contacts joined Kith}}',
  'status.dismiss': 'Dismiss',

  'status.signOutPending': 'Signed out on this device; the server will be told when it can be reached.',
  'status.signOutServer': '{server}, signed out {when}',

  'status.badge.valid': 'Valid',
  'status.badge.possible': 'Possible',
  'status.badge.invalid': 'Invalid',

  'status.bridgeMissing': 'The app bridge is missing: open Kith through Electron or `npm run start:web`.',
} as const;
