import { plainError, type PlainError } from '../../../i18n/error-text.ts';
import { t } from '../../../i18n/index.ts';

/** Why a file could not be imported, in words naming `file` as the user chose it; the technical text as the detail. */
export function importError(file: string, technical: string): PlainError {
  const plain = plainError(technical, 'import', { file });
  if (plain.detail !== null) return plain;
  return { kind: plain.kind, message: t('errors.import.failed', { file }), detail: technical };
}

/** An import that failed as a whole, before any one file could be named. */
export function unfinishedImport(technical: string): PlainError {
  try {
    const plain = plainError(technical, 'import');
    if (plain.detail !== null) return plain;
  } catch {
    // A message about one file, which this failure cannot name: the general one below says it.
  }
  return { kind: 'other', message: t('errors.import.unfinished'), detail: technical };
}

/** A file refused before it was sent, for its name: not a vCard or CSV file. */
export function wrongTypeError(file: string): PlainError {
  return { kind: 'wrong-type', message: t('errors.import.wrongType', { file }), detail: null };
}
