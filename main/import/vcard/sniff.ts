import { sniffEncoding } from '../encoding.ts';
import { BEGIN, markerOf } from './markers.ts';

const HEAD_BYTES = 4096;

/** True when the first non-blank line is BEGIN:VCARD, whatever the BOM, UTF-16 byte order or case. */
export function looksLikeVcard(bytes: Uint8Array): boolean {
  const { encoding, bomLength } = sniffEncoding(bytes);
  const head = bytes.subarray(bomLength, bomLength + HEAD_BYTES);
  const text =
    encoding === 'utf-16le' || encoding === 'utf-16be'
      ? new TextDecoder(encoding).decode(head)
      : Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  let i = 0;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  let end = i;
  while (end < text.length && text[end] !== '\r' && text[end] !== '\n') end++;
  return markerOf(text.slice(i, end)) === BEGIN;
}
