// Errors in plain words: what happened and what to do. The technical detail goes to the log and a Details disclosure.
export default {
  'errors.details': 'Details',

  // Syncing, in the status bar: changes are never lost, so each says what happens to them.
  'errors.sync.unreachable': 'Can’t reach the Kith server. Your changes are saved and will be sent when it’s back.',
  'errors.sync.timeout':
    'The Kith server is taking too long to answer. Your changes are saved and will be sent when it answers again.',
  'errors.sync.tls':
    'Can’t make a secure connection to the Kith server. Your changes are saved; check the date and time on this computer, or ask the server’s administrator about its certificate.',
  'errors.sync.server':
    'The Kith server has a problem of its own. Your changes are saved and will be sent once it works again.',
  'errors.sync.rateLimited':
    'The Kith server asked Kith to slow down. Your changes are saved and will be sent in a moment.',
  'errors.sync.rateLimitedAt':
    'The Kith server asked Kith to slow down. Your changes are saved and will be sent {when}.',
  'errors.sync.signedOut': 'The Kith server no longer accepts this device’s sign-in. Sign in again to keep syncing.',
  'errors.sync.refused':
    'The Kith server refused part of the upload. Your contacts are kept on this device; choose Try again, and if it keeps happening, see the upload log in Privacy.',
  'errors.sync.tooLarge':
    'The upload was too large for the Kith server. Your changes are kept on this device; if it keeps happening, ask the server’s administrator to accept larger uploads.',
  'errors.sync.conflict':
    'This device and the Kith server disagree about what was sent. Your contacts are kept on this device; choose Try again to send them again.',
  'errors.sync.signOut':
    'The Kith server hasn’t heard of this sign-out yet. It will be told as soon as it can be reached.',

  // Signing in: nothing is stored yet, so each says what to check.
  'errors.signIn.unreachable':
    'Can’t reach the server at this address. Check the address and your internet connection, then try again.',
  'errors.signIn.timeout': 'The server is taking too long to answer. Check your internet connection, then try again.',
  'errors.signIn.tls':
    'Can’t make a secure connection to this server. Check the address and the date and time on this computer, then try again.',
  'errors.signIn.server': 'The server has a problem of its own. Try again in a few minutes.',
  'errors.signIn.rateLimited': 'Too many codes were asked for this number. Try again in an hour.',
  'errors.signIn.refused': 'The server refused this request. Check the address and your number, then try again.',
  'errors.signIn.wrongCode': 'That code is not right. Check it, or go back and ask for a new one.',
  'errors.signIn.codeExpired': 'That code has expired. Go back and ask for a new one.',
  'errors.signIn.tooManyAttempts': 'Too many wrong codes. Go back and ask for a new one.',
  'errors.signIn.challenge':
    'This server asks for an extra check before it sends a code, which this app cannot do. Choose another server.',
  'errors.signIn.noCodePending': 'No code is waiting for this number any more. Go back and ask for a new one.',

  // Anything else that talks to the server (privacy settings, deleting data).
  'errors.action.unreachable': 'Can’t reach the Kith server. Check your internet connection, then try again.',
  'errors.action.timeout': 'The Kith server is taking too long to answer. Try again in a moment.',
  'errors.action.tls':
    'Can’t make a secure connection to the Kith server. Check the date and time on this computer, then try again.',
  'errors.action.server': 'The Kith server has a problem of its own. Try again in a few minutes.',
  'errors.action.rateLimited': 'The Kith server asked Kith to slow down. Try again in a minute.',
  'errors.action.signedOut': 'The Kith server no longer accepts this device’s sign-in. Sign in again, then try again.',
  'errors.action.refused': 'The Kith server refused this request. Try again; if it keeps happening, sign in again.',

  // The store, as main/store/errors.ts says it, without the path and code (they are in the details).
  'errors.store.full':
    'The disk is full, so Kith could not save. Nothing stored was lost. Free some space and try again.',
  'errors.store.readOnly':
    'Kith’s data file cannot be written: it or its folder is read-only. Nothing stored was lost. Make them writable and try again.',
  'errors.store.io':
    'Kith’s data file could not be read or written: the disk reported an error, and the change was not saved. Check the disk and try again.',
  'errors.store.busy':
    'Kith’s data is in use by another Kith window or command, so nothing was changed. Wait for it to finish, or close it, and try again.',
  'errors.store.corrupt':
    'Kith’s data file is damaged. Keep a copy of it, move it aside, and import your address books again.',
  'errors.store.cannotOpen':
    'Kith’s data file cannot be opened. Check that its folder exists and can be written, and try again.',

  // Importing: the file by the name the user chose.
  'errors.import.notAddressBook':
    '“{file}” is not an address book: it is {format, select, png {a PNG image} jpeg {a JPEG image} gif {a GIF image} pdf {a PDF document} zip {a ZIP archive or an Office document} gzip {a gzip archive} sqlite {a database file} other {something else}}. Export your contacts from your phone or email as a vCard (.vcf) or CSV file, and import that.',
  'errors.import.unknownContent':
    '“{file}” is not an address book: it holds neither vCard cards nor a contacts table. Export your contacts as a vCard (.vcf) or CSV file, and import that.',
  'errors.import.wrongType':
    '“{file}” is not a vCard (.vcf, .vcard) or CSV (.csv) file, so it was not imported. Export your contacts in one of those formats, and import that.',
  'errors.import.empty': '“{file}” is empty. Export your contacts again, and import the new file.',
  'errors.import.noContacts':
    'No contacts could be read from “{file}”. Open the problems below to see why, fix the file or export it again, and import it.',
  'errors.import.unreadable':
    '“{file}” could not be read. Check that it still exists and that you may open it, then try again.',
  'errors.import.failed': '“{file}” could not be imported. Try again; the details say what went wrong.',
  'errors.import.unfinished': 'The import did not finish. Try again; the details say what went wrong.',
} as const;
