// What syncing says: a failed step and what happens next (the status bar's detail, `kith sync`), the client's
// technical failures (the detail under a plain error), and the lines the upload log and the CLI read.
export default {
  'sync.answerNotJson': '{method} {path}: the answer is not JSON',
  'sync.unexpectedAnswer': '{method} {path}: unexpected answer ({problem})',
  'sync.timedOut': '{method} {path}: timed out',

  'sync.failed.revoke':
    'telling {server, select, none {the server} other {{server}}} about a sign-out failed: {error}; it is sent again on the next sync',
  'sync.failed.upload':
    'uploading changes failed: {error}; {signIn, select, yes {sign in again} other {they stay queued and are sent on the next sync}}',
  'sync.failed.events':
    'fetching join events failed: {error}; {signIn, select, yes {sign in again} other {they will be fetched on the next sync}}',
  'sync.failed.ack':
    'acknowledging join events failed: {error}; {signIn, select, yes {sign in again} other {they are acknowledged on the next sync}}',
  'sync.failed.reconcile':
    'comparing with the server failed: {error}; {signIn, select, yes {sign in again} other {it is tried again on the next sync}}',
  'sync.failed.connect':
    'reaching {server, select, none {the server} other {{server}}} failed: {error}; {signIn, select, yes {sign in again} other {it is tried again shortly}}',
  'sync.batchRefused': 'batch {batch} refused: {error}',

  'sync.notSignedIn': 'not signed in: run `kith login --server URL --phone +E164` first',
  'sync.noCodePending':
    'no code is pending for {number} at {server} (none was asked for here, or it expired): ask for a new one',

  'sync.upload.onKith': '{count, number} on Kith',
  'sync.upload.deleted':
    '{count, plural, one {# uploaded number deleted from the server} other {all # uploaded numbers deleted from the server}}',

  'sync.exclude.empty': 'give a contact name or a phone number',
  'sync.exclude.invalidNumber': '{number} is not a valid phone number ({reason})',
  'sync.exclude.noContact': 'no contact is named “{name}”',
  'sync.exclude.several':
    '“{name}” matches several contacts ({names}{more, select, yes {, …} other {}}); give the full name',
} as const;
