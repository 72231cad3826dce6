/**
 * The Windows Contacts folder (%USERPROFILE%\Contacts): every *.contact file in it and in its subfolders (the
 * folders a user makes there) becomes one card. A file that cannot be read is reported with its path and line and
 * the others are still read. The card's revision is the file's modification time, which Windows updates on every
 * edit; a contact without a ContactID is known by its path.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { t } from '../../../i18n/index.ts';
import type { ImportIssue } from '../../import/types.ts';
import { RecordError } from '../../import/types.ts';
import type { OsCard, OsReadResult } from './card.ts';
import { parseWindowsContact, type WindowsContact } from './windows-contact.ts';
import { contactText, sniffEncoding } from './windows-text.ts';

/** %USERPROFILE%\Contacts, or the home folder's Contacts when USERPROFILE is not set. */
export function windowsContactsFolder(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['USERPROFILE'] || homedir(), 'Contacts');
}

export async function readWindowsContacts(folder = windowsContactsFolder()): Promise<OsReadResult> {
  const cards: OsCard[] = [];
  const issues: ImportIssue[] = [];
  let files: string[];
  try {
    files = await contactFiles(folder);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const message =
      e.code === 'ENOENT'
        ? t('osContacts.windows.noFolder')
        : t('osContacts.windows.folderUnreadable', { reason: e.message });
    return { cards, issues: [{ file: folder, line: 1, message }] };
  }
  const seen = new Set<string>();
  for (const file of files) {
    const read = await readOne(file, issues);
    if (!read) continue;
    const path = relative(folder, file);
    let uid = read.contact.id ?? path;
    // A copied file keeps its ContactID; the copy is told apart by its path.
    if (seen.has(uid)) uid = `${uid}:${path}`;
    seen.add(uid);
    cards.push({ uid, rev: read.rev, vcard: read.contact.vcard(uid, read.rev) });
  }
  return { cards, issues };
}

async function readOne(file: string, issues: ImportIssue[]): Promise<{ contact: WindowsContact; rev: string } | null> {
  let bytes: Uint8Array;
  let rev: string;
  try {
    bytes = await readFile(file);
    rev = (await stat(file)).mtime.toISOString();
  } catch (err) {
    issues.push({ file, line: 1, message: t('osContacts.windows.unreadable', { reason: (err as Error).message }) });
    return null;
  }
  let text: string;
  try {
    text = contactText(bytes).text;
  } catch {
    const encoding = sniffEncoding(bytes).encoding.toUpperCase();
    issues.push({ file, line: 1, message: t('osContacts.windows.badText', { encoding }) });
    return null;
  }
  try {
    return { contact: parseWindowsContact(text), rev };
  } catch (err) {
    if (err instanceof RecordError) issues.push({ file, line: err.line, message: err.message });
    else throw err;
    return null;
  }
}

/** *.contact files under the folder, sorted so that the order is the same on every run. */
async function contactFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.contact'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
