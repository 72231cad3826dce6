/**
 * A card's PHOTO, kept only when it is safe to show: embedded data (2.1/3.0 base64, 4.0 `data:` URI), never a link
 * (nothing is fetched), and only PNG, JPEG, GIF or WebP, known by their first bytes rather than by the declared TYPE.
 * Size limits are checked on the encoded length before decoding, and the pixel size is read from the image header,
 * so that a small file claiming a huge picture (a decompression bomb) is refused before anything decodes it.
 */
import { t } from '../../../i18n/index.ts';

export type PhotoMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export interface PhotoData {
  mime: PhotoMime;
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** A kept photo; or why not, `null` when the reason was reported already (broken base64, see lint.ts). */
export type PhotoRead = { ok: true; photo: PhotoData } | { ok: false; message: string | null };

export const MAX_PHOTO_BYTES = 256 * 1024;
export const MAX_PHOTO_SIDE = 2048;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const WHITESPACE = /\s+/g;
const DATA_URI = /^data:/i;
const URI_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The photo in one PHOTO value (`encoding` as parameters give it, lower case); null when the value is empty. */
export function readPhoto(value: string, encoding: string): PhotoRead | null {
  const text = value.trim();
  if (text === '') return null;
  if (encoding === 'b' || encoding === 'base64') {
    const compact = text.replace(WHITESPACE, '');
    // lint.ts has said so already.
    if (!isBase64(compact)) return { ok: false, message: null };
    return fromBase64(compact);
  }
  if (DATA_URI.test(text)) {
    const comma = text.indexOf(',');
    const compact = comma === -1 ? '' : text.slice(comma + 1).replace(WHITESPACE, '');
    if (comma === -1 || !/;base64$/i.test(text.slice(0, comma)) || !isBase64(compact)) {
      return { ok: false, message: t('avatars.photo.dataUri') };
    }
    return fromBase64(compact);
  }
  if (URI_SCHEME.test(text)) return { ok: false, message: t('avatars.photo.link') };
  // No ENCODING and no scheme: some exporters write bare base64.
  const compact = text.replace(WHITESPACE, '');
  if (isBase64(compact)) return fromBase64(compact);
  return { ok: false, message: t('avatars.photo.notImage') };
}

function isBase64(compact: string): boolean {
  return compact.length % 4 !== 1 && BASE64.test(compact);
}

function fromBase64(compact: string): PhotoRead | null {
  if (compact === '') return null;
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  const size = Math.floor((compact.length * 3) / 4) - padding;
  if (size > MAX_PHOTO_BYTES) {
    return {
      ok: false,
      message: t('avatars.photo.tooLarge', { size: Math.ceil(size / 1024), limit: MAX_PHOTO_BYTES / 1024 }),
    };
  }
  return checkImage(new Uint8Array(Buffer.from(compact, 'base64')));
}

/** The image in `bytes` when it is one Kith shows, with its header's pixel size within bounds. */
export function checkImage(bytes: Uint8Array): PhotoRead {
  const kind = sniff(bytes);
  if (kind === null) {
    return { ok: false, message: t(looksLikeSvg(bytes) ? 'avatars.photo.svg' : 'avatars.photo.notImage') };
  }
  const size = kind.size(bytes);
  if (size === null || size.width < 1 || size.height < 1) return { ok: false, message: t('avatars.photo.damaged') };
  if (size.width > MAX_PHOTO_SIDE || size.height > MAX_PHOTO_SIDE) {
    return { ok: false, message: t('avatars.photo.tooWide', { ...size, max: MAX_PHOTO_SIDE }) };
  }
  return { ok: true, photo: { mime: kind.mime, width: size.width, height: size.height, bytes } };
}

interface Size {
  width: number;
  height: number;
}

interface Kind {
  mime: PhotoMime;
  size: (b: Uint8Array) => Size | null;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function sniff(b: Uint8Array): Kind | null {
  if (startsWith(b, PNG_MAGIC)) return { mime: 'image/png', size: pngSize };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', size: jpegSize };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return { mime: 'image/gif', size: gifSize };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { mime: 'image/webp', size: webpSize };
  return null;
}

function looksLikeSvg(b: Uint8Array): boolean {
  return /<svg[\s>]/i.test(Buffer.from(b.subarray(0, 4096)).toString('latin1'));
}

/** IHDR, always the first chunk: width and height, big-endian. */
function pngSize(b: Uint8Array): Size | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** The first start-of-frame segment, found by walking the segments from the start. */
function jpegSize(b: Uint8Array): Size | null {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    // Image data or the end before any frame header: no size to trust.
    if (marker === 0xda || marker === 0xd9) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return null;
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

/**
 * The logical screen, grown to hold every frame where it sits (left + width, top + height): a frame may claim more
 * than the screen it sits on, on either side.
 */
function gifSize(b: Uint8Array): Size | null {
  if (b.length < 13) return null;
  const size = { width: u16le(b, 6), height: u16le(b, 8) };
  let i = 13 + colourTable(b[10]!);
  while (i < b.length) {
    const block = b[i];
    if (block === 0x3b) break;
    if (block === 0x21) {
      i = skipSubBlocks(b, i + 2);
    } else if (block === 0x2c) {
      if (i + 10 > b.length) return null;
      size.width = Math.max(size.width, u16le(b, i + 1) + u16le(b, i + 5));
      size.height = Math.max(size.height, u16le(b, i + 3) + u16le(b, i + 7));
      i = skipSubBlocks(b, i + 10 + colourTable(b[i + 9]!) + 1);
    } else {
      return null;
    }
  }
  return size;
}

function colourTable(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0;
}

function skipSubBlocks(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length && b[i] !== 0) i += b[i]! + 1;
  return i + 1;
}

/** Lossy (VP8), lossless (VP8L) or extended (VP8X, whose canvas holds every frame). */
function webpSize(b: Uint8Array): Size | null {
  if (b.length < 30) return null;
  switch (ascii(b, 12, 4)) {
    case 'VP8 ':
      if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
      return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    case 'VP8L': {
      if (b[20] !== 0x2f) return null;
      const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X':
      return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    default:
      return null;
  }
}

function startsWith(b: Uint8Array, magic: readonly number[]): boolean {
  return b.length >= magic.length && magic.every((v, i) => b[i] === v);
}

function ascii(b: Uint8Array, at: number, n: number): string {
  return b.length < at + n ? '' : String.fromCharCode(...b.subarray(at, at + n));
}

function u16be(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function u16le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u24le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}
