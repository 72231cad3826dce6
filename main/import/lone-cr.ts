/**
 * Lone carriage returns (a CR not followed by LF) in files whose other lines end in LF or CRLF: a stray one from an
 * editor, or parts of files from different systems pasted together. Both readers repair them and say where.
 */
import { t } from '../../i18n/index.ts';
import type { ImportIssue } from './types.ts';

export const LONE_CR_AS_LINE_END = t('import.loneCrAsLineEnd');
export const LONE_CR_AS_SPACE = t('import.loneCrAsSpace');

/** A file pasted together from a classic Mac OS file and another has one per line; the first few tell enough. */
const MAX_LONE_CR_REPORTS = 20;

/** The repairs as issues of `file`: the first MAX_LONE_CR_REPORTS, then one that counts the rest. */
export function loneCrIssues(file: string, repairs: ReadonlyArray<{ line: number; message: string }>): ImportIssue[] {
  const issues = repairs.slice(0, MAX_LONE_CR_REPORTS).map(({ line, message }) => ({ file, line, message }));
  const more = repairs.length - issues.length;
  if (more > 0) {
    issues.push({
      file,
      line: repairs[MAX_LONE_CR_REPORTS]!.line,
      message: t('import.loneCrMore', { count: more }),
    });
  }
  return issues;
}
