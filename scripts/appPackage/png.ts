import { deflateSync, inflateSync } from 'node:zlib';

/** An image as 8-bit RGBA pixels, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  /** `width * height * 4` bytes: red, green, blue, alpha. */
  pixels: Uint8Array;
}

/** What the PNG header says, and the pixels when this reader can decode them. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
  /** Undefined for formats the decoder does not handle (16-bit, below 8-bit, interlaced). */
  image: RgbaImage | undefined;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG and ZIP use it. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes an RGBA image as a PNG (colour type 6, 8 bits, no interlace). */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, pixels } = image;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Thrown when a file is not a PNG this reader can make sense of. */
export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngError';
  }
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Reads a PNG: the header always, and the pixels as RGBA for 8-bit, non-interlaced images of any
 * colour type (grey, RGB, palette with tRNS, grey+alpha, RGBA).
 */
export function readPng(buffer: Buffer): PngInfo {
  if (buffer.length < 33 || !buffer.subarray(0, 8).equals(SIGNATURE)) throw new PngError('not a PNG file (bad signature)');
  let offset = 8;
  let header: Omit<PngInfo, 'image'> | undefined;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const data: Buffer[] = [];
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length) throw new PngError(`chunk ${type} is cut short`);
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8]!,
        colorType: body[9]!,
        interlaced: body[12] === 1,
      };
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new PngError('no IHDR chunk');
  const channels = CHANNELS[header.colorType];
  if (channels === undefined) throw new PngError(`unknown colour type ${header.colorType}`);
  if (header.bitDepth !== 8 || header.interlaced) return { ...header, image: undefined };
  const raw = inflateSync(Buffer.concat(data));
  const samples = unfilter(raw, header.width, header.height, channels);
  return { ...header, image: toRgba(samples, header.width, header.height, header.colorType, palette, transparency) };
}

function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  if (raw.length < (stride + 1) * height) throw new PngError('image data is shorter than the header says');
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[row - stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp]! : 0;
      out[row + x] = (line[x]! + predict(filter, a, b, c)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new PngError(`unknown filter type ${filter}`);
  }
}

function toRgba(
  samples: Uint8Array,
  width: number,
  height: number,
  colorType: number,
  palette: Buffer | undefined,
  transparency: Buffer | undefined,
): RgbaImage {
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const [r, g, b, a] = pixel(samples, i, colorType, palette, transparency);
    pixels.set([r, g, b, a], i * 4);
  }
  return { width, height, pixels };
}

function pixel(
  s: Uint8Array,
  i: number,
  colorType: number,
  palette: Buffer | undefined,
  trns: Buffer | undefined,
): [number, number, number, number] {
  switch (colorType) {
    case 0: {
      const v = s[i]!;
      return [v, v, v, trns && trns.length >= 2 && trns.readUInt16BE(0) === v ? 0 : 255];
    }
    case 2: {
      const [r, g, b] = [s[i * 3]!, s[i * 3 + 1]!, s[i * 3 + 2]!];
      const clear = trns && trns.length >= 6 && trns.readUInt16BE(0) === r && trns.readUInt16BE(2) === g && trns.readUInt16BE(4) === b;
      return [r, g, b, clear ? 0 : 255];
    }
    case 3: {
      const index = s[i]!;
      if (!palette || index * 3 + 2 >= palette.length) throw new PngError('palette index out of range');
      return [palette[index * 3]!, palette[index * 3 + 1]!, palette[index * 3 + 2]!, trns?.[index] ?? 255];
    }
    case 4:
      return [s[i * 2]!, s[i * 2]!, s[i * 2]!, s[i * 2 + 1]!];
    default:
      return [s[i * 4]!, s[i * 4 + 1]!, s[i * 4 + 2]!, s[i * 4 + 3]!];
  }
}
