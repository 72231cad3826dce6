/**
 * Cutting a file into cards: one pass over the lines with a stack of open cards. A BEGIN:VCARD inside a card opens
 * a nested card (2.1 AGENT values and some legacy exports do this); its lines are blanked out of the outer card,
 * so no property is ever credited to the wrong card.
 */
import { t } from '../../../i18n/index.ts';
import { loneCrIssues } from '../lone-cr.ts';
import type { ImportIssue } from '../types.ts';
import type { VcardChunk } from './chunk.ts';
import { fileText } from './file-text.ts';
import { lintCard } from './lint.ts';
import { BEGIN, END, isBlank, markerOf } from './markers.ts';

const BOM_CHAR = 0xfeff;
/** A UTF-8 BOM seen as latin1 chars. */
const UTF8_BOM = '\xef\xbb\xbf';
/**
 * Real nesting is one or two levels deep. The cap bounds the work: each level holds a blanked copy of the cards
 * inside it.
 */
const MAX_DEPTH = 16;
/** A wrong file (not vCard at all) would otherwise give one issue per paragraph or stray END. */
const MAX_OUTSIDE_REPORTS = 20;

interface Span {
  /** Line index and text offset where it starts. */
  idx: number;
  off: number;
  /** Line index of its last line, and the offset just past that line's '\n'. */
  lastIdx: number;
  next: number;
}

interface OpenCard {
  idx: number;
  off: number;
  /** Line index of the first nested BEGIN:VCARD, -1 while none. */
  childIdx: number;
  /** Closed nested cards, in order. */
  children: Span[];
  /** Last two non-blank lines of its own before any nested card: index and end offset (for a missing END). */
  lastIdx: number;
  lastEnd: number;
  prevIdx: number;
  prevEnd: number;
  /** First non-blank line of its own after a nested card, -1 if none. */
  strayIdx: number;
  /** Something in it may deserve a warning (a line without ':', a property that can hold base64). */
  lint: boolean;
}

export function splitVcards(bytes: Uint8Array, file: string): { cards: VcardChunk[]; errors: ImportIssue[] } {
  const cards: VcardChunk[] = [];
  const errors: ImportIssue[] = [];
  try {
    const { text, binary, repairs } = fileText(bytes);
    errors.push(...loneCrIssues(file, repairs));
    scan(text, binary, file, cards, errors);
  } catch (err) {
    errors.push({ file, line: 1, message: t('import.vcard.splitFailed', { reason: String(err) }) });
  }
  // Nested cards close before the card around them; report everything in file order.
  cards.sort((a, b) => a.line - b.line);
  errors.sort((a, b) => a.line - b.line);
  return { cards, errors };
}

function scan(text: string, binary: boolean, file: string, cards: VcardChunk[], errors: ImportIssue[]): void {
  const issue = (idx: number, message: string): void => void errors.push({ file, line: idx + 1, message });
  const emit = (card: OpenCard, lastIdx: number, body: string, closed: boolean): void => {
    const chunk: VcardChunk = { line: card.idx + 1, endLine: lastIdx + 1, text: body, binary };
    cards.push(chunk);
    if (card.lint) for (const { line, message } of lintCard(chunk, closed)) errors.push({ file, line, message });
  };

  const stack: OpenCard[] = [];
  let top: OpenCard | undefined;
  let outsideRun = false;
  let outsideReports = 0;
  let nextColon = 0; // where the next ':' is, so that a run of lines without one is searched once
  let lastLine = -1; // index of the file's last line, once known
  let afterBreak = true; // the line before was BEGIN, END or blank

  let idx = 0;
  for (let off = 0; off <= text.length; idx++) {
    const nl = text.indexOf('\n', off);
    const next = nl === -1 ? text.length + 1 : nl + 1;
    let end = nl === -1 ? text.length : nl;
    while (end > off && text.charCodeAt(end - 1) === 0x0d) end--;
    // Files concatenated with `cat` carry a BOM (or several) in front of each part's first BEGIN:VCARD.
    const start = afterBoms(text, off);
    const marker = markerOf(text, start, end);

    if (marker === BEGIN) {
      outsideRun = false;
      afterBreak = true;
      if (top !== undefined && top.childIdx === -1) top.childIdx = idx;
      // That many open cards means missing ENDs, not nesting: the outermost is settled now as a card without END.
      if (stack.length >= MAX_DEPTH) emitUnclosed(stack.shift() as OpenCard);
      top = openCard(idx, start, end);
      stack.push(top);
    } else if (marker === END) {
      outsideRun = false;
      afterBreak = true;
      if (top === undefined) {
        if (outsideReports++ < MAX_OUTSIDE_REPORTS) issue(idx, t('import.vcard.strayEnd'));
      } else {
        const card = top;
        stack.pop();
        top = stack[stack.length - 1];
        emitClosed(card, idx, end);
        top?.children.push({ idx: card.idx, off: card.off, lastIdx: idx, next });
      }
    } else if (top === undefined) {
      if (isBlank(text, off, end)) outsideRun = false;
      else if (!outsideRun) {
        outsideRun = true;
        if (outsideReports++ < MAX_OUTSIDE_REPORTS) issue(idx, t('import.vcard.outside'));
      }
    } else if (isBlank(text, off, end)) {
      afterBreak = true;
    } else {
      if (top.childIdx === -1) {
        top.prevIdx = top.lastIdx;
        top.prevEnd = top.lastEnd;
        top.lastIdx = idx;
        top.lastEnd = end;
      } else if (top.strayIdx === -1) {
        top.strayIdx = idx;
      }
      if (!top.lint) {
        const c = text.charCodeAt(off);
        if (c === 0x20 || c === 0x09) {
          // A continuation right after BEGIN or a blank line has nothing to continue.
          if (afterBreak) top.lint = true;
        } else {
          if (nextColon !== -1 && nextColon < off) nextColon = text.indexOf(':', off);
          if (nextColon === -1 || nextColon >= end || mayHoldBase64(c)) top.lint = true;
        }
      }
      afterBreak = false;
    }
    off = next;
  }

  // Cards still open at the end of the file have no END:VCARD. Innermost first.
  lastLine = idx - 1;
  while (top !== undefined) {
    const card = top;
    stack.pop();
    top = stack[stack.length - 1];
    emitUnclosed(card);
  }

  function emitClosed(card: OpenCard, endIdx: number, end: number): void {
    if (card.children.length === 0) {
      emit(card, endIdx, text.slice(card.off, end), true);
      return;
    }
    // Nested cards' lines become empty lines: the outer card keeps its line numbering but none of their data.
    let body = '';
    let cursor = card.off;
    for (const child of card.children) {
      body += text.slice(cursor, child.off) + '\n'.repeat(child.lastIdx - child.idx + 1);
      cursor = child.next;
    }
    emit(card, endIdx, body + text.slice(cursor, end), true);
  }

  function emitUnclosed(card: OpenCard): void {
    let lastIdx = card.lastIdx;
    let lastEnd = card.lastEnd;
    let message: string;
    if (card.childIdx === -1) {
      message = t('import.vcard.noEnd');
      // No final line break either: the file was probably truncated, and a cut phone number is worse than none.
      if (lastIdx === lastLine && lastIdx > card.idx && !text.endsWith('\n')) {
        lastIdx = card.prevIdx;
        lastEnd = card.prevEnd;
        message = t('import.vcard.noEndCut');
      }
    } else {
      message = t('import.vcard.endedByNext', { line: card.childIdx + 1 });
      if (card.strayIdx !== -1) {
        issue(card.strayIdx, t('import.vcard.afterNested', { line: card.idx + 1 }));
      }
    }
    issue(card.idx, message);
    emit(card, lastIdx, text.slice(card.off, lastEnd), false);
  }
}

function afterBoms(text: string, off: number): number {
  let at = off;
  for (;;) {
    if (text.charCodeAt(at) === BOM_CHAR) at += 1;
    else if (text.startsWith(UTF8_BOM, at)) at += 3;
    else return at;
  }
}

function openCard(idx: number, off: number, end: number): OpenCard {
  return {
    idx,
    off,
    childIdx: -1,
    children: [],
    lastIdx: idx,
    lastEnd: end,
    prevIdx: idx,
    prevEnd: end,
    strayIdx: -1,
    lint: false,
  };
}

/** PHOTO, LOGO, SOUND, KEY, or a grouped property (`item1.…`): worth a closer look for broken base64. */
function mayHoldBase64(firstChar: number): boolean {
  const c = firstChar | 0x20;
  return c === 0x70 || c === 0x6c || c === 0x73 || c === 0x6b || c === 0x69;
}
