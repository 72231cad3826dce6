/** Recognising the BEGIN:VCARD / END:VCARD lines that delimit cards, without cutting the line out of the text. */

export const NOT_MARKER = 0;
export const BEGIN = 1;
export const END = 2;

const BEGIN_TEXT = 'BEGIN:VCARD';
const END_TEXT = 'END:VCARD';

/**
 * Which marker `s[start..end)` is. Case-insensitive, blanks around allowed. An indented marker could in theory be a
 * folded continuation, but a hand-indented card is far more likely, and missing its END would glue "END:VCARD" to
 * its last value (a phone number, say).
 */
export function markerOf(s: string, start = 0, end = s.length): number {
  // Cheap rejections first: this runs on every line of every file.
  let c = s.charCodeAt(start);
  while (c === 0x20 || c === 0x09) c = s.charCodeAt(++start);
  c |= 0x20;
  if (c === 0x62 /* b */) {
    return s.charCodeAt(start + 5) === 0x3a && sameLetters(s, start, end, BEGIN_TEXT) ? BEGIN : NOT_MARKER;
  }
  if (c === 0x65 /* e */) {
    return s.charCodeAt(start + 3) === 0x3a && sameLetters(s, start, end, END_TEXT) ? END : NOT_MARKER;
  }
  return NOT_MARKER;
}

function sameLetters(s: string, start: number, end: number, upper: string): boolean {
  if (end - start < upper.length) return false;
  for (let i = 0; i < upper.length; i++) {
    let c = s.charCodeAt(start + i);
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c !== upper.charCodeAt(i)) return false;
  }
  return isBlank(s, start + upper.length, end);
}

/** True when `s[start..end)` is empty or only spaces, tabs and stray CRs. */
export function isBlank(s: string, start = 0, end = s.length): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** Line breaks inside a card's text: LF, CRLF or the CR CR LF some exporters write. */
export const LINE_BREAK = /\r*\n/;
