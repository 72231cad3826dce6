// Reading GNOME's address books (evolution-data-server): what went wrong, in plain words, and what to do.
export default {
  'eds.noSessionBus':
    'Kith can’t reach this desktop session’s message bus, so it can’t read the GNOME address books. Sign in to a desktop session, then try again.',
  'eds.notRunning':
    'The GNOME address book service (evolution-data-server) isn’t installed or doesn’t start. Install it, or open Contacts or Evolution once, then try again.',
  'eds.stopped':
    'The GNOME address book service stopped while Kith was following “{book}”. Kith reads the address book again when the service is back.',
  'eds.bookGone': 'The address book “{book}” is no longer there. It may have been removed in Contacts or Evolution.',
  'eds.failed': 'The GNOME address book service couldn’t read “{book}”: {reason}',
  'eds.contactUnreadable': 'A contact in “{book}” couldn’t be read and was skipped ({uid}): {reason}',
  'eds.contactNoUid':
    'Contact {index, number} in “{book}” has no UID, so Kith can’t follow its changes; it was skipped.',
  'eds.contactNotVCard': 'Contact {uid} in “{book}” isn’t a vCard; it was skipped.',
} as const;
