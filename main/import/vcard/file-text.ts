import { sniffEncoding } from '../encoding.ts';
import { LONE_CR_AS_LINE_END, LONE_CR_AS_SPACE } from '../lone-cr.ts';
import type { LineIssue } from './tokenize.ts';

/** A whole file as one string; lines end with '\n' (possibly preceded by CRs). */
export interface FileText {
  text: string;
  /** True when chars are raw bytes (latin1), false when the file was UTF-16 and is decoded already. */
  binary: boolean;
  /** Lone CRs read as line ends or as spaces, each on the line it was on (numbered as in `text`). */
  repairs: LineIssue[];
}

/**
 * 8-bit files stay as bytes-in-a-string: a vCard 2.1 file may mix charsets per property (CHARSET=), so decoding
 * waits until a value is known. UTF-16 has no such mixing and is decoded whole.
 */
export function fileText(bytes: Uint8Array): FileText {
  const { encoding, bomLength } = sniffEncoding(bytes);
  const body = bytes.subarray(bomLength);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    return { ...lineEnds(new TextDecoder(encoding).decode(body)), binary: false };
  }
  const latin1 = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  return { ...lineEnds(latin1), binary: true };
}

/** A CR that is neither followed by an LF nor one of the CRs of a CR CR LF break. */
const LONE_CR = /\r(?![\r\n])/g;
/** What a vCard line starts with: a property name (maybe grouped) and its ':' or ';', BEGIN:VCARD and END:VCARD too. */
const PROPERTY_START = /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*[:;]/y;

/**
 * Every line ends in '\n'. A file with no LF at all uses lone CRs as line breaks (classic Mac OS). In a file that
 * otherwise breaks its lines with LF or CRLF, a lone CR is a line end too when a line can start after it: a property,
 * a folded continuation (space or tab), or a quoted-printable soft break before it (`=`). Anywhere else it sits
 * inside a value and is read as a space, which keeps the value whole (Thunderbird writes such CRs in notes).
 */
function lineEnds(text: string): { text: string; repairs: LineIssue[] } {
  if (text.indexOf('\n') === -1) return { text: text.replace(/\r/g, '\n'), repairs: [] };
  // Clean LF and CRLF files leave here after one native search, with no copy.
  if (text.indexOf('\r') === -1) return { text, repairs: [] };
  LONE_CR.lastIndex = 0;
  let match = LONE_CR.exec(text);
  if (match === null) return { text, repairs: [] };

  const repairs: LineIssue[] = [];
  const parts: string[] = [];
  let from = 0;
  let line = 1;
  for (; match !== null; match = LONE_CR.exec(text)) {
    const at = match.index;
    line += countLf(text, from, at);
    parts.push(text.slice(from, at));
    from = at + 1;
    if (startsLine(text, at)) {
      parts.push('\n');
      repairs.push({ line, message: LONE_CR_AS_LINE_END });
      line++;
    } else {
      parts.push(' ');
      repairs.push({ line, message: LONE_CR_AS_SPACE });
    }
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), repairs };
}

function startsLine(text: string, cr: number): boolean {
  const next = text.charCodeAt(cr + 1);
  if (Number.isNaN(next) || next === 0x20 || next === 0x09) return true;
  if (text.charCodeAt(cr - 1) === 0x3d /* = */) return true;
  PROPERTY_START.lastIndex = cr + 1;
  return PROPERTY_START.test(text);
}

function countLf(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
