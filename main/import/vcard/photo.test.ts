import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImage, MAX_PHOTO_BYTES, readPhoto, type PhotoRead } from './photo.ts';

const PHOTOS = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'photos');
const fixture = (name: string) => new Uint8Array(readFileSync(join(PHOTOS, name)));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function kept(read: PhotoRead | null) {
  if (read === null || !read.ok) throw new Error(`expected a photo, got ${JSON.stringify(read)}`);
  return { mime: read.photo.mime, width: read.photo.width, height: read.photo.height };
}

function refused(read: PhotoRead | null): string | null {
  if (read === null || read.ok) throw new Error(`expected a refusal, got ${read === null ? 'nothing' : 'a photo'}`);
  return read.message;
}

/** A RIFF/WEBP file whose first chunk is `chunk` with `body` (enough bytes for the header to be read). */
function webp(chunk: string, body: number[]): Uint8Array {
  const b = new Uint8Array(40);
  b.set(Buffer.from('RIFF'), 0);
  b.set(Buffer.from('WEBP'), 8);
  b.set(Buffer.from(chunk), 12);
  b.set(body, 20);
  return b;
}

/** A GIF of a `screen` with frames at [left, top, width, height], no colour tables; the pixel data is not read. */
function gif(screen: [number, number], frames: Array<[number, number, number, number]>): Uint8Array {
  const le = (n: number) => [n & 0xff, n >> 8];
  const bytes = [...Buffer.from('GIF89a'), ...le(screen[0]), ...le(screen[1]), 0, 0, 0];
  for (const [left, top, width, height] of frames) {
    // Descriptor, LZW code size, one data sub-block, the terminator.
    bytes.push(0x2c, ...le(left), ...le(top), ...le(width), ...le(height), 0, 2, 2, 0x4c, 0x01, 0);
  }
  bytes.push(0x3b);
  return new Uint8Array(bytes);
}

describe('checkImage', () => {
  it('keeps PNG, JPEG, GIF and WebP made by real encoders, with the size from their headers', () => {
    expect(kept(checkImage(fixture('photo.png')))).toEqual({ mime: 'image/png', width: 16, height: 16 });
    expect(kept(checkImage(fixture('photo.jpg')))).toEqual({ mime: 'image/jpeg', width: 48, height: 48 });
    expect(kept(checkImage(fixture('photo.gif')))).toEqual({ mime: 'image/gif', width: 2, height: 2 });
    expect(kept(checkImage(fixture('photo.webp')))).toEqual({ mime: 'image/webp', width: 48, height: 48 });
  });

  it('reads lossless and extended WebP headers', () => {
    // VP8L: signature 0x2f, then 14 bits width - 1 and 14 bits height - 1: 300 × 200.
    const bits = 299 | (199 << 14);
    const vp8l = webp('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24]);
    expect(kept(checkImage(vp8l))).toEqual({ mime: 'image/webp', width: 300, height: 200 });
    // VP8X: flags and reserved (4 bytes from 20), then canvas width - 1 and height - 1 in 24 bits: 4000 × 10.
    const vp8x = webp('VP8X', [0, 0, 0, 0, 0x9f, 0x0f, 0, 9, 0, 0]);
    expect(refused(checkImage(vp8x))).toBe(
      'The PHOTO is 4,000 × 10 pixels, larger than 2,048 × 2,048, so it was ignored.',
    );
  });

  it('refuses a PNG whose header claims 100,000 × 100,000 pixels before anything decodes it', () => {
    expect(refused(checkImage(fixture('bomb.png')))).toBe(
      'The PHOTO is 100,000 × 100,000 pixels, larger than 2,048 × 2,048, so it was ignored.',
    );
  });

  it('refuses a GIF with a frame larger than its screen', () => {
    const gif = fixture('photo.gif').slice();
    // The image descriptor follows the 13-byte header and the 12-byte colour table: its width is at +5.
    gif[25 + 5] = 0x10;
    gif[25 + 6] = 0x27; // 10,000
    expect(refused(checkImage(gif))).toMatch(/^The PHOTO is 10,000 × 2 pixels/);
  });

  it('checks every GIF frame where it sits, not only the largest', () => {
    expect(
      kept(
        checkImage(
          gif(
            [2000, 2000],
            [
              [0, 0, 2000, 2000],
              [1000, 1990, 1000, 10],
            ],
          ),
        ),
      ),
    ).toEqual({
      mime: 'image/gif',
      width: 2000,
      height: 2000,
    });
    // A long thin frame, smaller in area than the screen.
    expect(refused(checkImage(gif([2000, 2000], [[0, 0, 10000, 1]])))).toMatch(/^The PHOTO is 10,000 × 2,000 pixels/);
    // A frame within the limit, placed past it.
    expect(
      refused(
        checkImage(
          gif(
            [2000, 2000],
            [
              [0, 0, 2, 2],
              [0, 1500, 2, 1000],
            ],
          ),
        ),
      ),
    ).toMatch(/^The PHOTO is 2,000 × 2,500 pixels/);
  });

  it('refuses SVG by name and anything else as not an image, whatever it is declared to be', () => {
    expect(refused(checkImage(fixture('drawing.svg')))).toBe(
      'The PHOTO is an SVG image, which Kith does not show, so it was ignored.',
    );
    expect(refused(checkImage(new TextEncoder().encode('<html><script>alert(1)</script></html>')))).toBe(
      'The PHOTO is not a PNG, JPEG, GIF or WebP image, so it was ignored.',
    );
    expect(refused(checkImage(new Uint8Array([0x42, 0x4d, 0, 0, 0, 0])))).toMatch(/not a PNG, JPEG, GIF or WebP/);
  });

  it('refuses images cut off before their size', () => {
    const damaged = 'The PHOTO image is damaged: its size could not be read from it, so it was ignored.';
    expect(refused(checkImage(fixture('photo.png').slice(0, 20)))).toBe(damaged);
    // A JPEG of its start marker and a few bytes of its first segment, with no frame header.
    expect(refused(checkImage(fixture('photo.jpg').slice(0, 30)))).toBe(damaged);
    expect(refused(checkImage(fixture('photo.webp').slice(0, 24)))).toBe(damaged);
  });
});

describe('readPhoto', () => {
  const png = fixture('photo.png');

  it('reads 2.1/3.0 base64 (folded, with whitespace) and 4.0 data: URIs', () => {
    const folded = b64(png).replace(/(.{20})/g, '$1\r\n ');
    expect(kept(readPhoto(folded, 'b'))).toMatchObject({ mime: 'image/png' });
    expect(kept(readPhoto(b64(png), 'base64'))).toMatchObject({ mime: 'image/png' });
    expect(kept(readPhoto(`data:image/jpeg;base64,${b64(png)}`, ''))).toMatchObject({ mime: 'image/png' });
  });

  it('never fetches a link, and says so', () => {
    for (const uri of ['https://example.com/a.jpg', 'http://x/y.png', 'file:///etc/passwd', 'cid:part1']) {
      expect(refused(readPhoto(uri, ''))).toBe('The PHOTO is a link, and Kith never fetches links, so it was ignored.');
    }
  });

  it('refuses data: URIs that are not base64, and leaves broken ENCODING=b base64 to the lint', () => {
    expect(refused(readPhoto('data:image/png,%89PNG', ''))).toBe(
      'The PHOTO data URI is not valid base64, so it was ignored.',
    );
    expect(refused(readPhoto('data:image/png;base64,!!!', ''))).toMatch(/data URI is not valid base64/);
    expect(refused(readPhoto('!@!@', 'b'))).toBeNull();
  });

  it('refuses more than 256 KB from the encoded length, without decoding it', () => {
    const big = 'A'.repeat(Math.ceil(((MAX_PHOTO_BYTES + 3) * 4) / 3 / 4) * 4);
    expect(refused(readPhoto(big, 'b'))).toBe(
      'The PHOTO is 257 KB, more than the 256 KB Kith keeps, so it was ignored.',
    );
    const exactly = Buffer.alloc(MAX_PHOTO_BYTES);
    exactly.set(png);
    expect(kept(readPhoto(exactly.toString('base64'), 'b'))).toMatchObject({ width: 16 });
  });

  it('has nothing to say about an empty value', () => {
    expect(readPhoto('  ', 'b')).toBeNull();
    expect(readPhoto('', '')).toBeNull();
  });
});
