// Draws resources/icon.png (512×512): a teal rounded square with a white contact glyph.
// Run with `node scripts/make-icon.ts`; the PNG is committed, so this only reruns on a redesign.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const size = 512;
const samples = 4; // per axis, for anti-aliased edges
const teal = [15, 118, 110] as const;
const white = [255, 255, 255] as const;

function insideRoundedSquare(x: number, y: number): boolean {
  const margin = 24;
  const radius = 104;
  const lo = margin + radius;
  const hi = size - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= margin && x <= size - margin && y >= margin && y <= size - margin && dx * dx + dy * dy <= radius * radius;
}

function insideGlyph(x: number, y: number): boolean {
  const head = (x - 256) ** 2 + (y - 196) ** 2 <= 78 ** 2;
  // Shoulders: the upper half of an ellipse, cut flat at the bottom.
  const shoulders = y <= 404 && ((x - 256) / 150) ** 2 + ((y - 404) / 124) ** 2 <= 1;
  return head || shoulders;
}

function pixel(px: number, py: number): [number, number, number, number] {
  let square = 0;
  let glyph = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const x = px + (sx + 0.5) / samples;
      const y = py + (sy + 0.5) / samples;
      if (insideRoundedSquare(x, y)) {
        square++;
        if (insideGlyph(x, y)) glyph++;
      }
    }
  }
  if (square === 0) return [0, 0, 0, 0];
  const mix = glyph / square;
  const channel = (i: 0 | 1 | 2): number => Math.round(teal[i] * (1 - mix) + white[i] * mix);
  return [channel(0), channel(1), channel(2), Math.round((255 * square) / samples ** 2)];
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
// Each scanline starts with filter type 0 (none).
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  const row = y * (size * 4 + 1);
  for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
}

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = path.resolve(import.meta.dirname, '..', 'resources', 'icon.png');
writeFileSync(target, png);
console.log(`wrote ${target} (${png.length} bytes)`);
