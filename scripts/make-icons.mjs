// Generates the PWA icons in public/ (192, 512 and a maskable 512) as plain PNGs, with no
// image dependency: a rounded blue tile with a white "person" glyph, drawn pixel by pixel.
// Run: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const BLUE = [34, 139, 230];
const WHITE = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** maskable: full-bleed background, glyph inside the 80% safe zone. */
function icon(size, maskable) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const radius = maskable ? 0 : size * 0.18;
  const s = maskable ? 0.7 : 1; // shrink the glyph into the safe zone
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      // rounded-rectangle tile
      const dx = Math.max(radius - px, 0, px - (size - radius));
      const dy = Math.max(radius - py, 0, py - (size - radius));
      const inTile = radius === 0 || dx * dx + dy * dy <= radius * radius;
      // person glyph: head circle + shoulders half-disc, relative to centre
      const u = (px - c) / (size * s);
      const v = (py - c) / (size * s);
      const head = u * u + (v + 0.12) ** 2 <= 0.13 ** 2;
      const body = v >= 0.1 && v <= 0.3 && u * u + ((v - 0.3) / 1.0) ** 2 <= 0.25 ** 2;
      const color = head || body ? WHITE : BLUE;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = color[0];
      raw[o + 1] = color[1];
      raw[o + 2] = color[2];
      raw[o + 3] = inTile ? 255 : 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192, false));
writeFileSync(new URL('icon-512.png', out), icon(512, false));
writeFileSync(new URL('icon-maskable-512.png', out), icon(512, true));
console.log('icons written to public/');
