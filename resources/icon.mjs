// Draws Hookscope's icon, resources/icon.png (1024x1024, RGBA), with no
// dependency: shapes as signed distances, 4x4 supersampling, a minimal PNG
// encoder. electron-builder makes the macOS .icns and the Windows .ico from it.
//   node resources/icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const SAMPLES = 4;

const clamp = (v, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, v));
const mix = (a, b, t) => a + (b - a) * t;

/** Distance to a rounded square of half-size `h` and corner radius `r`, centred at 0.5, 0.5. */
function roundedSquare(x, y, h, r) {
  const qx = Math.abs(x - 0.5) - h + r;
  const qy = Math.abs(y - 0.5) - h + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to a ring (circle outline) of radius `r` and half-thickness `t`. */
function ring(x, y, cx, cy, r, t) {
  return Math.abs(Math.hypot(x - cx, y - cy) - r) - t;
}

/** Distance to a segment from (ax, ay) to (bx, by), thickened by `t`. */
function segment(x, y, ax, ay, bx, by, t) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const h = clamp((px * dx + py * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - dx * h, py - dy * h) - t;
}

/** Distance to the lower half of a ring (the bend of the hook). */
function lowerArc(x, y, cx, cy, r, t) {
  if (y < cy) return Math.min(Math.hypot(x - (cx - r), y - cy), Math.hypot(x - (cx + r), y - cy)) - t;
  return ring(x, y, cx, cy, r, t);
}

/** The hook: a stem down the middle, a bend, and a short barb back up. */
function hook(x, y) {
  const t = 0.032;
  const stem = segment(x, y, 0.56, 0.36, 0.56, 0.6, t);
  const bend = lowerArc(x, y, 0.47, 0.6, 0.09, t);
  const barb = segment(x, y, 0.38, 0.6, 0.38, 0.54, t);
  const eye = ring(x, y, 0.56, 0.325, 0.035, 0.018);
  return Math.min(stem, bend, barb, eye);
}

/** RGBA of one sample point. */
function shade(x, y) {
  if (roundedSquare(x, y, 0.44, 0.1) > 0) return [0, 0, 0, 0];
  // Background: indigo, lighter at the top left.
  const g = clamp((x + y) / 2);
  let color = [mix(99, 49, g), mix(102, 46, g), mix(241, 129, g)];
  // The scope: a white ring with four ticks, and the hook inside it.
  const lens = ring(x, y, 0.5, 0.5, 0.3, 0.028);
  const ticks = Math.min(
    segment(x, y, 0.5, 0.12, 0.5, 0.2, 0.022),
    segment(x, y, 0.5, 0.8, 0.5, 0.88, 0.022),
    segment(x, y, 0.12, 0.5, 0.2, 0.5, 0.022),
    segment(x, y, 0.8, 0.5, 0.88, 0.5, 0.022),
  );
  if (Math.min(lens, ticks) <= 0) color = [255, 255, 255];
  else if (hook(x, y) <= 0) color = [253, 224, 71];
  return [...color, 255];
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1);
  pixels[row] = 0; // PNG filter: none
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const [r, g, b, a] = shade((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
        sum[0] += r * a;
        sum[1] += g * a;
        sum[2] += b * a;
        sum[3] += a;
      }
    }
    const alpha = sum[3] / (SAMPLES * SAMPLES);
    const at = row + 1 + px * 4;
    for (let c = 0; c < 3; c++) pixels[at + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
    pixels[at + 3] = Math.round(alpha);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('./icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`wrote ${out.pathname} (${SIZE}x${SIZE}, ${png.length} bytes)`);
