import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { COLOR_ICON, OUTLINE_ICON, iconProblems } from '../../../scripts/appPackage/checks';
import { drawColourIcon, drawOutlineIcon } from '../../../scripts/appPackage/icons';
import { crc32, encodePng, readPng, type RgbaImage } from '../../../scripts/appPackage/png';
import { APP_DIR } from './fixtures';

function solid(size: number, rgba: [number, number, number, number]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) pixels.set(rgba, i * 4);
  return { width: size, height: size, pixels };
}

/** A PNG whose rows are stored with the given filter, as image editors write them. */
function encodeFiltered(image: RgbaImage, filter: number): Buffer {
  const stride = image.width * 4;
  const raw: number[] = [];
  for (let y = 0; y < image.height; y++) {
    raw.push(filter);
    for (let x = 0; x < stride; x++) {
      const at = (yy: number, xx: number) => (yy >= 0 && xx >= 0 ? image.pixels[yy * stride + xx]! : 0);
      const [a, b, c] = [at(y, x - 4), at(y - 1, x), at(y - 1, x - 4)];
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      raw.push((at(y, x) - predictor) & 0xff);
    }
  }
  const plain = encodePng(image);
  const idat = deflateSync(Buffer.from(raw));
  const head = Buffer.alloc(8);
  head.writeUInt32BE(idat.length, 0);
  head.write('IDAT', 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from('IDAT'), idat])), 0);
  return Buffer.concat([plain.subarray(0, 33), head, idat, crc, plain.subarray(plain.length - 12)]);
}

describe('app icons', () => {
  it('ships a 192x192 colour icon and a 32x32 white-on-transparent outline icon', () => {
    assert.deepEqual(iconProblems(readFileSync(join(APP_DIR, 'color.png')), { name: 'color.png', ...COLOR_ICON }), []);
    assert.deepEqual(iconProblems(readFileSync(join(APP_DIR, 'outline.png')), { name: 'outline.png', ...OUTLINE_ICON }), []);
  });

  it('ships the icons the drawing script makes', () => {
    assert.ok(readFileSync(join(APP_DIR, 'color.png')).equals(encodePng(drawColourIcon())));
    assert.ok(readFileSync(join(APP_DIR, 'outline.png')).equals(encodePng(drawOutlineIcon())));
  });

  it('refuses icons of the wrong size', () => {
    const outline = encodePng(drawOutlineIcon());
    assert.deepEqual(iconProblems(outline, { name: 'color.png', ...COLOR_ICON }), ['color.png is 32x32, must be 192x192']);
    const big = encodePng(solid(48, [0, 0, 0, 0]));
    assert.deepEqual(iconProblems(big, { name: 'outline.png', ...OUTLINE_ICON }), ['outline.png is 48x48, must be 32x32']);
  });

  it('refuses an outline icon that is not white on transparent', () => {
    const spec = { name: 'outline.png', ...OUTLINE_ICON };
    assert.deepEqual(iconProblems(encodePng(solid(32, [255, 255, 255, 255])), spec), [
      'outline.png has no transparent pixels: the background must be transparent',
    ]);
    assert.deepEqual(iconProblems(encodePng(solid(32, [0, 0, 0, 0])), spec), ['outline.png is fully transparent: draw the symbol in white']);
    const blue = drawOutlineIcon();
    for (let i = 0; i < blue.pixels.length; i += 4) if (blue.pixels[i + 3]! > 0) blue.pixels.set([29, 92, 143], i);
    assert.match(iconProblems(encodePng(blue), spec).join(), /outline\.png has \d+ pixels that are not white/);
  });

  it('refuses a file that is not a PNG', () => {
    assert.deepEqual(iconProblems(Buffer.from('GIF89a, not a png at all, but long enough'), { name: 'color.png', ...COLOR_ICON }), [
      'color.png: not a PNG file (bad signature)',
    ]);
  });

  it('reads PNGs whose rows use any of the five filters', () => {
    const image = drawOutlineIcon();
    for (const filter of [0, 1, 2, 3, 4]) {
      const png = readPng(encodeFiltered(image, filter));
      assert.deepEqual(png.image?.pixels, image.pixels, `filter ${filter}`);
    }
  });
});
