// The Privacy screen: what is uploaded, exclusions, the upload log, and deleting data from the server.
export default {
  'privacy.title': 'Privacy',

  'privacy.explainer.title': 'What Kith does with your contacts',
  'privacy.explainer.intro':
    'Kith reads your address book to find out which of your contacts use Kith, and shows them under the names you saved.',
  'privacy.explainer.numbersOnly': 'Only phone numbers are uploaded.',
  'privacy.explainer.numbersOnlyRest':
    'Each is sent in its international form (E.164, like +447700900123), and only when it changes.',
  'privacy.explainer.namesStay': 'Names, labels, notes, emails and addresses never leave this computer.',
  'privacy.explainer.namesStayRest': 'The names you see on the On Kith screen come from your own address book.',
  'privacy.explainer.limit':
    'The server limits how many new numbers one account can check ({allowance, number} at first, then a few an hour), so nobody can use it to find out who is registered. People who are not discoverable are never revealed.',
  'privacy.explainer.control':
    'You can exclude a contact or a number, look at every upload below, and delete it all from the server.',

  'privacy.discoverable.title': 'Being found',
  'privacy.discoverable.label': 'Let people who have my number see that I use Kith',
  'privacy.discoverable.asking': 'Asking the server…',
  'privacy.discoverable.stored': 'Stored on the server.',

  'privacy.exclusions.title': 'Excluded',
  'privacy.exclusions.intro': 'Excluded contacts and numbers are never uploaded; any already uploaded are withdrawn.',
  'privacy.exclusions.empty':
    'Nothing is excluded. Exclude a contact or a number from its details on the Contacts screen.',
  'privacy.exclusions.noNumber': 'No number',
  'privacy.exclusions.include': 'Include',

  'privacy.upload.title': 'Upload log',
  'privacy.upload.empty': 'Nothing has been uploaded yet.',
  'privacy.upload.loading': 'Loading…',
  'privacy.upload.olderRuns': 'Show older uploads',
  'privacy.upload.moreBatches': 'Show more batches',
  'privacy.upload.moreNumbers': 'Show more numbers ({shown, number} of {total, number} shown)',
  'privacy.upload.result.applied': 'Applied',
  'privacy.upload.result.rejected': 'Refused',
  'privacy.upload.result.deleted': 'Deleted from the server',
  'privacy.upload.added': 'Added',
  'privacy.upload.removed': 'Removed',
  'privacy.upload.syncAddedRemoved':
    'Sync at {time} — {added, plural, one {# number} other {# numbers}} added, {removed, number} removed',
  'privacy.upload.syncAdded': 'Sync at {time} — {added, plural, one {# number added} other {# numbers added}}',
  'privacy.upload.syncRemoved': 'Sync at {time} — {removed, plural, one {# number removed} other {# numbers removed}}',
  'privacy.upload.syncNothing': 'Sync at {time} — nothing uploaded',
  'privacy.upload.deleted': 'Deleted at {time} — {detail}',
  'privacy.upload.deletedAll': 'Deleted at {time} — the uploaded numbers were deleted from the server',
  'privacy.upload.inBatches': 'in {batches, plural, one {# batch} other {# batches}}',
  'privacy.upload.refused':
    '{batches, plural, one {# batch refused} other {# batches refused}} ({numbers, plural, one {# number} other {# numbers}})',
  'privacy.upload.batchAddedRemoved':
    'Batch {position, number} of {of, number}: {added, plural, one {# number} other {# numbers}} added, {removed, number} removed',
  'privacy.upload.batchAdded':
    'Batch {position, number} of {of, number}: {added, plural, one {# number added} other {# numbers added}}',
  'privacy.upload.batchRemoved':
    'Batch {position, number} of {of, number}: {removed, plural, one {# number removed} other {# numbers removed}}',
  'privacy.upload.batchEmpty': 'Batch {position, number} of {of, number}: No numbers',

  'privacy.danger.title': 'Your data on the server',
  'privacy.danger.paused': 'Uploads are paused: nothing is sent until you resume. Your contacts stay on this computer.',
  'privacy.danger.deletedPaused':
    'Deleted {count, plural, one {# number} other {# numbers}} from the server. Uploads are paused: nothing is sent until you resume. Your contacts stay on this computer.',
  'privacy.danger.resume': 'Resume uploads',
  'privacy.danger.deleteData': 'Delete my data from the server',
  'privacy.danger.deleteAccount': 'Delete my account',
  'privacy.danger.deleteDataTitle': 'Delete your data from the server?',
  'privacy.danger.deleteDataConfirm': 'Delete my data',
  'privacy.danger.deleteDataBody':
    'Every number you uploaded is deleted from the server, and uploads pause until you resume them. Your contacts stay on this computer.',
  'privacy.danger.deleteAccountTitle': 'Delete your Kith account?',
  'privacy.danger.deleteAccountConfirm': 'Delete my account',
  'privacy.danger.deleteAccountBody':
    'Your account and everything the server holds for it are deleted, and this computer is signed out. Contacts who have your number no longer see you on Kith. This cannot be undone. One thing stays for a while: if you uploaded numbers recently, the server keeps how many new numbers your number may still look up (not which ones), under a hash of your number, until that allowance has refilled, so that a new account cannot start with a fresh one.',
} as const;
