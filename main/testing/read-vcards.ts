/** What an importer does with a vCard file, without a store: split, then read every card on its own. */
import type { ImportIssue, ParsedContact } from '../import/types.ts';
import { RecordError } from '../import/types.ts';
import { parseVcardChunk, splitVcards } from '../import/vcard/index.ts';

export interface VcardRead {
  contacts: ParsedContact[];
  /** The splitter's problems, then each card's own (a name it could not decode, or why it failed), in card order. */
  issues: ImportIssue[];
}

export function readVcards(data: Uint8Array, file: string): VcardRead {
  const { cards, errors } = splitVcards(data, file);
  const contacts: ParsedContact[] = [];
  const issues = [...errors];
  for (const card of cards) {
    try {
      const contact = parseVcardChunk(card);
      contacts.push(contact);
      for (const { line, message } of contact.issues ?? []) issues.push({ file, line, message });
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      issues.push({ file, line: err.line, message: err.message });
    }
  }
  return { contacts, issues };
}
