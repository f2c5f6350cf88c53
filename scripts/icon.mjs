// Draws media/icon.png, the 128×128 marketplace icon: a stack of index cards (the stories of a bank) with a
// check mark (they pass the filters), on a rounded square. Pure Node: shapes are signed distance functions,
// 4×4 supersampled, and the PNG is written with node:zlib. Run: npm run icon
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

// ---- shapes: signed distance (negative inside) ----

function roundedRect(cx, cy, halfW, halfH, radius, degrees = 0) {
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const px = Math.abs(dx * cos + dy * sin) - (halfW - radius);
    const py = Math.abs(-dx * sin + dy * cos) - (halfH - radius);
    return Math.hypot(Math.max(px, 0), Math.max(py, 0)) + Math.min(Math.max(px, py), 0) - radius;
  };
}

function segment(ax, ay, bx, by, halfWidth) {
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) - halfWidth;
  };
}

function circle(cx, cy, radius) {
  return (x, y) => Math.hypot(x - cx, y - cy) - radius;
}

const union =
  (...shapes) =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));
const clip = (shape, by) => (x, y) => Math.max(shape(x, y), by(x, y));

const hex = (value, alpha = 1) => [parseInt(value.slice(1, 3), 16), parseInt(value.slice(3, 5), 16), parseInt(value.slice(5, 7), 16), alpha];

// Painted back to front.
const front = roundedRect(58, 66, 40, 28, 5, -4);
const layers = [
  [roundedRect(64, 64, 62, 62, 22), hex('#1d3b4f')],
  [roundedRect(68, 54, 40, 28, 5, 10), hex('#8fb3c9')],
  [roundedRect(63, 59, 40, 28, 5, 3), hex('#c9dde9')],
  [front, hex('#fbfaf5')],
  // The card's ruling: a red header line and three blue lines, kept inside the card.
  [clip(segment(22, 49, 94, 44, 1.4), front), hex('#d9534f')],
  [clip(segment(23, 60, 95, 55, 1), front), hex('#7fa7c4')],
  [clip(segment(24, 71, 96, 66, 1), front), hex('#7fa7c4')],
  [clip(segment(25, 82, 97, 77, 1), front), hex('#7fa7c4')],
  // The check mark on a green badge.
  [circle(94, 92, 24), hex('#1d3b4f')],
  [circle(94, 92, 20), hex('#2ea043')],
  [union(segment(83, 92, 91, 100, 3.6), segment(91, 100, 106, 83, 3.6)), hex('#ffffff')],
];

function pixel(px, py) {
  const sum = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      let color = [0, 0, 0, 0];
      for (const [shape, paint] of layers) {
        if (shape(x, y) > 0) continue;
        const a = paint[3] + color[3] * (1 - paint[3]);
        color = [0, 1, 2].map((i) => (paint[i] * paint[3] + color[i] * color[3] * (1 - paint[3])) / a).concat(a);
      }
      // Premultiplied, so transparent samples do not darken the edges.
      for (let i = 0; i < 3; i++) sum[i] += color[i] * color[3];
      sum[3] += color[3];
    }
  }
  const alpha = sum[3] / (SAMPLES * SAMPLES);
  return alpha === 0 ? [0, 0, 0, 0] : [...[0, 1, 2].map((i) => Math.round(sum[i] / sum[3])), Math.round(alpha * 255)];
}

// ---- PNG ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function drawIcon() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4);
    rows[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(rows, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  writeFileSync('media/icon.png', drawIcon());
  console.log('wrote media/icon.png');
}
