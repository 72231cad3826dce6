/**
 * Lone carriage returns (a CR not followed by LF) in files whose other lines end in LF or CRLF: a stray one from an
 * editor, or parts of files from different systems pasted together. Both readers repair them and say where.
 */
import type { ImportIssue } from './types.ts';

export const LONE_CR_AS_LINE_END = 'A lone carriage return was read as the end of this line.';
export const LONE_CR_AS_SPACE = 'A lone carriage return inside a value was read as a space.';

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
      message:
        more === 1
          ? 'One more lone carriage return, on this line, was repaired the same way and is not listed.'
          : `${more} more lone carriage returns, from this line on, were repaired the same way and are not listed.`,
    });
  }
  return issues;
}
