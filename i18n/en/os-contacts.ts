// Reading the address book the desktop keeps itself: macOS Contacts and the Windows Contacts folder.
export default {
  'osContacts.mac.place': 'Contacts',
  'osContacts.mac.personPlace': 'Contacts, person {id}',
  'osContacts.mac.explain':
    'Kith reads your Contacts to find who among them is on Kith. Names, addresses and notes stay on this Mac; only phone numbers leave it, and you can see, limit and delete what was sent. macOS asks you to allow this next.',
  'osContacts.mac.denied':
    'Kith is not allowed to read your Contacts. To allow it, open System Settings → Privacy & Security → Contacts and turn Kith on (and under Automation, allow Kith to control Contacts), then try again.',
  'osContacts.mac.timeout':
    'Contacts did not answer within {seconds, plural, one {# second} other {# seconds}}. Open the Contacts app once so that it can finish loading, then try again.',
  'osContacts.mac.unsupported': 'Contacts can only be read on macOS.',
  'osContacts.mac.missing': 'Contacts could not be read because the osascript program was not found.',
  'osContacts.mac.failed': 'Contacts could not be read: {reason}',
  'osContacts.mac.exitCode': 'Contacts could not be read: osascript stopped with code {code}.',
  'osContacts.mac.tooLong':
    'Contacts sent more than {bytes, number} bytes for one batch of people, so that batch could not be read.',
  'osContacts.mac.badOutput': 'Contacts gave an answer that could not be read: {reason}',
  'osContacts.mac.notPeople': 'Contacts gave an answer that is not a list of people.',
  'osContacts.mac.badPerson': 'Entry {index, number} from Contacts is not a person and was skipped.',
  'osContacts.mac.emptyPerson': 'A person in Contacts has neither a card, a name nor a phone number, and was skipped.',
  'osContacts.mac.badCard':
    'The card Contacts gave for this person is not a vCard; it was read from the name and phone numbers instead.',
  'osContacts.mac.changing':
    'Contacts kept changing while Kith was reading it. Try again when no contacts are being added or removed.',
  'osContacts.mac.incomplete':
    'Contacts listed {total, plural, one {# person} other {# people}} but only {read, number} could be read; the book may have changed while it was being read.',

  'osContacts.windows.noFolder': 'There is no Contacts folder here.',
  'osContacts.windows.folderUnreadable': 'The Contacts folder could not be read: {reason}',
  'osContacts.windows.unreadable': 'The contact file could not be read: {reason}',
  'osContacts.windows.badText': 'The contact file is not valid {encoding} text.',
  'osContacts.windows.notXml': 'The contact file is not well-formed XML: {reason}',
  'osContacts.windows.notContact':
    'The file is not a Windows contact: its root element is not a contact in the http://schemas.microsoft.com/Contact namespace.',
  'osContacts.windows.empty': 'The contact has neither a name nor a phone number, and was skipped.',
} as const;
