#!/usr/bin/env node
// Draws the cockpit's icons (a gauge) and writes them next to this script:
//   icon.png (512), icon-256.png          the app icon (window icon on Linux and Windows)
//   icon.icns                             the macOS app icon: PNG entries of 32 … 1024 px (electron-builder)
//   icon.ico                              the Windows app icon: PNG entries of 16 … 256 px (electron-builder)
//   linux/<n>x<n>.png                     the Linux icon set (16 … 512), installed into hicolor by the deb
//   tray-<status>.png (16) and @2x (32)   tray icons for up / degraded / down / unknown
//   trayTemplate.png (16) and @2x (32)    the macOS menu-bar template (black + alpha)
// No image library and no external tool: shapes are signed distance functions, 4×4 supersampled, encoded with
// zlib; ICNS and ICO are plain containers of those PNGs. Run: node resources/icons/generate-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

// ── shapes: signed distance in icon units (the icon spans 0…1), negative inside ────────────────────────────────
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;

function roundedSquare(inset, radius) {
  return (x, y) => {
    const half = 0.5 - inset - radius;
    const dx = Math.abs(x - 0.5) - half;
    const dy = Math.abs(y - 0.5) - half;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - radius;
  };
}

/** A ring segment with round caps, from angle `from` to `to` (degrees, clockwise from 12 o'clock). */
function arc(cx, cy, r, width, from, to) {
  const point = (deg) => {
    const rad = (deg * Math.PI) / 180;
    return [cx + r * Math.sin(rad), cy - r * Math.cos(rad)];
  };
  const [ax, ay] = point(from);
  const [bx, by] = point(to);
  return (x, y) => {
    let deg = (Math.atan2(x - cx, -(y - cy)) * 180) / Math.PI;
    while (deg < from) deg += 360;
    if (deg <= to) return Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
    return Math.min(Math.hypot(x - ax, y - ay), Math.hypot(x - bx, y - by)) - width / 2;
  };
}

/** A line from (x1, y1) to (x2, y2) with round ends. */
function capsule(x1, y1, x2, y2, width) {
  return (x, y) => {
    const vx = x2 - x1;
    const vy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * vx + (y - y1) * vy) / (vx * vx + vy * vy)));
    return Math.hypot(x - (x1 + t * vx), y - (y1 + t * vy)) - width / 2;
  };
}

// ── raster ─────────────────────────────────────────────────────────────────────────────────────────────────────
/** layers: [{ shape, color: [r, g, b, a] | (x, y) => [r, g, b, a] }], painted bottom to top; RGBA bytes. */
function rasterize(size, layers) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { shape, color } of layers) {
        let covered = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size) <= 0) covered++;
          }
        }
        if (covered === 0) continue;
        const [cr, cg, cb, ca] = typeof color === 'function' ? color((px + 0.5) / size, (py + 0.5) / size) : color;
        const alpha = (ca / 255) * (covered / (samples * samples));
        // "over" compositing with straight (non-premultiplied) alpha
        const outA = alpha + a * (1 - alpha);
        if (outA > 0) {
          r = (cr * alpha + r * a * (1 - alpha)) / outA;
          g = (cg * alpha + g * a * (1 - alpha)) / outA;
          b = (cb * alpha + b * a * (1 - alpha)) / outA;
        }
        a = outA;
      }
      const i = (py * size + px) * 4;
      pixels[i] = Math.round(r);
      pixels[i + 1] = Math.round(g);
      pixels[i + 2] = Math.round(b);
      pixels[i + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

/** A PNG (RGBA, 8 bits, one IDAT, filter 0 on every row) of `rgba`, `width` × `height` pixels. */
export function encodePng(width, height, rgba) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride); // filter 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ── the drawings ───────────────────────────────────────────────────────────────────────────────────────────────
const green = [34, 197, 94, 255];
const amber = [245, 158, 11, 255];
const red = [239, 68, 68, 255];
const grey = [156, 163, 175, 255];
const white = [248, 250, 252, 255];
const black = [0, 0, 0, 255];

/** The app icon's pixels: a gauge (green → amber → red) on a dark rounded square, needle in the green. */
export function appIconPixels(size) {
  const gradient = (_x, y) => {
    const t = Math.min(1, Math.max(0, y));
    return [Math.round(17 + 14 * t), Math.round(24 + 17 * t), Math.round(39 + 16 * t), 255];
  };
  const [cx, cy, r, w] = [0.5, 0.55, 0.3, 0.075];
  return rasterize(size, [
    { shape: roundedSquare(0.04, 0.2), color: gradient },
    { shape: arc(cx, cy, r, w, -120, 40), color: green },
    { shape: arc(cx, cy, r, w, 52, 86), color: amber },
    { shape: arc(cx, cy, r, w, 98, 120), color: red },
    { shape: capsule(cx, cy, cx + 0.2 * Math.sin(-0.6), cy - 0.2 * Math.cos(-0.6), 0.045), color: white },
    { shape: circle(cx, cy, 0.055), color: white },
  ]);
}

const appIcon = (size) => encodePng(size, size, appIconPixels(size));

/** Tray icons: a thick ring in the status colour with a centre dot, readable at 16 px. */
function trayIcon(size, color) {
  const pixels = rasterize(size, [
    { shape: arc(0.5, 0.5, 0.36, 0.17, -135, 135), color },
    { shape: capsule(0.5, 0.5, 0.5 + 0.22 * Math.sin(0.8), 0.5 - 0.22 * Math.cos(0.8), 0.13), color },
    { shape: circle(0.5, 0.5, 0.12), color },
  ]);
  return encodePng(size, size, pixels);
}

// ── containers ─────────────────────────────────────────────────────────────────────────────────────────────────
/** Width and height from a PNG's IHDR chunk (it always comes first, right after the 8-byte signature). */
export function pngSize(png) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * ICNS entry types that hold a PNG, and their pixel size (macOS 10.7+): ic07…ic10 are 128…1024 (ic10 is 512@2x),
 * ic11 and ic12 are 16@2x and 32@2x. macOS picks the entry nearest the size it draws and scales it, so 16 px
 * needs no entry of its own.
 */
export const icnsTypes = { ic11: 32, ic12: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 };

/**
 * An ICNS file: 'icns', the total length (big-endian), then per entry its four-character type, its length
 * including that 8-byte header, and the PNG.  entries: [[type, png], …]
 */
export function encodeIcns(entries) {
  const blocks = entries.map(([type, png]) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`an ICNS type is four ASCII characters, not ${type}`);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + blocks.reduce((sum, block) => sum + block.length, 0), 4);
  return Buffer.concat([header, ...blocks]);
}

/** The ICO sizes Windows asks for (shell, taskbar, Start, installer); 256 is the largest an ICO can say. */
export const icoSizes = [16, 24, 32, 48, 64, 128, 256];

/**
 * An ICO file with PNG-compressed images (Windows Vista+): a 6-byte header (0, type 1, count), one 16-byte
 * little-endian directory entry per image (width and height with 0 meaning 256, 1 plane, 32 bits per pixel, the
 * PNG's length and its offset from the start of the file), then the PNGs in the same order.
 */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length + 16 * pngs.length;
  const entries = pngs.map((png) => {
    const { width, height } = pngSize(png);
    if (width > 256 || height > 256) throw new Error(`an ICO image is at most 256 px, not ${width}×${height}`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(width === 256 ? 0 : width, 0);
    entry.writeUInt8(height === 256 ? 0 : height, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs]);
}

/** The Linux icon set: electron-builder takes a folder of <n>x<n>.png as they are, with no conversion tool. */
export const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512];

// ── the files ──────────────────────────────────────────────────────────────────────────────────────────────────
function allFiles() {
  const rendered = new Map();
  const app = (size) => {
    if (!rendered.has(size)) rendered.set(size, appIcon(size));
    return rendered.get(size);
  };
  const files = {
    'icon.png': app(512),
    'icon-256.png': app(256),
    'icon.icns': encodeIcns(Object.entries(icnsTypes).map(([type, size]) => [type, app(size)])),
    'icon.ico': encodeIco(icoSizes.map(app)),
    'trayTemplate.png': trayIcon(16, black),
    'trayTemplate@2x.png': trayIcon(32, black),
  };
  for (const size of linuxSizes) files[`linux/${size}x${size}.png`] = app(size);
  for (const [status, color] of Object.entries({ up: green, degraded: amber, down: red, unknown: grey })) {
    files[`tray-${status}.png`] = trayIcon(16, color);
    files[`tray-${status}@2x.png`] = trayIcon(32, color);
  }
  return files;
}

// Writes the files only when run as a script; the tests import the encoders and the drawing.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, data] of Object.entries(allFiles())) {
    mkdirSync(dirname(join(here, name)), { recursive: true });
    writeFileSync(join(here, name), data);
    console.log(`${name}  ${data.length} bytes`);
  }
}
