import { sniffEncoding } from '../encoding.ts';

/** A whole file as one string; lines end with '\n' (possibly preceded by CRs). */
export interface FileText {
  text: string;
  /** True when chars are raw bytes (latin1), false when the file was UTF-16 and is decoded already. */
  binary: boolean;
}

/**
 * 8-bit files stay as bytes-in-a-string: a vCard 2.1 file may mix charsets per property (CHARSET=), so decoding
 * waits until a value is known. UTF-16 has no such mixing and is decoded whole.
 */
export function fileText(bytes: Uint8Array): FileText {
  const { encoding, bomLength } = sniffEncoding(bytes);
  const body = bytes.subarray(bomLength);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    return { text: crOnlyToLf(new TextDecoder(encoding).decode(body)), binary: false };
  }
  const latin1 = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  return { text: crOnlyToLf(latin1), binary: true };
}

/**
 * A file with no LF at all uses lone CRs as line breaks (classic Mac OS). Otherwise CRs are left in place: before
 * an LF they are part of the break, elsewhere they are content (Thunderbird writes them inside values).
 */
export function crOnlyToLf(text: string): string {
  if (text.indexOf('\n') !== -1 || text.indexOf('\r') === -1) return text;
  return text.replace(/\r/g, '\n');
}
