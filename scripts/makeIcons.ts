import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColourIcon, drawOutlineIcon } from './appPackage/icons';
import { encodePng } from './appPackage/png';

/** Draws the app icons into appPackage/ (run with `npm run icons` after changing the drawing). */
const dir = join(__dirname, '..', 'appPackage');
writeFileSync(join(dir, 'color.png'), encodePng(drawColourIcon()));
writeFileSync(join(dir, 'outline.png'), encodePng(drawOutlineIcon()));
process.stdout.write(`icons written to ${dir}\n`);
