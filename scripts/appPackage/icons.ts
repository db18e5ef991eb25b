import type { RgbaImage } from './png';

type Point = readonly [number, number];
type Polygon = readonly Point[];

/** The app's accent colour: the colour icon's background and the manifest's `accentColor`. */
export const ACCENT = '#1D5C8F';

/**
 * The letters "LV" as polygons in em units (height 1, y downwards), each glyph from x = 0.
 * Bold and geometric, so they stay legible at 32 pixels.
 */
const GLYPH_L: { width: number; shapes: Polygon[] } = {
  width: 0.6,
  shapes: [
    [
      [0, 0],
      [0.26, 0],
      [0.26, 0.76],
      [0.6, 0.76],
      [0.6, 1],
      [0, 1],
    ],
  ],
};

const GLYPH_V: { width: number; shapes: Polygon[] } = {
  width: 0.86,
  shapes: [
    [
      [0, 0],
      [0.28, 0],
      [0.43, 0.66],
      [0.58, 0],
      [0.86, 0],
      [0.57, 1],
      [0.29, 1],
    ],
  ],
};

const GAP = 0.1;

/** "LV" placed with its cap height `height` pixels, centred in a `size` square. */
function lettering(size: number, height: number): Polygon[] {
  const width = (GLYPH_L.width + GAP + GLYPH_V.width) * height;
  const left = (size - width) / 2;
  const top = (size - height) / 2;
  const place = (shape: Polygon, dx: number): Polygon => shape.map(([x, y]) => [left + (x + dx) * height, top + y * height] as const);
  return [
    ...GLYPH_L.shapes.map((s) => place(s, 0)),
    ...GLYPH_V.shapes.map((s) => place(s, GLYPH_L.width + GAP)),
  ];
}

function inside(polygon: Polygon, x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** Share of each pixel covered by the shapes, from 4x4 samples per pixel. */
function coverage(size: number, shapes: Polygon[]): Float64Array {
  const out = new Float64Array(size * size);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const px = x + (sx + 0.5) / n;
          const py = y + (sy + 0.5) / n;
          if (shapes.some((s) => inside(s, px, py))) hits++;
        }
      }
      out[y * size + x] = hits / (n * n);
    }
  }
  return out;
}

function hexColour(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
}

/** The 192x192 colour icon: white "LV" on a full accent-coloured square. */
export function drawColourIcon(): RgbaImage {
  const size = 192;
  const ink = coverage(size, lettering(size, 84));
  const [r, g, b] = hexColour(ACCENT);
  const pixels = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const k = ink[i]!;
    pixels.set([Math.round(r + (255 - r) * k), Math.round(g + (255 - g) * k), Math.round(b + (255 - b) * k), 255], i * 4);
  }
  return { width: size, height: size, pixels };
}

/** The 32x32 outline icon: white "LV" on a transparent background, edges smoothed with alpha. */
export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const ink = coverage(size, lettering(size, 17));
  const pixels = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const alpha = Math.round(ink[i]! * 255);
    pixels.set(alpha === 0 ? [0, 0, 0, 0] : [255, 255, 255, alpha], i * 4);
  }
  return { width: size, height: size, pixels };
}
