import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { renderCard, templateNames } from '../../../src/cards/renderCard';
import type { Locale } from '../../../src/config';
import { CARDS_DIR, PROJECT_ROOT } from '../../../src/paths';

/** Teams' narrowest card: a phone in portrait, about 320 px for the whole card. */
export const NARROW_CARD_PX = 320;

/** Close to Teams' own: Segoe UI where it exists, else the system's sans-serif (wider, so stricter). */
const HOST_CONFIG = {
  fontFamily: "'Segoe UI', system-ui, 'DejaVu Sans', sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  supportsInteractivity: true,
};

export interface BrokenWord {
  template: string;
  locale: Locale;
  word: string;
}

/** Every template's sample card, rendered as the bot renders it, in both languages. */
export function sampleCards(): { template: string; locale: Locale; card: object }[] {
  return templateNames().flatMap((template) => {
    const data = JSON.parse(readFileSync(join(CARDS_DIR, `${template}.data.json`), 'utf8')) as object;
    return (['sv', 'en'] as const).map((locale) => ({ template, locale, card: renderCard(template, data, locale) }));
  });
}

/** Loads the Adaptive Cards renderer into a blank page of `NARROW_CARD_PX` wide cards. */
export async function prepareRenderer(page: Page): Promise<void> {
  await page.setViewportSize({ width: NARROW_CARD_PX + 40, height: 800 });
  await page.setContent(`<!doctype html><html><body style="margin:0"><div id="card" style="width:${NARROW_CARD_PX}px"></div></body></html>`);
  await page.addScriptTag({ path: join(PROJECT_ROOT, 'node_modules/adaptivecards/dist/adaptivecards.min.js') });
}

/**
 * Renders `card` at the narrow width and returns the words the layout broke across lines
 * ("Komme|r"): a word is broken when its letters stand on more than one line. A break at a
 * hyphen or slash is allowed; long data such as e-mail addresses and links is not a word here.
 * A text cut off at the card's edge ("Frånv…") counts too, as `clipped: <text>`.
 */
export async function brokenWords(page: Page, card: object): Promise<string[]> {
  return page.evaluate<string[]>(`(${IN_PAGE})(${JSON.stringify(card)}, ${JSON.stringify(HOST_CONFIG)})`);
}

/** Runs in the page (plain JavaScript, so the project's types need no DOM): renders, then measures each word. */
const IN_PAGE = `(card, hostConfig) => {
  const target = document.getElementById('card');
  target.innerHTML = '';
  // Teams shows **bold** and [links](url); the renderer leaves markdown to its host.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    result.outputHtml = escaped
      .replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>')
      .replace(/\\[([^\\]]+)\\]\\(([^)]+)\\)/g, '<a href="$2">$1</a>')
      .replace(/\\n/g, '<br>');
    result.didProcess = true;
  };
  const adaptive = new AdaptiveCards.AdaptiveCard();
  adaptive.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  adaptive.parse(card);
  const element = adaptive.render();
  target.appendChild(element);
  const broken = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent || '';
    for (const match of text.matchAll(/[^\\s\\-/–—]+/g)) {
      if (/[@:]|\\.\\w/.test(match[0])) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  for (const block of element.querySelectorAll('.ac-textBlock')) {
    if (block.scrollWidth > block.clientWidth + 1) broken.push('clipped: ' + block.textContent);
  }
  return broken;
}`;
