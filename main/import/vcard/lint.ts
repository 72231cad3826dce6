/** Problems inside a card that do not stop it from importing: reported by `splitVcards` with their line. */
import { t } from '../../../i18n/index.ts';
import type { VcardChunk } from './chunk.ts';
import { LINE_BREAK } from './markers.ts';
import { ENC_BASE64, encodingClass, propValue, tokenize } from './tokenize.ts';
import type { LineIssue } from './tokenize.ts';

const MAX_ISSUES_PER_CARD = 5;
const EMBEDDED_BINARY = /^(?:[^;:]*\.)?(PHOTO|LOGO|SOUND|KEY)(?:;|$)/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const WHITESPACE = /\s+/g;

/** Lines that are not properties, and base64 payloads that are not base64 (we never decode them, only say so). */
export function lintCard(chunk: VcardChunk, closed: boolean): LineIssue[] {
  const lines = chunk.text.split(LINE_BREAK);
  const issues: LineIssue[] = [];
  const props = tokenize(lines, 1, closed ? lines.length - 1 : lines.length, chunk.line, issues);
  for (const prop of props) {
    // Only properties with parameters can declare base64; most lines stop at the indexOf.
    if (prop.head.indexOf(';') === -1) continue;
    const m = EMBEDDED_BINARY.exec(prop.head);
    if (m === null || encodingClass(prop) !== ENC_BASE64) continue;
    if (!isBase64(propValue(lines, prop, false))) {
      issues.push({
        line: prop.line,
        message: t('import.vcard.badBase64', { property: (m[1] ?? '').toUpperCase() }),
      });
    }
  }
  if (issues.length <= MAX_ISSUES_PER_CARD) return issues.sort(byLine);
  issues.sort(byLine);
  const more = issues.length - MAX_ISSUES_PER_CARD;
  const kept = issues.slice(0, MAX_ISSUES_PER_CARD);
  const last = kept[kept.length - 1];
  const message = t('import.vcard.moreProblems', { count: more });
  kept.push({ line: last?.line ?? chunk.line, message });
  return kept;
}

function isBase64(value: string): boolean {
  const compact = value.replace(WHITESPACE, '');
  return compact.length % 4 !== 1 && BASE64.test(compact);
}

function byLine(a: LineIssue, b: LineIssue): number {
  return a.line - b.line;
}
