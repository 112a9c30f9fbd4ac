// Types of what generate-icons.mjs exports, for the tests that check the files it writes.

/** The app icon drawn at `size` × `size`: straight-alpha RGBA bytes, row by row. */
export function appIconPixels(size: number): Buffer;

/** A PNG (RGBA, 8 bits, one IDAT, filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer;

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number };

/** ICNS entry types holding a PNG, and their pixel size. */
export const icnsTypes: Readonly<Record<string, number>>;

/** An ICNS file of [type, png] entries. */
export function encodeIcns(entries: readonly (readonly [string, Buffer])[]): Buffer;

/** The pixel sizes written into icon.ico. */
export const icoSizes: readonly number[];

/** An ICO file of PNG-compressed images. */
export function encodeIco(pngs: readonly Buffer[]): Buffer;

/** The pixel sizes of the Linux icon set (resources/icons/linux/<n>x<n>.png). */
export const linuxSizes: readonly number[];
