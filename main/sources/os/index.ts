/**
 * The address books the desktop keeps itself, read as vCard 3.0 cards for the importer's record path. Plain Node:
 * nothing here writes to the store or needs Electron.
 */
export { OsContactsError, type OsCard, type OsFailure, type OsReadResult } from './card.ts';
export {
  macExplanation,
  readMacContacts,
  runProcess,
  type MacReadOptions,
  type Runner,
  type RunResult,
} from './mac-contacts.ts';
export { readWindowsContacts, windowsContactsFolder } from './windows-folder.ts';
